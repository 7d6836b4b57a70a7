import type { Kysely, Migration } from 'kysely'

/**
 * Timeline sync's pairs (B-ACT-1..10): one row per (HubSpot activity, contact), keyed by the sync key
 * `activityKey@contactId`. Salesforce Tasks cannot carry an External ID field, so this table is what makes a
 * replay never insert a Task twice: `pending` waits for the contact's link, `claimed` is committed before the
 * Task is inserted (and looked up by its custom field after a crash), `written` holds the Task id.
 * `activity_json` keeps the activity itself, so a parked pair is written later without reading HubSpot again.
 */
export const activityItemsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('activity_items')
      .addColumn('connection_id', 'text', (c) => c.notNull())
      .addColumn('sync_key', 'text', (c) => c.notNull())
      .addColumn('activity_key', 'text', (c) => c.notNull())
      .addColumn('contact_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('salesforce_task_id', 'text')
      .addColumn('activity_json', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('activity_items_pk', ['connection_id', 'sync_key'])
      .execute()
    await db.schema
      .createIndex('activity_items_activity')
      .on('activity_items')
      .columns(['connection_id', 'activity_key'])
      .execute()
    await db.schema
      .createIndex('activity_items_state')
      .on('activity_items')
      .columns(['connection_id', 'state'])
      .execute()
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('activity_items').execute()
  },
}
