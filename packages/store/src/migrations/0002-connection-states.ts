import type { Kysely, Migration } from 'kysely'

/**
 * A connection's life (B-INST-7, B-API-4, B-ERR-9/10, B-INST-12): the global switch, the suspension in force
 * and the disconnect, one row per connection, absent while nothing was ever decided (active). The suspension
 * is one JSON text column, as the links' fields are (0001-initial.ts): it is always read and written whole and
 * nothing queries inside it. `paused` is 0 or 1, the same on SQLite (no boolean type) and Postgres.
 */
export const connectionStatesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('connection_states')
      .addColumn('connection_id', 'text', (c) => c.primaryKey())
      .addColumn('paused', 'integer', (c) => c.notNull())
      .addColumn('suspension_json', 'text')
      .addColumn('disconnected_at', 'bigint')
      .execute()
  },
}
