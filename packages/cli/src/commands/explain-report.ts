import {
  ACCOUNT_ASSOCIATION_FIELD,
  type AuditEntry,
  type ContactMapping,
  type FieldMapping,
  type FieldState,
  type HubSpotConnector,
  type Link,
  type ObjectKind,
  type RawValue,
  type SalesforceConnector,
  type StateStore,
} from '@crmsync/core'

import { formatTable } from '../format/table.js'
import { syncStatusLines } from './explain-status.js'

export interface ReportDeps {
  readonly store: StateStore
  readonly salesforce: SalesforceConnector
  readonly hubspot: HubSpotConnector
  readonly mappings: readonly ContactMapping[]
  /** Audit entries shown per link, newest first. (Default: 50) */
  readonly historyLimit?: number
  /** Company sync is on: a contact's company association is shown too (pass 3). (Default: false) */
  readonly companies?: boolean | undefined
}

export function show(value: RawValue): string {
  if (value === undefined || value === null || value === '') return '(blank)'
  return String(value)
}

export function when(at: number): string {
  return new Date(at).toISOString().replace('.000Z', 'Z')
}

/** One decision as the history table shows it: an audit entry, or a sync card's decision. */
export type HistoryEntry = Pick<AuditEntry, 'at' | 'field' | 'oldValue' | 'newValue' | 'rule' | 'reason'> & {
  readonly direction: string
}

export function historyLines(entries: readonly HistoryEntry[], title = 'history'): string[] {
  if (entries.length === 0) return [`  ${title}: no decisions recorded`]
  const rows = entries.map((e) => [
    when(e.at),
    e.field,
    `${e.oldValue ?? '(blank)'} -> ${e.newValue ?? '(blank)'}`,
    e.direction,
    e.rule,
    e.reason,
  ])
  return [
    `  ${title} (newest first):`,
    ...formatTable(['when', 'field', 'change', 'direction', 'rule', 'reason'], rows, '    '),
  ]
}

/** The link's audit, newest first (decisions are recorded against the HubSpot record), as history lines. */
export async function linkHistoryLines(
  store: StateStore,
  link: Link,
  objectKind: ObjectKind,
  limit = 50,
): Promise<string[]> {
  const audit = await store.listAudit({
    connectionId: link.connectionId,
    objectKind,
    side: 'hubspot',
    recordId: link.hubspotId,
    limit,
  })
  return historyLines(audit)
}

/** A mapping with the Salesforce field it reads on one object. */
export interface MappedField<M> {
  readonly mapping: M
  readonly field: string
}

/** Each mapped field's value on both sides now, its rule and its ancestor, as a table. */
export function mappedFieldLines(
  link: Link,
  fields: readonly MappedField<Pick<FieldMapping<string>, 'hubspot' | 'rule'>>[],
  hubspotNow: Readonly<Record<string, RawValue>> | undefined,
  salesforceNow: Readonly<Record<string, RawValue>> | undefined,
): string[] {
  const rows = fields.map(({ mapping, field }) => {
    const ancestor = link.fields[mapping.hubspot]?.ancestor
    return [
      mapping.hubspot,
      show(hubspotNow?.[mapping.hubspot]),
      field,
      show(salesforceNow?.[field]),
      mapping.rule,
      ancestor === undefined ? '(never synced)' : show(ancestor),
    ]
  })
  return formatTable(
    ['hubspot property', 'hubspot now', 'salesforce field', 'salesforce now', 'rule', 'ancestor'],
    rows,
    '  ',
  )
}

/** Open errors of one record, one line each (their messages quote CRM values: the caller prints safely). */
export async function openErrorLines(
  store: StateStore,
  link: Link,
  objectKind: ObjectKind,
  label = 'open error',
): Promise<string[]> {
  const lines: string[] = []
  for (const [side, recordId] of [
    ['hubspot', link.hubspotId],
    ['salesforce', link.salesforceId],
  ] as const) {
    const errors = await store.listErrors({
      connectionId: link.connectionId,
      record: { objectKind, side, recordId },
    })
    for (const e of errors)
      lines.push(
        `  ${label} ${e.code} on ${side} ${recordId} (${e.attempts} attempt(s), last ${when(e.lastSeenAt)}): ${e.message}`,
      )
  }
  return lines
}

/** A link field's state as one phrase: the agreed value and what each side was last seen holding. */
export function fieldStateText(state: FieldState | undefined): string {
  if (state === undefined) return 'never synced'
  const seen = (side: 'hubspot' | 'salesforce') => {
    const shadow = side === 'hubspot' ? state.hubspotShadow : state.salesforceShadow
    return shadow === undefined
      ? `${side} not seen`
      : `${side} seen ${show(shadow.value)} (${when(shadow.seenAt)})`
  }
  const ancestor = state.ancestor === undefined ? '(never agreed)' : show(state.ancestor)
  return `agreed ${ancestor}; ${seen('hubspot')}; ${seen('salesforce')}`
}

