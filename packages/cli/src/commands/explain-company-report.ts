import type { CompanyMapping, HubSpotConnector, Link, SalesforceConnector, StateStore } from '@crmsync/core'

import { describedFields, linkHistoryLines, mappedFieldLines, when } from './explain-report.js'
import { syncStatusLines } from './explain-status.js'

export interface CompanyReportDeps {
  readonly store: StateStore
  readonly salesforce: SalesforceConnector
  readonly hubspot: HubSpotConnector
  /** The configured company mappings (configuredCompanyMappings). */
  readonly mappings: readonly CompanyMapping[]
  /** Audit entries shown per link, newest first. (Default: 50) */
  readonly historyLimit?: number
}

/** Associated contacts named on the report; more are counted. */
const CONTACTS_SHOWN = 10

/**
 * One company link explained: its state and ids, each company mapping's value on both sides now (one read
 * per side: the company with its associated contacts, the Account), the rule and the ancestor, the open
 * errors and the audit's decisions (objectKind `company`). A mapping whose Account field the org lacks is
 * named as not synced, as the engine leaves it out (resolveCompanyMappings).
 */
export async function explainCompanyLink(deps: CompanyReportDeps, link: Link): Promise<string[]> {
  const described = await deps.salesforce.describe('Account')
  const fields = describedFields(deps.mappings, 'Account', described)
  const missing = deps.mappings.filter((m) => !fields.some((f) => f.mapping === m))
  const [hs, sf] = await Promise.all([
    deps.hubspot.readCompanies({
      ids: [link.hubspotId],
      properties: fields.map((f) => f.mapping.hubspot),
      withContacts: true,
    }),
    deps.salesforce.retrieveAccounts(
      [link.salesforceId],
      fields.map((f) => f.field),
    ),
  ])
  const hsRecord = hs.records.get(link.hubspotId)
  const sfRecord = sf.get(link.salesforceId)
  const lines = [
    `link ${link.state}: HubSpot company ${link.hubspotId} <-> Salesforce Account ${link.salesforceId}` +
      ` (linked ${when(link.createdAt)}, last change ${when(link.updatedAt)})`,
  ]
  // B-ERR-8: synced, not syncing, or in error with the detail.
  lines.push(
    ...(await syncStatusLines(deps.store, link.connectionId, {
      objectKind: 'company',
      side: 'hubspot',
      recordId: link.hubspotId,
    })),
  )
  const survivor = hs.mergedInto.get(link.hubspotId)
  if (survivor !== undefined) lines.push(`  HubSpot company ${link.hubspotId} was merged into ${survivor}`)
  else if (hsRecord === undefined)
    lines.push(`  HubSpot company ${link.hubspotId} is not readable now (deleted)`)
  if (sfRecord === undefined)
    lines.push(`  Salesforce Account ${link.salesforceId} is not readable now (deleted or merged)`)
  if (sfRecord?.isPersonAccount === true)
    lines.push(
      `  a person account (B-PA): it pairs with one HubSpot contact` +
        `${sfRecord.personContactId === undefined ? '' : ` (Salesforce Contact ${sfRecord.personContactId})`} and this company`,
    )
  lines.push(...mappedFieldLines(link, fields, hsRecord?.properties, sfRecord?.fields))
  for (const m of missing)
    lines.push(
      `  ${m.hubspot}: not synced, the org's Account has no field ${m.salesforce.Account ?? '(none)'}`,
    )
  const contacts = hsRecord?.contactIds
  if (contacts !== undefined) {
    const named = contacts.slice(0, CONTACTS_SHOWN).join(', ')
    const more = contacts.length > CONTACTS_SHOWN ? `, and ${contacts.length - CONTACTS_SHOWN} more` : ''
    lines.push(
      contacts.length === 0
        ? '  associated HubSpot contacts: none'
        : `  associated HubSpot contacts: ${contacts.length} (${named}${more})`,
    )
  }
  lines.push(...(await linkHistoryLines(deps.store, link, 'company', deps.historyLimit)))
  return lines
}
