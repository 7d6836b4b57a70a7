import type { SyncErrorCode } from '../errors/index.js'
import type {
  HubSpotPipeline,
  HubSpotPipelineStageInput,
  SalesforceOpportunityStage,
} from '../ports/index.js'

/**
 * The stages of a generated pipeline (B-DEAL-20): one per active StageName value, labelled with the value
 * (the API name StageName holds), in SortOrder, with HubSpot's metadata: the probability as a fraction in a
 * string (DefaultProbability / 100; "0" when the org has none) and whether the stage is closed.
 */
export function stagesOfPicklist(values: readonly SalesforceOpportunityStage[]): HubSpotPipelineStageInput[] {
  return values
    .filter((v) => v.active)
    .toSorted((a, b) => a.sortOrder - b.sortOrder || a.value.localeCompare(b.value))
    .map((v) => ({
      label: v.value,
      displayOrder: v.sortOrder,
      probability: probabilityOf(v.probability),
      isClosed: v.closed,
    }))
}

/** 10 -> "0.1", 100 -> "1", null -> "0": a fraction without float noise. */
export function probabilityOf(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return '0'
  const clamped = Math.min(100, Math.max(0, percent))
  return String(Number((clamped / 100).toFixed(6)))
}

/**
 * The stages a generated pipeline lacks after the StageName picklist gained values: HubSpot keeps stages
 * once made, so only new values are added (a removed value's stage stays, as the deals in it do).
 */
export function missingStages(
  pipeline: HubSpotPipeline,
  values: readonly SalesforceOpportunityStage[],
): HubSpotPipelineStageInput[] {
  const labels = new Set(pipeline.stages.map((s) => s.label))
  return stagesOfPicklist(values).filter((s) => !labels.has(s.label))
}

/** One pipeline's StageName <-> HubSpot stage id map, both ways (B-DEAL-20). */
export interface StageMap {
  readonly pipelineId: string
  /** HubSpot stage id -> StageName. */
  readonly toSalesforce: Readonly<Record<string, string>>
  /** StageName -> HubSpot stage id. */
  readonly toHubSpot: Readonly<Record<string, string>>
}

/** A stage value with no counterpart in the pair's pipeline: a property-value error, never a silent drop. */
export interface UnmappedStage {
  /** The side whose write it would fail. */
  readonly side: 'hubspot' | 'salesforce'
  readonly code: SyncErrorCode
  readonly value: string
  readonly message: string
}

/**
 * The map of a generated pipeline: each stage pairs with the StageName equal to its label. A label that
 * appears twice pairs its first stage (in the order HubSpot returns them), so the map stays one-to-one.
 */
export function stageMapOf(pipeline: HubSpotPipeline): StageMap {
  const toSalesforce: Record<string, string> = {}
  const toHubSpot: Record<string, string> = {}
  for (const stage of pipeline.stages) {
    if (stage.label in toHubSpot) continue
    toSalesforce[stage.id] = stage.label
    toHubSpot[stage.label] = stage.id
  }
  return { pipelineId: pipeline.id, toSalesforce, toHubSpot }
}

/** The StageName an HS stage id stands for, or the error a write to Salesforce would be. */
export function stageToSalesforce(map: StageMap, stageId: string): string | UnmappedStage {
  const value = Object.hasOwn(map.toSalesforce, stageId) ? map.toSalesforce[stageId] : undefined
  if (value !== undefined) return value
  return {
    side: 'salesforce',
    code: 'SF_BAD_PICKLIST',
    value: stageId,
    message: `dealstage: HubSpot stage ${stageId} of pipeline ${map.pipelineId} has no StageName counterpart (B-DEAL-20)`,
  }
}

/** The HS stage id a StageName stands for, or the error a write to HubSpot would be. */
export function stageToHubSpot(map: StageMap, stageName: string): string | UnmappedStage {
  const id = Object.hasOwn(map.toHubSpot, stageName) ? map.toHubSpot[stageName] : undefined
  if (id !== undefined) return id
  return {
    side: 'hubspot',
    code: 'HS_VALIDATION',
    value: stageName,
    message: `dealstage: StageName "${stageName}" has no stage in pipeline ${map.pipelineId} (B-DEAL-20)`,
  }
}