/**
 * One link explained: its state and ids, each mapped field's value on both sides now (one read per side),
 * the rule and the ancestor, then the audit's decisions about the record. With company sync on, the
 * contact's company association too (pass 3).
 */
export async function explainLink(deps: ReportDeps, link: Link): Promise<string[]> {
  const type = link.salesforceType === 'Lead' ? 'Lead' : 'Contact'
  // The values are read as the console's sync card reads them (one implementation, @crmsync/server/queries).
  // Loaded here, not at the top: it loads the store's drivers (program.ts).
  const { liveValues } = await import('@crmsync/server/queries')
  const values = await liveValues(
    deps,
    'contact',
    type,
    deps.mappings,
    { hubspot: link.hubspotId, salesforce: link.salesforceId },
    { salesforceFields: deps.companies === true && type === 'Contact' ? ['AccountId'] : [] },
  )
  const association = values.salesforceFields.includes('AccountId')
  const lines = [
    `link ${link.state}: HubSpot contact ${link.hubspotId} <-> Salesforce ${link.salesforceType} ${link.salesforceId}` +
      ` (linked ${when(link.createdAt)}, last change ${when(link.updatedAt)})`,
  ]
  // B-ERR-8: synced, not syncing, or in error with the detail.
  lines.push(
    ...(await syncStatusLines(deps.store, link.connectionId, {
      objectKind: 'contact',
      side: 'hubspot',
      recordId: link.hubspotId,
    })),
  )
  if (values.gone.hubspot)
    lines.push(`  HubSpot contact ${link.hubspotId} is not readable now (deleted or merged)`)
  if (values.gone.salesforce)
    lines.push(`  Salesforce ${type} ${link.salesforceId} is not readable now (deleted)`)
  lines.push(...mappedFieldLines(link, values.fields, values.hubspot, values.salesforce))
  if (deps.companies === true)
    lines.push(
      ...(await associationLines(
        deps,
        link,
        association ? (values.salesforce?.['AccountId'] ?? null) : undefined,
      )),
    )
  lines.push(...(await linkHistoryLines(deps.store, link, 'contact', deps.historyLimit)))
  return lines
}

/**
 * The contact's company association (design.md 3.4 pass 3): its primary company in HubSpot and that
 * company's account, its Salesforce Contact's AccountId and that account's company, whether they agree, the
 * state pass 3 keeps on the contact link and its open errors. `accountId` is undefined for a lead (leads
 * carry no account, B-CON-14).
 */
async function associationLines(
  deps: ReportDeps,
  link: Link,
  accountId: RawValue | undefined,
): Promise<string[]> {
  const primaries = await deps.hubspot.readPrimaryCompanies([link.hubspotId])
  const primary = primaries.get(link.hubspotId) ?? null
  const companyLink =
    primary === null ? undefined : await deps.store.getLink(link.connectionId, 'company', 'hubspot', primary)
  const hubspotSide =
    primary === null
      ? 'HubSpot primary company: none'
      : `HubSpot primary company ${primary} (${companyLink === undefined ? 'no account linked' : `linked to Account ${companyLink.salesforceId}`})`
  let salesforceSide: string
  let agree: string
  if (accountId === undefined) {
    salesforceSide = `Salesforce ${link.salesforceType}: no AccountId (a lead carries no account until it is converted)`
    agree = ''
  } else {
    const account = accountId === null || accountId === '' ? null : String(accountId)
    const accountLink =
      account === null
        ? undefined
        : await deps.store.getLink(link.connectionId, 'company', 'salesforce', account)
    salesforceSide =
      account === null
        ? 'Salesforce Contact.AccountId: none (a private contact)'
        : `Salesforce Contact.AccountId ${account} (${accountLink === undefined ? 'no company linked' : `linked to company ${accountLink.hubspotId}`})`
    agree =
      companyLink !== undefined && account !== null && companyLink.salesforceId === account
        ? ': in step'
        : primary === null && account === null
          ? ': in step (no company on either side)'
          : ': not in step'
  }
  const lines = [
    `  company association (pass 3): ${hubspotSide}; ${salesforceSide}${agree}`,
    `  association state on the link (${ACCOUNT_ASSOCIATION_FIELD}): ${fieldStateText(link.fields[ACCOUNT_ASSOCIATION_FIELD])}`,
  ]
  // Its decisions are the contact's (field salesforceaccountid, in the history below); its errors its own kind.
  lines.push(...(await openErrorLines(deps.store, link, 'contact-company', 'association error')))
  return lines
}
