// The start of `crmsync run` and `sync --once` with activity sync on (B-ACT-1): Salesforce Tasks cannot have
// External IDs, so the Tasks crmsync inserts are keyed by an Activity text field that `crmsync doctor --fix`
// creates. Without it every Task insert fails record by record and the Task and Event capture fails each
// cycle, so the start refuses with what to do. One Task describe per start, only with activities on (the
// connector caches it for its lifetime).
import { ACTIVITY_KEY_FIELD, type Connection, type SalesforceConnector, SyncError } from '@crmsync/core'

export interface ActivityKeyFieldInput {
  readonly connection: Connection
  readonly salesforce: Pick<SalesforceConnector, 'describe'>
}

/** Throws ACTIVITY_KEY_FIELD_MISSING when activity sync is on and Task lacks the key field. */
export async function assertActivityKeyField(input: ActivityKeyFieldInput): Promise<void> {
  const { toSalesforce, fromSalesforce } = input.connection.settings.activities
  if (toSalesforce.length === 0 && fromSalesforce.length === 0) return
  if ((await input.salesforce.describe('Task')).fields.has(ACTIVITY_KEY_FIELD)) return
  throw new SyncError({
    code: 'ACTIVITY_KEY_FIELD_MISSING',
    message:
      `activity sync is on but Task has no field ${ACTIVITY_KEY_FIELD}, which crmsync keys the Tasks it ` +
      'writes by and reads back. Run crmsync doctor --fix to create it',
    origin: 'salesforce',
    retryable: false,
  })
}
