import type { FieldState, Link } from '../model/index.js'
import type { SalesforceContactRole } from './deal-records.js'

/**
 * The key under which a deal link keeps the contacts the deal and the opportunity last agreed on (their
 * contact pairs), so a removal on one side is copied once and not undone by the other side still holding the
 * contact. Not a mapping key (HubSpot property names have no colon).
 */
export const DEAL_CONTACTS_FIELD = 'deal:contacts'

/** HubSpot's v4 association type of a deal to a contact (HUBSPOT_DEFINED). */
export const DEAL_TO_CONTACT_ASSOCIATION_TYPE = 3

/**
 * A deal-contact association to add or remove (one member per kind, so the engine's handler table has a
 * handler of each).
 */
export interface DealContactAssociation<K extends 'add-association' | 'remove-association'> {
  readonly kind: K
  readonly dealId: string
  readonly contactId: string
  readonly associationTypeId: typeof DEAL_TO_CONTACT_ASSOCIATION_TYPE
  readonly reason: string
}

/** What the contact role pass asks the engine to do (design.md 3.4 pass 3: applied as a diff). */
export type ContactRoleAction =
  | DealContactAssociation<'add-association'>
  | DealContactAssociation<'remove-association'>
  | {
      readonly kind: 'create-contact-role'
      readonly opportunityId: string
      readonly contactId: string
      readonly isPrimary: false
      readonly role: null
      readonly reason: string
    }
  | {
      readonly kind: 'delete-contact-role'
      readonly opportunityId: string
      readonly contactRoleId: string
      readonly contactId: string
      readonly reason: string
    }
  | {
      /** The agreed contact pairs, on the deal link under DEAL_CONTACTS_FIELD, once the writes succeeded. */
      readonly kind: 'commit'
      readonly dealId: string
      readonly opportunityId: string
      readonly field: typeof DEAL_CONTACTS_FIELD
      readonly state: FieldState
    }

export interface PlanDealContactsInput {
  /** The active deal link of the pair. */
  readonly link: Link
  /** HubSpot ids of the contacts associated with the deal. */
  readonly dealContactIds: readonly string[]
  /** The opportunity's OpportunityContactRoles. */
  readonly contactRoles: readonly SalesforceContactRole[]
  /** Contact links of the contacts on either side (inactive and Lead links are ignored). */
  readonly contactLinks: readonly Link[]
}

/** A contact pair as the agreed set spells it. */
const pairKey = (hubspotId: string, contactId: string) => `${hubspotId}:${contactId}`

/** The agreed set as stored: the sorted pair keys, null for none. */
function serialise(keys: Iterable<string>): string | null {
  const sorted = [...new Set(keys)].sort()
  return sorted.length === 0 ? null : sorted.join(',')
}

function parse(value: string | null | undefined): Set<string> {
  return new Set(value === null || value === undefined || value === '' ? [] : value.split(','))
}

/**
 * A deal's contacts against its opportunity's contact roles (B-DEAL-13, 14), through the contact links: a
 * role for an SF Contact linked to an HS contact becomes a deal association, an associated HS contact linked
 * to an SF Contact becomes a role (not primary, no role name). A contact linked to a Lead is never a role and
 * an unlinked one is left alone. Against the last agreed set: what one side added is added on the other,
 * what one side removed is removed on the other; with no agreed set yet (a new pair) nothing is removed.
 */
export function planDealContacts(input: PlanDealContactsInput): ContactRoleAction[] {
  const { link } = input
  const sfOf = new Map<string, string>()
  const hsOf = new Map<string, string>()
  for (const l of input.contactLinks) {
    if (l.state !== 'active' || l.salesforceType !== 'Contact') continue
    sfOf.set(l.hubspotId, l.salesforceId)
    hsOf.set(l.salesforceId, l.hubspotId)
  }
  const onHubSpot = new Map<string, string>()
  for (const id of input.dealContactIds) {
    const k = sfOf.get(id)
    if (k !== undefined) onHubSpot.set(pairKey(id, k), id)
  }
  const rolesOf = new Map<string, SalesforceContactRole[]>()
  for (const role of input.contactRoles) {
    const c = hsOf.get(role.contactId)
    if (c === undefined) continue
    const key = pairKey(c, role.contactId)
    rolesOf.set(key, [...(rolesOf.get(key) ?? []), role])
  }
  const state = link.fields[DEAL_CONTACTS_FIELD]
  const agreed = parse(state?.ancestor)
  const actions: ContactRoleAction[] = []
  const result = new Set<string>()
  const dealId = link.hubspotId
  const opportunityId = link.salesforceId
  for (const key of [...new Set([...onHubSpot.keys(), ...rolesOf.keys(), ...agreed])].sort()) {
    const [hubspotId = '', contactId = ''] = key.split(':')
    const inH = onHubSpot.has(key)
    const roles = rolesOf.get(key) ?? []
    const inS = roles.length > 0
    const wasAgreed = agreed.has(key)
    if (inH && inS) result.add(key)
    else if (inH && wasAgreed)
      actions.push({
        kind: 'remove-association',
        dealId,
        contactId: hubspotId,
        associationTypeId: DEAL_TO_CONTACT_ASSOCIATION_TYPE,
        reason: `B-DEAL-13: contact ${contactId} is no longer a contact role of opportunity ${opportunityId}`,
      })
    else if (inH) {
      result.add(key)
      actions.push({
        kind: 'create-contact-role',
        opportunityId,
        contactId,
        isPrimary: false,
        role: null,
        reason: `B-DEAL-14: HubSpot contact ${hubspotId} is associated with deal ${dealId}`,
      })
    } else if (inS && wasAgreed) {
      for (const role of roles)
        actions.push({
          kind: 'delete-contact-role',
          opportunityId,
          contactRoleId: role.id,
          contactId,
          reason: `B-DEAL-14: HubSpot contact ${hubspotId} is no longer associated with deal ${dealId}`,
        })
    } else if (inS) {
      result.add(key)
      actions.push({
        kind: 'add-association',
        dealId,
        contactId: hubspotId,
        associationTypeId: DEAL_TO_CONTACT_ASSOCIATION_TYPE,
        reason: `B-DEAL-13: contact ${contactId} is a contact role of opportunity ${opportunityId}`,
      })
    }
  }
  const next = serialise(result)
  if (state === undefined || (state.ancestor ?? null) !== next)
    actions.push({
      kind: 'commit',
      dealId,
      opportunityId,
      field: DEAL_CONTACTS_FIELD,
      state: { ancestor: next },
    })
  return actions
}
