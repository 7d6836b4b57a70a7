import type { HubSpotUpdateInput, HubSpotWriteResult, PairAction } from '@crmsync/core'

import type { PairIo } from './pair-io.js'

type UpdateAction<T extends string> = Extract<PairAction<T>, { kind: 'update-hubspot' }>

/** An update's outcome after the retry: its result, or that nothing was left to write once they were dropped. */
export type UpdateOutcome =
  { readonly result: HubSpotWriteResult | undefined; readonly retried: boolean } | 'server-set-dropped'

/**
 * HubSpot refuses a contact's whole update for one bad value, so a value Salesforce set on create that
 * HubSpot rejects (a Lead Status that is not an option of `hs_lead_status`) would cost the new record its
 * link property. Such updates are sent again, in one call, without the server-set values; those values are
 * forgotten (the commit keeps the create's own state) and come back with the next cycle's echo, which
 * records their error as for any Salesforce change. Costs a call only when an update carrying them failed.
 * Returns the outcomes in input order.
 */
export async function retryWithoutServerSet<T extends string>(
  io: PairIo<T>,
  sent: readonly { readonly update: HubSpotUpdateInput; readonly action: UpdateAction<T> }[],
  results: readonly (HubSpotWriteResult | undefined)[],
): Promise<UpdateOutcome[]> {
  const final: UpdateOutcome[] = results.map((result) => ({ result, retried: false }))
  const retry: { index: number; input: HubSpotUpdateInput }[] = []
  sent.forEach(({ update, action }, index) => {
    const serverSet = new Set(action.serverSet ?? [])
    if (results[index]?.outcome !== 'failed' || serverSet.size === 0) return
    const all = Object.entries(update.properties)
    const properties = Object.fromEntries(all.filter(([property]) => !serverSet.has(property)))
    const left = Object.keys(properties).length
    // The update failed for a value of its own: dropping nothing would fail again.
    if (left === all.length) return
    if (left === 0) final[index] = 'server-set-dropped'
    else retry.push({ index, input: { id: update.id, properties } })
  })
  if (retry.length === 0) return final
  const again = await io.hubspot.update(retry.map((r) => r.input))
  retry.forEach((r, i) => (final[r.index] = { result: again[i], retried: true }))
  return final
}
