import { hubspotAssociationMoved, salesforceAssociationMoved } from '../company/association-moved.js'
import type { Side } from '../model/index.js'
import type { ContactAction } from './contact-actions.js'
import type { PlanContactsInput } from './plan-types.js'

const REASON = "company sync: the contact's company and account are planned in pass 3"

/**
 * Pass 3 (design.md 3.4) gets the changed contacts whose company, account or lifecycle stage may have moved,
 * by the id of the side that changed, and the echoes whose company moved (`associationMoved`); it plans them
 * after companies (pass 2) have their accounts. A contact whose link this plan makes or moves, that has no
 * link, that was not read, or whose lead was converted always goes; a linked one whose captured record
 * holds the company, account and stage pass 3 last saw does not, since pass 3 would read it again (one
 * HubSpot batch read per 100, one Salesforce retrieve) to find nothing to do.
 */
export function toAssociationPass(
  input: PlanContactsInput,
  actions: readonly ContactAction[],
): ContactAction[] {
  const linkedNow = pairsLinkedNow(actions)
  const out: ContactAction[] = []
  for (const side of ['hubspot', 'salesforce'] as const) {
    const ids = [
      ...new Set([
        ...input.changes
          .filter((c) => c.side === side && c.event !== 'deleted')
          .map((c) => c.id)
          .filter((id) => mayHaveMoved(input, side, id, linkedNow)),
        ...(input.associationMoved?.[side] ?? []),
      ]),
    ]
    if (ids.length > 0)
      out.push({ kind: 'requeue', objectKind: 'contact-company', side, ids, reason: REASON })
  }
  return out
}

function mayHaveMoved(
  input: PlanContactsInput,
  side: Side,
  id: string,
  linkedNow: ReadonlySet<string>,
): boolean {
  if (linkedNow.has(`${side}:${id}`)) return true
  const link = input.links.find(
    (l) => l.state === 'active' && (side === 'hubspot' ? l.hubspotId === id : l.salesforceId === id),
  )
  if (link === undefined) return true
  if (side === 'hubspot') {
    const record = input.hubspot.get(id)
    return record === undefined || hubspotAssociationMoved(record, link)
  }
  const record = input.salesforce.get(id)
  return record === undefined || record.isConverted === true || salesforceAssociationMoved(record, link)
}

/** `side:id` of every record whose link this plan creates, moves, re-keys or changes the state of. */
function pairsLinkedNow(actions: readonly ContactAction[]): Set<string> {
  const out = new Set<string>()
  const add = (hubspotId: string | null, salesforceId: string | null) => {
    if (hubspotId !== null) out.add(`hubspot:${hubspotId}`)
    if (salesforceId !== null) out.add(`salesforce:${salesforceId}`)
  }
  for (const a of actions) {
    switch (a.kind) {
      case 'create-salesforce':
        add(a.hubspotId, null)
        break
      case 'create-hubspot':
        add(null, a.salesforce.id)
        break
      case 'link':
      case 'link-state':
        add(a.hubspotId, a.salesforce.id)
        break
      case 'relink':
        add(a.from.hubspotId, a.from.salesforce.id)
        add(a.to.hubspotId, a.to.salesforce.id)
        break
      case 'rekey':
        add(a.from, a.salesforce.id)
        add(a.to, null)
        break
      default:
        break
    }
  }
  return out
}
