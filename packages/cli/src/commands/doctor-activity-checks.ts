// `crmsync doctor`'s checks for activity sync (B-ACT-1, 5): what doctor-activity-fix.ts creates, checked
// whether or not --fix ran. Nothing while activity sync is off; else the Task describe (cached by the
// connector, shared with --fix) and one properties read per HubSpot engagement type a fromSalesforce switch
// writes.
import { ACTIVITY_KEY_FIELD, type Connection, type SalesforceConnector } from '@crmsync/core'
import { SALESFORCE_ID_PROPERTY } from '@crmsync/hubspot'
import { Client } from '@hubspot/api-client'

import type { CheckResult } from '../format/check-lines.js'
import { ENGAGEMENT_OF } from './doctor-activity-fix.js'
import { describeFailure } from './doctor-hubspot-checks.js'

const RUN_FIX = 'Run crmsync doctor --fix'

/** The activity checks of one connection; empty while both activity directions are off. */
export async function activityChecks(
  connection: Connection,
  salesforce: Pick<SalesforceConnector, 'describe'>,
): Promise<CheckResult[]> {
  const { toSalesforce, fromSalesforce } = connection.settings.activities
  if (toSalesforce.length === 0 && fromSalesforce.length === 0) return []
  const checks: CheckResult[] = [await keyFieldCheck(salesforce)]
  const types = [...new Set(fromSalesforce.map((kind) => ENGAGEMENT_OF[kind]))]
  if (types.length === 0) return checks
  const client = new Client({
    accessToken: connection.hubspot.accessToken,
    basePath: connection.hubspot.basePath,
    numberOfApiCallRetries: 0,
  })
  for (const type of types) checks.push(await engagementPropertyCheck(client, type))
  return checks
}

/** Both directions need it: inserts from HubSpot write it, and the Task and Event capture reads it. */
async function keyFieldCheck(salesforce: Pick<SalesforceConnector, 'describe'>): Promise<CheckResult> {
  const name = `Activity key field ${ACTIVITY_KEY_FIELD}`
  try {
    if ((await salesforce.describe('Task')).fields.has(ACTIVITY_KEY_FIELD))
      return { scope: 'salesforce', name, ok: true, detail: 'on Task and Event' }
    return {
      scope: 'salesforce',
      name,
      ok: false,
      detail: 'missing on Task: run and sync --once refuse to start with activity sync on',
      fix: `${RUN_FIX} (or create a Text(255) Activity field ${ACTIVITY_KEY_FIELD} in Setup).`,
    }
  } catch (err) {
    return {
      scope: 'salesforce',
      name,
      ok: false,
      detail: describeFailure(err),
      fix: 'The integration user needs to read Task; fix what the permission checks report.',
    }
  }
}

async function engagementPropertyCheck(client: Client, type: string): Promise<CheckResult> {
  const name = `${type} unique property ${SALESFORCE_ID_PROPERTY}`
  try {
    const all = await client.crm.properties.coreApi.getAll(type)
    const found = all.results.find((p) => p.name === SALESFORCE_ID_PROPERTY)
    if (found?.hasUniqueValue === true)
      return { scope: 'hubspot', name, ok: true, detail: 'hasUniqueValue=true' }
    return {
      scope: 'hubspot',
      name,
      ok: false,
      detail:
        found === undefined
          ? `missing: ${type} from Salesforce cannot be created`
          : 'hasUniqueValue=false: creates from Salesforce are upserts on it',
      fix:
        found === undefined
          ? `${RUN_FIX}.`
          : `Delete the ${type} property ${SALESFORCE_ID_PROPERTY} and run crmsync doctor --fix, which creates it with unique values.`,
    }
  } catch (err) {
    return {
      scope: 'hubspot',
      name,
      ok: false,
      detail: describeFailure(err),
      fix: 'Check the token scopes (the scopes check names what is missing).',
    }
  }
}
