import type { RecordCard } from '@crmsync/server'

import { formatTable } from '../format/table.js'
import { historyLines, show } from './explain-report.js'
import { statusLines } from './explain-status.js'

const shown = (value: unknown) =>
  show(typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null)

const NOUN = { contact: 'contact', company: 'company', deal: 'deal' } as const

/**
 * One record's sync card as text (what `explain` prints when the CRMs cannot be read): its ids, its sync
 * status, each mapped field with the values the store last saw on each side, the rule and the ancestor, and
 * the decisions. Values come from the CRMs: the caller prints the lines escaped.
 */
export function cardLines(card: RecordCard): string[] {
  const hubspot =
    card.hubspotId === null ? 'no HubSpot record' : `HubSpot ${NOUN[card.objectKind]} ${card.hubspotId}`
  const salesforce =
    card.salesforceId === null
      ? 'no Salesforce record'
      : `Salesforce ${card.salesforceType ?? ''} ${card.salesforceId}`
  const column = card.valuesFrom === 'live' ? 'now' : 'last seen'
  const rows = card.fields.map((f) => [
    f.hubspot,
    shown(f.hubspotValue),
    f.salesforce,
    shown(f.salesforceValue),
    f.rule,
    f.ancestor === null ? '(never synced)' : shown(f.ancestor),
    f.status,
  ])
  return [
    `${card.label}: ${hubspot} <-> ${salesforce}`,
    ...statusLines(card.status),
    ...formatTable(
      [
        'hubspot property',
        `hubspot ${column}`,
        'salesforce field',
        `salesforce ${column}`,
        'rule',
        'ancestor',
        'status',
      ],
      rows,
      '  ',
    ),
    ...historyLines(
      card.history.map((h) => ({
        at: h.at,
        field: h.field,
        oldValue: h.oldValue as string | null,
        newValue: h.newValue as string | null,
        direction: h.direction,
        rule: h.rule,
        reason: h.reason,
      })),
    ),
  ]
}
