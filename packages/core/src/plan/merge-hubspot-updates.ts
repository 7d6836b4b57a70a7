import type { HubSpotValue } from '../canonical/index.js'
import type { ContactAction, SalesforceRef } from './contact-actions.js'
import { HUBSPOT_LINK_PROPERTY } from './link-properties.js'
import type { PlanContactsInput } from './plan-types.js'

type Update = Extract<ContactAction, { kind: 'update-hubspot' }>

/**
 * One HubSpot update per contact (design.md 3.4 step 3): the planned field values, the link property of a new
 * or moved link (written only when the contact does not hold it yet, so a second run writes nothing), and,
 * after a Salesforce create, its link property and server-set values (resolveSalesforceCreates), merged into
 * the first update of that contact. A contact this batch deletes gets none. Pure; the HubSpot step then sends
 * each update as it is.
 */
export function mergeHubSpotUpdates(
  input: Pick<PlanContactsInput, 'hubspot'>,
  actions: readonly ContactAction[],
): readonly ContactAction[] {
  const deleted = new Set(actions.flatMap((a) => (a.kind === 'delete-hubspot' ? [a.hubspotId] : [])))
  const merged = new Map<string, Update>()
  const add = (update: Update) => {
    const before = merged.get(update.hubspotId)
    const serverSet = [...(before?.serverSet ?? []), ...(update.serverSet ?? [])]
    merged.set(update.hubspotId, {
      ...(before ?? update),
      values: { ...before?.values, ...update.values },
      ...(serverSet.length === 0 ? {} : { serverSet }),
    })
  }
  const linkProperty = (hubspotId: string, salesforce: SalesforceRef) => {
    const property = HUBSPOT_LINK_PROPERTY[salesforce.type]
    if (input.hubspot.get(hubspotId)?.properties[property] === salesforce.id) return
    const values: Record<string, HubSpotValue> = { [property]: salesforce.id }
    add({ kind: 'update-hubspot', hubspotId, salesforce, values })
  }
  for (const a of actions) {
    if (a.kind === 'update-hubspot') add(a)
    else if (a.kind === 'link') linkProperty(a.hubspotId, a.salesforce)
    else if (a.kind === 'relink') linkProperty(a.to.hubspotId, a.to.salesforce)
  }
  const out: ContactAction[] = []
  const placed = new Set<string>()
  for (const a of actions) {
    const id =
      a.kind === 'update-hubspot'
        ? a.hubspotId
        : a.kind === 'link'
          ? a.hubspotId
          : a.kind === 'relink'
            ? a.to.hubspotId
            : undefined
    if (a.kind !== 'update-hubspot') out.push(a)
    if (id === undefined || placed.has(id) || deleted.has(id)) continue
    const update = merged.get(id)
    if (update === undefined) continue
    placed.add(id)
    out.push(update)
  }
  return out
}
