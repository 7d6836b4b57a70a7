// Timeline sync's look-up (B-ACT-1): Tasks cannot have External ID fields, so a Task crmsync inserted is
// found by the sync key in its custom text field, after a crash left the store not knowing it was inserted.
import { ACTIVITY_KEY_FIELD } from '@crmsync/core'

import { queryAllRows } from './read.js'
import type { SalesforceHttp } from './salesforce-http.js'
import { chunk, soqlString } from './soql.js'

/** Keys per query, so the SOQL text stays far under its length limit (100,000 characters). */
const KEYS_PER_QUERY = 100

/** Sync key -> Task id, for the keys a Task holds (1 query per 100 keys; archived Tasks are not looked at). */
export async function findTasksByActivityKey(
  http: SalesforceHttp,
  keys: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  for (const part of chunk([...new Set(keys)], KEYS_PER_QUERY)) {
    const soql =
      `SELECT Id, ${ACTIVITY_KEY_FIELD} FROM Task ` +
      `WHERE ${ACTIVITY_KEY_FIELD} IN (${part.map(soqlString).join(', ')})`
    for (const row of await queryAllRows(http, soql)) {
      const key = row[ACTIVITY_KEY_FIELD]
      if (typeof key === 'string' && typeof row['Id'] === 'string') found.set(key, row['Id'])
    }
  }
  return found
}
