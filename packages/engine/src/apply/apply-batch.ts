import type { ContactAction } from '@crmsync/core'

import type { ReadBatch } from '../batch/read-batch.js'
import type { StepContext } from '../engine-context.js'
import { applyHubSpot } from './apply-hubspot.js'
import { type ApplyOutcome, emptyOutcome } from './apply-outcome.js'
import { applySalesforce } from './apply-salesforce.js'
import { readBackCreates } from './read-back-creates.js'
import { recordFailure } from './record-failure.js'

/**
 * Step 3 of design.md 3.4: the plan's writes in batches, Salesforce first (so new ids reach the HubSpot
 * link properties in the same pass), then the created records read back (values Salesforce set on create
 * join that HubSpot write), then HubSpot. Planner errors (a value that cannot be transformed)
 * are stored like write errors; skips are counted. A dry run only records what it would write.
 */
export async function applyBatch(
  ctx: StepContext,
  batch: ReadBatch,
  actions: readonly ContactAction[],
): Promise<ApplyOutcome> {
  const outcome = emptyOutcome()
  const summary = ctx.cycle.summary
  for (const a of actions) {
    if (a.kind === 'skip') summary.count('contact', a.side, 'skipped')
    else if (a.kind === 'error') {
      const onHubSpot = a.hubspotId !== null
      recordFailure(ctx, outcome, {
        side: onHubSpot ? 'hubspot' : 'salesforce',
        recordId: (onHubSpot ? a.hubspotId : a.salesforceId) ?? '',
        writtenSide: a.side,
        code: a.code,
        message: a.message,
      })
    } else if (a.kind === 'link' || a.kind === 'relink') {
      const hubspotId = a.kind === 'link' ? a.hubspotId : a.to.hubspotId
      // Counted under the side that would otherwise have been written: a create avoided there.
      summary.count('contact', batch.changedHubSpot.has(hubspotId) ? 'salesforce' : 'hubspot', 'linked')
      if (ctx.cycle.dryRun) {
        const salesforce = a.kind === 'link' ? a.salesforce : a.to.salesforce
        summary.planned({
          kind: a.kind,
          side: 'store',
          hubspotId,
          salesforceId: salesforce.id,
          detail: a.reason,
        })
      }
    } else if (a.kind === 'commit' && ctx.cycle.dryRun) {
      const conflicts = a.decisions.filter((d) => d.conflict === true)
      summary.conflicts(conflicts.length)
      for (const d of conflicts) {
        summary.planned({
          kind: 'conflict',
          side: d.action === 'to-salesforce' ? 'salesforce' : 'hubspot',
          hubspotId: a.hubspotId,
          salesforceId: a.salesforceId,
          detail: `${d.field}: ${d.reason}`,
        })
      }
    }
  }
  await applySalesforce(ctx, actions, outcome)
  await readBackCreates(ctx, batch.input, actions, outcome)
  await applyHubSpot(ctx, batch.input, actions, outcome)
  return outcome
}
