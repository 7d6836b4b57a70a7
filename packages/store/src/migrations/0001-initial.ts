import { type Kysely, type Migration, sql } from 'kysely'

import type { StoreFlavor } from '../store-dialect.js'
import { addIdColumn } from './id-column.js'

/**
 * The initial schema. Append-only: never edit a migration that has shipped; add 0002-… instead.
 *
 * - Timestamps are epoch ms in `bigint` (SQLite stores any integer in an INTEGER-affinity column).
 * - Link uniqueness: (connection, kind, HubSpot id) is the key, (connection, Salesforce id) a unique index.
 *   HubSpot ids are only unique within an object type; Salesforce ids are unique across an org. Both columns
 *   are NOT NULL on purpose: SQLite and Postgres both let NULLs repeat in a unique index (Postgres 15's
 *   NULLS NOT DISTINCT has no SQLite equivalent), so a nullable id would silently allow duplicate links.
 * - Per-field link state (ancestor and shadows) is one JSON text column, `fields_json`: the set of fields
 *   follows the user's mappings and changes without a migration, it is always read and written whole with its
 *   link, and nothing queries inside it. Text behaves the same on both databases (jsonb would reorder keys
 *   and need a dialect branch, and SQLite has no JSON type), and keeps a link one row, one read.
 */
export function createInitialMigration(flavor: StoreFlavor): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('store_sequences')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .execute()
      await sql`insert into store_sequences (name, value) values ('inbox', 0)`.execute(db)

      await db.schema
        .createTable('connection_identities')
        .addColumn('connection_id', 'text', (c) => c.primaryKey())
        .addColumn('salesforce_org_id', 'text', (c) => c.notNull())
        .addColumn('hubspot_portal_id', 'text', (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('links')
        .addColumn('connection_id', 'text', (c) => c.notNull())
        .addColumn('object_kind', 'text', (c) => c.notNull())
        .addColumn('hubspot_id', 'text', (c) => c.notNull())
        .addColumn('salesforce_type', 'text', (c) => c.notNull())
        .addColumn('salesforce_id', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('fields_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('links_pk', ['connection_id', 'object_kind', 'hubspot_id'])
        .execute()
      await db.schema
        .createIndex('links_salesforce_id_unique')
        .on('links')
        .columns(['connection_id', 'salesforce_id'])
        .unique()
        .execute()

      await db.schema
        .createTable('cursors')
        .addColumn('connection_id', 'text', (c) => c.notNull())
        .addColumn('side', 'text', (c) => c.notNull())
        .addColumn('stream', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('cursors_pk', ['connection_id', 'side', 'stream'])
        .execute()

      await db.schema
        .createTable('inbox')
        .addColumn('connection_id', 'text', (c) => c.notNull())
        .addColumn('object_kind', 'text', (c) => c.notNull())
        .addColumn('side', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('inbox_pk', ['connection_id', 'object_kind', 'side', 'record_id'])
        .execute()
      await db.schema.createIndex('inbox_seq').on('inbox').columns(['connection_id', 'seq']).execute()

      await addIdColumn(db.schema.createTable('audit_entries'), flavor)
        .addColumn('connection_id', 'text', (c) => c.notNull())
        .addColumn('object_kind', 'text', (c) => c.notNull())
        .addColumn('hubspot_id', 'text')
        .addColumn('salesforce_id', 'text')
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('old_value', 'text')
        .addColumn('new_value', 'text')
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('audit_entries_hubspot')
        .on('audit_entries')
        .columns(['connection_id', 'object_kind', 'hubspot_id', 'at'])
        .execute()
      await db.schema
        .createIndex('audit_entries_salesforce')
        .on('audit_entries')
        .columns(['connection_id', 'salesforce_id', 'at'])
        .execute()

      await addIdColumn(db.schema.createTable('sync_errors'), flavor)
        .addColumn('connection_id', 'text', (c) => c.notNull())
        .addColumn('object_kind', 'text', (c) => c.notNull())
        .addColumn('side', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_retry_at', 'bigint')
        .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('resolved_at', 'bigint')
        .execute()
      await db.schema
        .createIndex('sync_errors_record_code_unique')
        .on('sync_errors')
        .columns(['connection_id', 'object_kind', 'side', 'record_id', 'code'])
        .unique()
        .execute()
      await db.schema
        .createIndex('sync_errors_retry')
        .on('sync_errors')
        .columns(['connection_id', 'next_retry_at'])
        .execute()

      await db.schema
        .createTable('api_usage')
        .addColumn('connection_id', 'text', (c) => c.notNull())
        .addColumn('side', 'text', (c) => c.notNull())
        .addColumn('minute', 'bigint', (c) => c.notNull())
        .addColumn('calls', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('api_usage_pk', ['connection_id', 'side', 'minute'])
        .execute()

      await addIdColumn(db.schema.createTable('settings_snapshots'), flavor)
        .addColumn('connection_id', 'text', (c) => c.notNull())
        .addColumn('taken_at', 'bigint', (c) => c.notNull())
        .addColumn('json', 'text', (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('settings_snapshots_taken')
        .on('settings_snapshots')
        .columns(['connection_id', 'taken_at'])
        .execute()
    },
  }
}
