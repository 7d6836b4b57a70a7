import { isFreeMailDomain } from '../model/free-mail-domains.js'
import { isLive } from '../model/object-store.js'
import type { Portal } from '../model/portal.js'
import type { HsRecord, WriteSource } from '../model/record.js'
import { associate } from './associate.js'
import { primaryCompanyOf } from './association-effects.js'
import { insertRecord } from './write-records.js'

/**
 * Whom HubSpot attributes the setting's records to: "CRM Setting" is the documented Record source label for
 * records created by "automatically create and associate companies with contacts"; the code is inferred
 * from the observed codes of the other sources (CRM_UI, INTEGRATION, BATCH_UPDATE). See the README.
 */
export const CRM_SETTING_SOURCE: WriteSource = { sourceType: 'CRM_SETTING' }

/** The host part of an address or URL, lower-cased, without `www.`; undefined when there is none. */
export function domainOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const host = value.includes('@')
    ? value.slice(value.lastIndexOf('@') + 1)
    : value.replace(/^[a-z]+:\/\//i, '').split(/[/?#:]/)[0]
  const domain = host
    ?.trim()
    .toLowerCase()
    .replace(/^www\./, '')
  return domain === undefined || !domain.includes('.') ? undefined : domain
}

/**
 * A company name for a domain, standing in for the name HubSpot fills from its company data:
 * `acme.com` → Acme, `info.example.com` → Example, `acme.co.uk` → Acme, `big-corp.io` → Big Corp.
 */
export function companyNameFromDomain(domain: string): string {
  const labels = domain.split('.').filter((label) => label !== '')
  const last = labels[labels.length - 1] ?? ''
  const second = labels[labels.length - 2] ?? ''
  // A country code after a short second level (co.uk, com.au) is one public suffix.
  const suffix = labels.length >= 3 && last.length === 2 && second.length <= 3 ? 2 : 1
  const base = labels[labels.length - 1 - suffix] ?? labels[0] ?? domain
  return base
    .split('-')
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ')
}

/** The oldest live company of each domain (HubSpot matches Company Domain Name). */
type DomainIndex = Map<string, HsRecord>

function indexByDomain(portal: Portal): DomainIndex {
  const index: DomainIndex = new Map()
  for (const company of portal.stores.companies.live()) {
    const domain = domainOf(company.props['domain'])
    if (domain !== undefined && !index.has(domain)) index.set(domain, company)
  }
  return index
}

/** One contact scans the companies; a pass over all contacts builds the index once (see below). */
function companyWithDomain(portal: Portal, domain: string, index?: DomainIndex): HsRecord | undefined {
  if (index !== undefined) return index.get(domain)
  for (const company of portal.stores.companies.live())
    if (domainOf(company.props['domain']) === domain) return company
  return undefined
}

/**
 * "Create and associate companies with contacts": a contact with no primary company becomes associated
 * (primary, 1/2) with the company of its email domain, created with a name and domain when none exists.
 * A free-mail address creates nothing; HubSpot then tries the contact's website against existing
 * companies. Excluded domains are left alone. Runs after every contact write that sets an email.
 */
export function autoAssociateCompany(portal: Portal, contact: HsRecord, index?: DomainIndex): void {
  const { settings } = portal
  if (!settings.createAndAssociateCompaniesWithContacts || !isLive(contact)) return
  if (primaryCompanyOf(portal, contact.id) !== undefined) return
  const excluded = (domain: string): boolean => settings.autoAssociationExcludedDomains.includes(domain)
  const domain = domainOf(contact.props['email'])
  if (domain === undefined || excluded(domain)) return
  const ctx = { portal, source: CRM_SETTING_SOURCE }
  let company: HsRecord | undefined
  if (isFreeMailDomain(domain)) {
    const site = domainOf(contact.props['website'])
    if (site === undefined || isFreeMailDomain(site) || excluded(site)) return
    company = companyWithDomain(portal, site, index)
  } else {
    company = companyWithDomain(portal, domain, index)
    if (company === undefined) {
      company = insertRecord(
        ctx,
        'companies',
        new Map([
          ['name', companyNameFromDomain(domain)],
          ['domain', domain],
        ]),
      )
      index?.set(domain, company)
    }
  }
  const primary = portal.associations.type('contacts', 'companies', 1)
  if (company !== undefined && primary !== undefined) associate(ctx, primary, contact.id, company.id)
}

/** The dialog's "Yes" when the setting is turned on: existing contacts are associated too. */
export function autoAssociateExistingContacts(portal: Portal): void {
  const index = indexByDomain(portal)
  for (const contact of [...portal.stores.contacts.live()]) autoAssociateCompany(portal, contact, index)
}
