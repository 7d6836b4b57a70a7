import type { ContactMapping, ContactSalesforceType } from '@crmsync/core'
import { HUBSPOT_LINK_PROPERTY } from '@crmsync/core'

const unique = (values: readonly string[]): string[] => [...new Set(values)].sort()

/** Salesforce fields to select for one type: every mapped field the type has. */
export function salesforceFieldsFor(
  mappings: readonly ContactMapping[],
  type: ContactSalesforceType,
): string[] {
  return unique(mappings.flatMap((m) => (m.salesforce[type] === undefined ? [] : [m.salesforce[type]])))
}

/**
 * HubSpot properties to read: every mapped property plus the link properties, the lifecycle stage, which
 * the legacy default inclusion list decides on (B-CON-21), and the primary company, which tells an echo
 * that still has work for company sync (pass 3); one property more costs no call.
 */
export function hubspotPropertiesFor(mappings: readonly ContactMapping[]): string[] {
  return unique([
    ...mappings.map((m) => m.hubspot),
    ...Object.values(HUBSPOT_LINK_PROPERTY),
    'lifecyclestage',
    'associatedcompanyid',
  ])
}

/**
 * Properties read with history: only where the planner needs a field change time (two-way and the owner,
 * design.md 3.2), because history makes responses many times larger.
 */
export function hubspotHistoryFor(mappings: readonly ContactMapping[]): string[] {
  return unique(mappings.filter((m) => m.rule === 'two-way' || m.rule === 'owner').map((m) => m.hubspot))
}

/** Lead and Contact ids carry their key prefix (00Q, 003), so an inbox row needs no type column. */
export function salesforceTypeOf(id: string): ContactSalesforceType | undefined {
  if (id.startsWith('00Q')) return 'Lead'
  if (id.startsWith('003')) return 'Contact'
  return undefined
}
