import type { HubSpotUpdateInput, HubSpotWriteResult } from '@crmsync/core'

import type { StepContext } from '../engine-context.js'
import type { ApplyOutcome } from './apply-outcome.js'

/**
 * HubSpot refuses a contact's whole update for one bad value, so a value Salesforce set on create that
 * HubSpot rejects (a Lead Status that is not an option of `hs_lead_status`) would cost the new record its
 * link property. Such updates are sent again, in one call, without the read-back values; those values are
 * forgotten (the commit keeps the create's own state) and come back with the next cycle's echo, which
 * records their error as for any Salesforce change. Costs a call only when an update carrying them failed.
 *
 * Returns the results to apply, in input order; `null` where nothing but read-back values was to be
 * written, so there is nothing left to write or to fail.
 */
export async function retryWithoutReadBack(
  ctx: StepContext,
  updates: readonly HubSpotUpdateInput[],
  results: readonly (HubSpotWriteResult | undefined)[],
  outcome: ApplyOutcome,
): Promise<(HubSpotWriteResult | null | undefined)[]> {
  const final: (HubSpotWriteResult | null | undefined)[] = [...results]
  const retry: { index: number; input: HubSpotUpdateInput }[] = []
  updates.forEach((u, index) => {
    const readBack = outcome.readBack.get(u.id)
    if (results[index]?.outcome !== 'failed' || readBack === undefined) return
    const sent = Object.entries(u.properties)
    const properties = Object.fromEntries(sent.filter(([property]) => !(property in readBack.hubspot)))
    const left = Object.keys(properties).length
    // The update failed for a value of its own: dropping nothing would fail again.
    if (left === sent.length) return
    outcome.readBack.delete(u.id)
    if (left === 0) final[index] = null
    else retry.push({ index, input: { id: u.id, properties } })
  })
  if (retry.length === 0) return final
  const again = await ctx.deps.hubspot.updateContacts(retry.map((r) => r.input))
  retry.forEach((r, i) => (final[r.index] = again[i]))
  return final
}
