import type {
  AuditEntry,
  ContactMapping,
  HubSpotConnector,
  Link,
  RawValue,
  SalesforceConnector,
  StateStore,
} from '@crmsync/core'

import { formatTable } from '../format/table.js'

export interface ReportDeps {
  readonly store: StateStore
  readonly salesforce: SalesforceConnector
  readonly hubspot: HubSpotConnector
  readonly mappings: readonly ContactMapping[]
  /** Audit entries shown per link, newest first. (Default: 50) */
  readonly historyLimit?: number
}

function show(value: RawValue): string {
  if (value === undefined || value === null || value === '') return '(blank)'
  return String(value)
}

function when(at: number): string {
  return new Date(at).toISOString().replace('.000Z', 'Z')
}

function historyLines(entries: readonly AuditEntry[]): string[] {
  if (entries.length === 0) return ['  history: no decisions recorded']
  const rows = entries.map((e) => [
    when(e.at),
    e.field,
    `${e.oldValue ?? '(blank)'} -> ${e.newValue ?? '(blank)'}`,
    e.direction,
    e.rule,
    e.reason,
  ])
  return [
    '  history (newest first):',
    ...formatTable(['when', 'field', 'change', 'direction', 'rule', 'reason'], rows, '    '),
  ]
}

/**
 * One link explained: its state and ids, each mapped field's value on both sides now (one read per side),
 * the rule and the ancestor, then the audit's decisions about the record.
 */
export async function explainLink(deps: ReportDeps, link: Link): Promise<string[]> {
  const type = link.salesforceType === 'Lead' ? 'Lead' : 'Contact'
  // Fields the org lacks are left out: asking for one fails the whole retrieve.
  const described = await deps.salesforce.describe(type)
  const fields = deps.mappings.flatMap((m) => {
    const field = m.salesforce[type]
    return field === undefined || !described.fields.has(field) ? [] : [{ mapping: m, field }]
  })
  const [hs, sf] = await Promise.all([
    deps.hubspot.readContacts({ ids: [link.hubspotId], properties: fields.map((f) => f.mapping.hubspot) }),
    deps.salesforce.retrieve(
      type,
      [link.salesforceId],
      fields.map((f) => f.field),
    ),
  ])
  const hsRecord = hs.records.get(link.hubspotId)
  const sfRecord = sf.get(link.salesforceId)
  const lines = [
    `link ${link.state}: HubSpot contact ${link.hubspotId} <-> Salesforce ${link.salesforceType} ${link.salesforceId}` +
      ` (linked ${when(link.createdAt)}, last change ${when(link.updatedAt)})`,
  ]
  if (hsRecord === undefined)
    lines.push(`  HubSpot contact ${link.hubspotId} is not readable now (deleted or merged)`)
  if (sfRecord === undefined)
    lines.push(`  Salesforce ${type} ${link.salesforceId} is not readable now (deleted)`)
  const rows = fields.map(({ mapping, field }) => {
    const ancestor = link.fields[mapping.hubspot]?.ancestor
    return [
      mapping.hubspot,
      show(hsRecord?.properties[mapping.hubspot]),
      field,
      show(sfRecord?.fields[field]),
      mapping.rule,
      ancestor === undefined ? '(never synced)' : show(ancestor),
    ]
  })
  lines.push(
    ...formatTable(
      ['hubspot property', 'hubspot now', 'salesforce field', 'salesforce now', 'rule', 'ancestor'],
      rows,
      '  ',
    ),
  )
  const audit = await deps.store.listAudit({
    connectionId: link.connectionId,
    objectKind: 'contact',
    side: 'hubspot',
    recordId: link.hubspotId,
    limit: deps.historyLimit ?? 50,
  })
  lines.push(...historyLines(audit))
  return lines
}
