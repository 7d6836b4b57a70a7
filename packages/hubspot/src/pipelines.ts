// Deal pipelines and stages (api-surface 3.7). Stage metadata values are strings in HubSpot:
// `probability` "0.2", `isClosed` "true"/"false".
import type {
  HubSpotPipeline,
  HubSpotPipelineInput,
  HubSpotPipelineStage,
  HubSpotPipelineStageInput,
} from '@crmsync/core'
import type { Client } from '@hubspot/api-client'

import type { Call } from './retry-policy.js'

interface StageLike {
  readonly id: string
  readonly label: string
  readonly displayOrder: number
  readonly archived?: boolean | undefined
  readonly metadata?: Readonly<Record<string, string>> | undefined
}

interface PipelineLike {
  readonly id: string
  readonly label: string
  readonly displayOrder: number
  readonly archived?: boolean | undefined
  readonly stages: readonly StageLike[]
}

export interface PipelinesDeps {
  readonly client: Client
  readonly call: Call
}

function fromStage(stage: StageLike): HubSpotPipelineStage {
  const probability = stage.metadata?.['probability']
  return {
    id: stage.id,
    label: stage.label,
    displayOrder: stage.displayOrder,
    ...(probability === undefined ? {} : { probability }),
    isClosed: stage.metadata?.['isClosed'] === 'true',
  }
}

function fromPipeline(pipeline: PipelineLike): HubSpotPipeline {
  return {
    id: pipeline.id,
    label: pipeline.label,
    displayOrder: pipeline.displayOrder,
    stages: pipeline.stages
      .filter((stage) => stage.archived !== true)
      .map(fromStage)
      .sort((a, b) => a.displayOrder - b.displayOrder),
  }
}

function toStageInput(stage: HubSpotPipelineStageInput) {
  return {
    label: stage.label,
    displayOrder: stage.displayOrder,
    metadata: {
      ...(stage.probability === undefined ? {} : { probability: stage.probability }),
      isClosed: String(stage.isClosed),
    },
  }
}

/** The live deal pipelines with their live stages, in display order: 1 call. */
export async function readDealPipelines(deps: PipelinesDeps): Promise<HubSpotPipeline[]> {
  const reply = await deps.call('deal pipelines read', () =>
    deps.client.crm.pipelines.pipelinesApi.getAll('deals'),
  )
  return (reply.results as readonly PipelineLike[])
    .filter((pipeline) => pipeline.archived !== true)
    .map(fromPipeline)
    .sort((a, b) => a.displayOrder - b.displayOrder)
}

/** One pipeline with its stages: 1 call (201). */
export async function createDealPipeline(
  deps: PipelinesDeps,
  input: HubSpotPipelineInput,
): Promise<HubSpotPipeline> {
  const created = await deps.call('deal pipeline create', () =>
    deps.client.crm.pipelines.pipelinesApi.create('deals', {
      label: input.label,
      displayOrder: input.displayOrder,
      stages: input.stages.map(toStageInput),
    }),
  )
  return fromPipeline(created)
}

/** Stages added one call each (HubSpot has no batch), then the pipeline read back: stages + 1 calls. */
export async function addDealStages(
  deps: PipelinesDeps,
  pipelineId: string,
  stages: readonly HubSpotPipelineStageInput[],
): Promise<HubSpotPipeline> {
  const api = deps.client.crm.pipelines
  for (const stage of stages) {
    await deps.call('deal pipeline stage create', () =>
      api.pipelineStagesApi.create('deals', pipelineId, toStageInput(stage)),
    )
  }
  const pipeline = await deps.call('deal pipeline read', () => api.pipelinesApi.getById('deals', pipelineId))
  return fromPipeline(pipeline)
}
