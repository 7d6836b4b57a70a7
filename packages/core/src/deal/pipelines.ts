import type { HubSpotPipeline, SalesforceRecordType } from '../ports/index.js'
import type { SyncedPipeline } from './deal-plan-types.js'
import { stageMapOf } from './stages.js'

/** `settings.deals` as the pipeline setup reads it. */
export interface PipelineSettings {
  /** Explicit record type id -> HubSpot pipeline id; an entry wins over the generated pipeline. */
  readonly pipelines: Readonly<Record<string, string>>
  /** At most this many pipelines sync (B-DEAL-3); null: no cap. */
  readonly maxSyncedPipelines: number | null
}

/** The name HubSpot's connector gives the one pipeline of an org with no or one record type (B-DEAL-2). */
export const STANDARD_PIPELINE_LABEL = 'Salesforce - Standard pipeline'

/** The generated pipeline of a record type (B-DEAL-2). */
export function pipelineLabelOf(recordTypeName: string): string {
  return `Salesforce - ${recordTypeName}`
}

/**
 * One synced pipeline. `recordTypeId` null is the org's only pipeline when it has no record type: its
 * opportunities carry no RecordTypeId and a create from HubSpot sends none.
 */
export interface PipelineEntry {
  readonly recordTypeId: string | null
  readonly label: string
  /** The HubSpot pipeline, or null: it is to be created with `label` (then run the setup again). */
  readonly pipelineId: string | null
  /** Opportunities with no or an unknown record type land here (B-DEAL-2). */
  readonly isDefault: boolean
}

export interface PipelineSetup {
  readonly entries: readonly PipelineEntry[]
  /** Pipelines to create in HubSpot, with their record type; their stages come from stagesOfPicklist. */
  readonly toCreate: readonly PipelineEntry[]
  /** Record types over the cap (B-DEAL-3), in the order they were left out. */
  readonly skipped: readonly SalesforceRecordType[]
  /** Configuration warnings: the skipped record types, configured pipelines that do not exist. */
  readonly warnings: readonly string[]
}

/**
 * Which record types sync with which HubSpot pipelines (B-DEAL-2, 3). An org with no record type or one
 * gets one pipeline, "Salesforce - Standard pipeline"; an org with several gets "Salesforce - <record type
 * name>" each. A pipeline already in HubSpot with that label is reused, so the setup is idempotent; an
 * explicit `pipelines` entry names the pipeline instead. Under `maxSyncedPipelines` the record types with
 * an explicit entry come first, then the others, each group by name then id; the rest are skipped with a
 * warning naming them. Pure and deterministic.
 */
export function planPipelines(init: {
  /** The org's Opportunity record types; inactive ones are left out. */
  readonly recordTypes: readonly SalesforceRecordType[]
  /** The record type new opportunities get (describe `defaultRecordTypeMapping`). (Default: the first kept) */
  readonly defaultRecordTypeId?: string | undefined
  readonly hubspotPipelines: readonly HubSpotPipeline[]
  readonly settings: PipelineSettings
}): PipelineSetup {
  const { hubspotPipelines, settings } = init
  const recordTypes = init.recordTypes.filter((r) => r.active)
  const byLabel = new Map<string, string>()
  for (const p of hubspotPipelines) if (!byLabel.has(p.label)) byLabel.set(p.label, p.id)
  const known = new Set(hubspotPipelines.map((p) => p.id))
  const warnings: string[] = []
  const configured = new Map<string, string>()
  for (const rt of recordTypes.toSorted((a, b) => a.id.localeCompare(b.id))) {
    if (!Object.hasOwn(settings.pipelines, rt.id)) continue
    const pipelineId = settings.pipelines[rt.id] ?? ''
    if (known.has(pipelineId)) configured.set(rt.id, pipelineId)
    else
      warnings.push(
        `settings.deals.pipelines: pipeline ${pipelineId} for record type ${rt.name} (${rt.id}) is not in HubSpot; the generated pipeline is used`,
      )
  }
  const single = recordTypes.length <= 1
  const ordered = recordTypes.toSorted(
    (a, b) =>
      Number(configured.has(b.id)) - Number(configured.has(a.id)) ||
      a.name.localeCompare(b.name) ||
      a.id.localeCompare(b.id),
  )
  const cap = settings.maxSyncedPipelines ?? Number.POSITIVE_INFINITY
  const kept = single ? ordered : ordered.slice(0, cap)
  const skipped = ordered.slice(kept.length)
  const defaultId = init.defaultRecordTypeId ?? kept[0]?.id
  const entries: PipelineEntry[] = single
    ? [entryOf(recordTypes[0]?.id ?? null, STANDARD_PIPELINE_LABEL, true)]
    : kept.map((rt) => entryOf(rt.id, pipelineLabelOf(rt.name), rt.id === defaultId))
  function entryOf(recordTypeId: string | null, label: string, isDefault: boolean): PipelineEntry {
    const explicit = recordTypeId === null ? undefined : configured.get(recordTypeId)
    return { recordTypeId, label, pipelineId: explicit ?? byLabel.get(label) ?? null, isDefault }
  }
  if (skipped.length > 0)
    warnings.push(
      `B-DEAL-3: settings.deals.maxSyncedPipelines is ${String(settings.maxSyncedPipelines)}; record types not synced: ${skipped.map((r) => `${r.name} (${r.id})`).join(', ')}`,
    )
  return { entries, toCreate: entries.filter((e) => e.pipelineId === null), skipped, warnings }
}

/**
 * What planDeals reads of a setup once its pipelines exist: each entry whose HubSpot pipeline is there, with
 * that pipeline's stage map, and the record types over the cap. An entry still to be created syncs nothing yet.
 */
export function syncedPipelinesOf(
  setup: PipelineSetup,
  hubspotPipelines: readonly HubSpotPipeline[],
): { readonly pipelines: readonly SyncedPipeline[]; readonly unsyncedRecordTypes: ReadonlySet<string> } {
  const pipelines = setup.entries.flatMap((e): SyncedPipeline[] => {
    const pipeline = hubspotPipelines.find((p) => p.id === e.pipelineId)
    if (pipeline === undefined) return []
    return [
      {
        pipelineId: pipeline.id,
        recordTypeId: e.recordTypeId,
        isDefault: e.isDefault,
        stages: stageMapOf(pipeline),
      },
    ]
  })
  return { pipelines, unsyncedRecordTypes: new Set(setup.skipped.map((r) => r.id)) }
}
