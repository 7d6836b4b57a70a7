import type { CompanyMapping, HubSpotConnector, Link, SalesforceConnector, StateStore } from '@crmsync/core'

import { linkHistoryLines, mappedFieldLines, when } from './explain-report.js'
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
  // The values are read as the console's sync card reads them (one implementation, @crmsync/server/queries).
  // Loaded here, not at the top: it loads the store's drivers (program.ts).
  const { liveValues } = await import('@crmsync/server/queries')
  const values = await liveValues(
    deps,
    'company',
    'Account',
    deps.mappings,
    { hubspot: link.hubspotId, salesforce: link.salesforceId },
    { associations: true },
  )
  const { fields } = values
  const missing = deps.mappings.filter((m) => !fields.some((f) => f.mapping === m))
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
  const survivor = values.hubspotMergedInto
  if (survivor !== undefined) lines.push(`  HubSpot company ${link.hubspotId} was merged into ${survivor}`)
  else if (values.gone.hubspot)
    lines.push(`  HubSpot company ${link.hubspotId} is not readable now (deleted)`)
  if (values.gone.salesforce)
    lines.push(`  Salesforce Account ${link.salesforceId} is not readable now (deleted or merged)`)
  const person = values.personAccount
  if (person !== undefined)
    lines.push(
      `  a person account (B-PA): it pairs with one HubSpot contact` +
        `${person.personContactId === undefined ? '' : ` (Salesforce Contact ${person.personContactId})`} and this company`,
    )
  lines.push(...mappedFieldLines(link, fields, values.hubspot, values.salesforce))
  for (const m of missing)
    lines.push(
      `  ${m.hubspot}: not synced, the org's Account has no field ${m.salesforce.Account ?? '(none)'}`,
    )
  const contacts = values.hubspotContactIds
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
