import type { HubSpotValue, RawValue } from '../canonical/index.js'
import type { PairAction, SalesforceRef } from './contact-actions.js'
import { HUBSPOT_LINK_PROPERTY, type LinkedSalesforceType } from './link-properties.js'

type Update<T extends string> = Extract<PairAction<T>, { kind: 'update-hubspot' }>

/** The HubSpot record an action writes or links, for the kinds whose link property HubSpot holds. */
function hubspotIdOf(a: { readonly kind: string }): string | undefined {
  const pair = a as PairAction<string>
  switch (pair.kind) {
    case 'update-hubspot':
    case 'link':
      return pair.hubspotId
    case 'relink':
      return pair.to.hubspotId
    default:
      return undefined
  }
}

/**
 * One HubSpot update per record (design.md 3.4 step 3): the planned field values, the link property of a new
 * or moved link (written only when the record does not hold it yet, so a second run writes nothing), and,
 * after a Salesforce create, its link property and server-set values (resolveSalesforceCreates), merged into
 * the first update of that record. A record this batch deletes gets none. Pure; the HubSpot step then sends
 * each update as it is. For any pair kind (contacts, companies); other action kinds pass through.
 */
export function mergeHubSpotUpdates<T extends LinkedSalesforceType, A extends { readonly kind: string }>(
  input: {
    readonly hubspot: ReadonlyMap<string, { readonly properties: Readonly<Record<string, RawValue>> }>
  },
  actions: readonly A[],
): readonly (A | Update<T>)[] {
  const pairs = actions as unknown as readonly PairAction<T>[]
  const deleted = new Set(pairs.flatMap((a) => (a.kind === 'delete-hubspot' ? [a.hubspotId] : [])))
  const merged = new Map<string, Update<T>>()
  const add = (update: Update<T>) => {
    const before = merged.get(update.hubspotId)
    const serverSet = [...(before?.serverSet ?? []), ...(update.serverSet ?? [])]
    merged.set(update.hubspotId, {
      ...(before ?? update),
      values: { ...before?.values, ...update.values },
      ...(serverSet.length === 0 ? {} : { serverSet }),
    })
  }
  const linkProperty = (hubspotId: string, salesforce: SalesforceRef<T>) => {
    const property = HUBSPOT_LINK_PROPERTY[salesforce.type]
    if (input.hubspot.get(hubspotId)?.properties[property] === salesforce.id) return
    const values: Record<string, HubSpotValue> = { [property]: salesforce.id }
    add({ kind: 'update-hubspot', hubspotId, salesforce, values })
  }
  for (const a of pairs) {
    if (a.kind === 'update-hubspot') add(a)
    else if (a.kind === 'link') linkProperty(a.hubspotId, a.salesforce)
    else if (a.kind === 'relink') linkProperty(a.to.hubspotId, a.to.salesforce)
  }
  const out: (A | Update<T>)[] = []
  const placed = new Set<string>()
  for (const a of actions) {
    if (a.kind !== 'update-hubspot') out.push(a)
    const id = hubspotIdOf(a)
    if (id === undefined || placed.has(id) || deleted.has(id)) continue
    const update = merged.get(id)
    if (update === undefined) continue
    placed.add(id)
    out.push(update)
  }
  return out
}
