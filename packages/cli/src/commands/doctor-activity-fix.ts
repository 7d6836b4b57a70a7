import { ACTIVITY_KEY_FIELD, type Connection, type SalesforceConnector } from '@crmsync/core'
import { SALESFORCE_ID_PROPERTY } from '@crmsync/hubspot'
import type { Client } from '@hubspot/api-client'

import type { CheckResult } from '../format/check-lines.js'
import { describeFailure } from './doctor-hubspot-checks.js'

/** The HubSpot engagement type each Salesforce -> HubSpot switch writes (B-ACT-5). */
export const ENGAGEMENT_OF = { task: 'tasks', email: 'emails', call: 'calls', meeting: 'meetings' } as const

/**
 * `doctor --fix` for activity sync (B-ACT-1, 5): the Activity text field the Tasks are keyed by (Salesforce
 * Tasks cannot have External IDs), and the unique `crmsync_salesforce_id` on every HubSpot engagement type a
 * `fromSalesforce` switch writes. Nothing while activity sync is off.
 */
export async function activityFixes(
  connection: Connection,
  salesforce: Pick<SalesforceConnector, 'describe' | 'createActivityKeyField'>,
  client: Client,
): Promise<CheckResult[]> {
  const { toSalesforce, fromSalesforce } = connection.settings.activities
  if (toSalesforce.length === 0 && fromSalesforce.length === 0) return []
  const checks: CheckResult[] = []
  const field = `fix: Activity.${ACTIVITY_KEY_FIELD}`
  try {
    if (!(await salesforce.describe('Task')).fields.has(ACTIVITY_KEY_FIELD)) {
      await salesforce.createActivityKeyField()
      checks.push({
        scope: 'salesforce',
        name: field,
        ok: true,
        detail: 'created: Text(255) on Task and Event',
      })
    }
  } catch (err) {
    checks.push({
      scope: 'salesforce',
      name: field,
      ok: false,
      detail: describeFailure(err),
      fix: 'Create it in Setup, Object Manager, Activity (the integration user needs Customize Application).',
    })
  }
  for (const type of new Set(fromSalesforce.map((kind) => ENGAGEMENT_OF[kind]))) {
    const name = `fix: ${type} property ${SALESFORCE_ID_PROPERTY}`
    try {
      const existing = await client.crm.properties.coreApi.getAll(type)
      if (existing.results.some((p) => p.name === SALESFORCE_ID_PROPERTY)) continue
      await client.crm.properties.coreApi.create(type, {
        name: SALESFORCE_ID_PROPERTY,
        label: 'crmsync Salesforce id',
        groupName: 'crmsync',
        type: 'string' as never,
        fieldType: 'text' as never,
        hasUniqueValue: true,
      })
      checks.push({ scope: 'hubspot', name, ok: true, detail: 'created with unique values' })
    } catch (err) {
      checks.push({
        scope: 'hubspot',
        name,
        ok: false,
        detail: describeFailure(err),
        fix: 'Create it in HubSpot (Settings, Properties) with unique values.',
      })
    }
  }
  return checks
}
