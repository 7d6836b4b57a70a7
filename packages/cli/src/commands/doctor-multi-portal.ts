import type { Connection, CrmsyncConfig } from '@crmsync/core'

import { orgKey } from '../wiring/connection-runtime-pool.js'

/**
 * Warnings about the connections that share `connection`'s Salesforce org (B-MULTI-2, B-MULTI-4). Pure.
 * - More than one of them creates HubSpot contacts from Salesforce: a Lead one portal's sync creates is
 *   created as a contact in the others too, as the reference does; its advice is to turn creation off in all
 *   portals but one.
 * - Their configured shares (`salesforce.apiCallAllocation`) add up to more than the org's daily limit
 *   (`orgMax`, from Sforce-Limit-Info; unknown before a call was made): the shares cannot all be spent.
 */
export function multiPortalWarnings(
  config: CrmsyncConfig,
  connection: Connection,
  orgMax?: number,
): string[] {
  const org = config.connections.filter((c) => orgKey(c) === orgKey(connection))
  if (org.length < 2) return []
  const ids = org.map((c) => c.id).join(', ')
  const warnings: string[] = []
  const creating = org.filter((c) => c.settings.contacts.createInHubSpot)
  if (creating.length > 1)
    warnings.push(
      `WARN salesforce: ${creating.length} connections on this org (${creating.map((c) => c.id).join(', ')}) ` +
        'create HubSpot contacts from Salesforce: a Lead one portal creates becomes a contact in the others too ' +
        '(B-MULTI-2); set settings.contacts.createInHubSpot: false in all but one',
    )
  const shares = org.map((c) => c.salesforce.apiCallAllocation)
  const total = shares.reduce<number>((sum, share) => sum + (share ?? 0), 0)
  if (orgMax !== undefined && total > orgMax)
    warnings.push(
      `WARN salesforce: the connections on this org (${ids}) have apiCallAllocation shares adding up to ` +
        `${total}, more than the org's daily limit of ${orgMax} (Sforce-Limit-Info; B-MULTI-4)`,
    )
  return warnings
}
