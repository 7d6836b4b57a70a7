import type { CompanyChange } from '../company/index.js'
import type { CompanyWorld } from './company-world.js'
import { accountChange, companyChange } from './company-world.js'

/** What a user's edit makes arrive in the inbox: company and account rows (pass 2), contacts (pass 3). */
export interface Arrivals {
  readonly companies: readonly CompanyChange[]
  readonly contacts: readonly string[]
}

/** The HubSpot contacts linked to these Salesforce Contacts. */
function contactsOf(world: CompanyWorld, salesforceIds: readonly string[]): string[] {
  return world.contactLinks.filter((l) => salesforceIds.includes(l.salesforceId)).map((l) => l.hubspotId)
}

/**
 * A HubSpot contact moved to another primary company (or none); the old one stays associated without the
 * primary label when `keepOld`. The association webhook brings the contact to pass 3 and the company it
 * joined to pass 2 (design.md 3.4 capture).
 */
export function moveContact(
  world: CompanyWorld,
  contactId: string,
  companyId: string | null,
  keepOld = false,
): Arrivals {
  const contact = world.contacts.get(contactId)
  if (contact === undefined) return { companies: [], contacts: [] }
  const old = contact.primaryCompanyId
  const others = [...contact.otherCompanyIds, ...(keepOld && old !== null ? [old] : [])]
  contact.otherCompanyIds = [...new Set(others)].filter((x) => x !== companyId)
  contact.primaryCompanyId = companyId
  return { companies: companyId === null ? [] : [companyChange(companyId)], contacts: [contactId] }
}

/**
 * A HubSpot contact associated with one more company, not as its primary one: the association webhook brings
 * the company to pass 2; the contact's account does not follow a company that is not its primary one.
 */
export function associateContact(world: CompanyWorld, contactId: string, companyId: string): Arrivals {
  const contact = world.contacts.get(contactId)
  if (
    contact === undefined ||
    contact.primaryCompanyId === companyId ||
    contact.otherCompanyIds.includes(companyId)
  )
    return { companies: [], contacts: [] }
  contact.otherCompanyIds.push(companyId)
  return { companies: [companyChange(companyId)], contacts: [] }
}

/** A Salesforce Contact moved to another account (or none): captured, it reaches pass 3 through pass 1. */
export function moveSalesforceContact(
  world: CompanyWorld,
  salesforceId: string,
  accountId: string | null,
): Arrivals {
  const contact = world.salesforceContacts.get(salesforceId)
  if (contact === undefined || contact.type !== 'Contact' || contact.isPersonContact === true)
    return { companies: [], contacts: [] }
  contact.accountId = accountId
  return { companies: [], contacts: contactsOf(world, [salesforceId]) }
}

/** HubSpot deletes a company: its contacts lose the association. */
export function deleteCompany(world: CompanyWorld, id: string): Arrivals {
  world.companies.delete(id)
  for (const c of world.contacts.values()) c.otherCompanyIds = c.otherCompanyIds.filter((x) => x !== id)
  const moved = [...world.contacts].filter(([, c]) => c.primaryCompanyId === id).map(([cid]) => cid)
  for (const cid of moved) world.contacts.get(cid)!.primaryCompanyId = null
  return { companies: [companyChange(id, 'deleted')], contacts: moved }
}

/**
 * Salesforce deletes an account, and with it its Contacts (a person account's own contact included); pass 1
 * marks their contact links broken (B-CON-22, delete in HubSpot off).
 */
export function deleteAccount(world: CompanyWorld, id: string): Arrivals {
  world.accounts.delete(id)
  const gone = [...world.salesforceContacts].filter(([, k]) => k.accountId === id).map(([kid]) => kid)
  for (const kid of gone) world.salesforceContacts.delete(kid)
  world.contactLinks = world.contactLinks.map((l) =>
    gone.includes(l.salesforceId) ? { ...l, state: 'broken' } : l,
  )
  return { companies: [accountChange(id, 'deleted')], contacts: [] }
}

/**
 * Salesforce merges `loser` into `master`: the loser's Contacts move to the master, the loser is deleted with
 * MasterRecordId, and the master is modified.
 */
export function mergeAccounts(world: CompanyWorld, loser: string, master: string): Arrivals {
  world.accounts.delete(loser)
  const moved = [...world.salesforceContacts].filter(([, k]) => k.accountId === loser).map(([kid]) => kid)
  for (const kid of moved) world.salesforceContacts.get(kid)!.accountId = master
  return {
    companies: [accountChange(loser, 'deleted', master), accountChange(master)],
    contacts: contactsOf(world, moved),
  }
}

/**
 * HubSpot merges `loser` into `survivor`: the survivor keeps its values and takes the loser's where it has
 * none (the link property included), lists the merged ids, and takes the loser's contacts; reading the loser
 * returns the survivor from now on.
 */
export function mergeCompanies(world: CompanyWorld, loser: string, survivor: string): Arrivals {
  const from = world.companies.get(loser)
  const into = world.companies.get(survivor)
  if (from === undefined || into === undefined || loser === survivor) return { companies: [], contacts: [] }
  for (const [key, value] of Object.entries(from.properties))
    if (into.properties[key] === undefined || into.properties[key] === null) into.properties[key] = value
  into.mergedObjectIds = [...(into.mergedObjectIds ?? []), loser, ...(from.mergedObjectIds ?? [])]
  world.companies.delete(loser)
  for (const [old, to] of world.mergedInto) if (to === loser) world.mergedInto.set(old, survivor)
  world.mergedInto.set(loser, survivor)
  const moved = [...world.contacts].filter(([, c]) => c.primaryCompanyId === loser).map(([cid]) => cid)
  for (const cid of moved) world.contacts.get(cid)!.primaryCompanyId = survivor
  for (const c of world.contacts.values()) {
    const others = c.otherCompanyIds.map((x) => (x === loser ? survivor : x))
    c.otherCompanyIds = [...new Set(others)].filter((x) => x !== c.primaryCompanyId)
  }
  return { companies: [companyChange(survivor)], contacts: moved }
}
