/** A pipeline stage (api-surface.md 3.7); metadata values are strings, as HubSpot sends them. */
export interface PipelineStage {
  readonly id: string
  label: string
  displayOrder: number
  metadata: Record<string, string>
  archived: boolean
  readonly createdAt: number
  updatedAt: number
}

export interface Pipeline {
  readonly id: string
  label: string
  displayOrder: number
  archived: boolean
  stages: PipelineStage[]
  readonly createdAt: number
  updatedAt: number
}

const SALES_STAGES: ReadonlyArray<readonly [string, string, string, boolean]> = [
  ['appointmentscheduled', 'Appointment Scheduled', '0.2', false],
  ['qualifiedtobuy', 'Qualified To Buy', '0.4', false],
  ['presentationscheduled', 'Presentation Scheduled', '0.6', false],
  ['decisionmakerboughtin', 'Decision Maker Bought-In', '0.8', false],
  ['contractsent', 'Contract Sent', '0.9', false],
  ['closedwon', 'Closed Won', '1.0', true],
  ['closedlost', 'Closed Lost', '0.0', true],
]

/** The `default` deal pipeline ("Sales Pipeline") every portal starts with. */
export function defaultDealPipeline(createdAt: number): Pipeline {
  return {
    id: 'default',
    label: 'Sales Pipeline',
    displayOrder: 0,
    archived: false,
    createdAt,
    updatedAt: createdAt,
    stages: SALES_STAGES.map(([id, label, probability, isClosed], displayOrder) => ({
      id,
      label,
      displayOrder,
      metadata: { probability, isClosed: String(isClosed) },
      archived: false,
      createdAt,
      updatedAt: createdAt,
    })),
  }
}

export function toStageJson(stage: PipelineStage): Record<string, unknown> {
  return {
    id: stage.id,
    label: stage.label,
    displayOrder: stage.displayOrder,
    metadata: stage.metadata,
    archived: stage.archived,
    writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
    createdAt: new Date(stage.createdAt).toISOString(),
    updatedAt: new Date(stage.updatedAt).toISOString(),
  }
}

export function toPipelineJson(pipeline: Pipeline): Record<string, unknown> {
  return {
    id: pipeline.id,
    label: pipeline.label,
    displayOrder: pipeline.displayOrder,
    archived: pipeline.archived,
    createdAt: new Date(pipeline.createdAt).toISOString(),
    updatedAt: new Date(pipeline.updatedAt).toISOString(),
    stages: pipeline.stages.filter((stage) => !stage.archived).map(toStageJson),
  }
}
