import type { PipelineSettings, SyncedPipeline } from '@crmsync/core'
import {
  missingStages,
  planPipelines,
  stageMapOf,
  stagesOfPicklist,
  STANDARD_PIPELINE_LABEL,
} from '@crmsync/core'

import type { EngineDeps } from '../../engine-types.js'

/** The pipelines deal sync uses: which record type pairs with which HubSpot pipeline, and its stages. */
export interface DealPipelines {
  readonly pipelines: readonly SyncedPipeline[]
  /** Record types over the cap (B-DEAL-3): their opportunities never cross. */
  readonly unsyncedRecordTypes: ReadonlySet<string>
  /** Configuration warnings (skipped record types, configured pipelines that do not exist). */
  readonly warnings: readonly string[]
  /** Pipelines and stages this setup created in HubSpot, by label. */
  readonly created: readonly string[]
}

/**
 * Makes HubSpot hold a pipeline per synced record type, each with a stage per StageName value (B-DEAL-2, 3,
 * 20), and returns the map. Idempotent: a pipeline is found again by its label, and a generated pipeline that
 * lacks a newer StageName value gets only that stage. Reads 3 calls (record types, stages, pipelines); writes
 * only what is missing. `dryRun` creates nothing (the pipelines it would create are left unsynced).
 */
export async function setUpDealPipelines(
  deps: Pick<EngineDeps, 'salesforce' | 'hubspot' | 'logger'>,
  settings: PipelineSettings,
  dryRun = false,
): Promise<DealPipelines> {
  const [recordTypes, stages, existing] = await Promise.all([
    deps.salesforce.readOpportunityRecordTypes(),
    deps.salesforce.readOpportunityStages(),
    deps.hubspot.readDealPipelines(),
  ])
  const setup = planPipelines({ recordTypes, hubspotPipelines: existing, settings })
  const byId = new Map(existing.map((p) => [p.id, p]))
  const created: string[] = []
  const pipelines: SyncedPipeline[] = []
  let order = Math.max(0, ...existing.map((p) => p.displayOrder)) + 1
  for (const entry of setup.entries) {
    let pipeline = entry.pipelineId === null ? undefined : byId.get(entry.pipelineId)
    if (pipeline === undefined) {
      if (dryRun) continue
      pipeline = await deps.hubspot.createDealPipeline({
        label: entry.label,
        displayOrder: order++,
        stages: stagesOfPicklist(stages),
      })
      created.push(entry.label)
    } else if (isGenerated(entry.label, pipeline.label)) {
      const missing = missingStages(pipeline, stages)
      if (missing.length > 0 && !dryRun) {
        pipeline = await deps.hubspot.addDealStages(pipeline.id, missing)
        created.push(...missing.map((s) => `${entry.label} / ${s.label}`))
      }
    }
    pipelines.push({
      pipelineId: pipeline.id,
      recordTypeId: entry.recordTypeId,
      isDefault: entry.isDefault,
      stages: stageMapOf(pipeline),
    })
  }
  for (const warning of setup.warnings) deps.logger.warn({ warning }, 'deal pipelines')
  return {
    pipelines,
    unsyncedRecordTypes: new Set(setup.skipped.map((r) => r.id)),
    warnings: setup.warnings,
    created,
  }
}

/** A pipeline crmsync generated (by its label): only those get new stages; a configured one is the user's. */
function isGenerated(entryLabel: string, pipelineLabel: string): boolean {
  return (
    entryLabel === pipelineLabel &&
    (pipelineLabel === STANDARD_PIPELINE_LABEL || pipelineLabel.startsWith('Salesforce - '))
  )
}
