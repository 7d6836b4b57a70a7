import type { Kysely, Migration } from 'kysely'

/**
 * What each side last reported about its limits (design.md 3.6): one row per connection and side, replaced
 * on every save, so `crmsync status` shows the org's usage and HubSpot's quota without calling either API.
 * Salesforce fills `daily_*` from `Sforce-Limit-Info`; HubSpot `daily_*` from its daily quota headers (when
 * the app gets them) and `burst_*` from the burst window's. A part never reported is null.
 */
export const apiLimitReadingsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('api_limit_readings')
      .addColumn('connection_id', 'text', (c) => c.notNull())
      .addColumn('side', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'bigint', (c) => c.notNull())
      .addColumn('daily_used', 'bigint')
      .addColumn('daily_limit', 'bigint')
      .addColumn('burst_remaining', 'bigint')
      .addColumn('burst_max', 'bigint')
      .addColumn('burst_interval_ms', 'bigint')
      .addPrimaryKeyConstraint('api_limit_readings_pk', ['connection_id', 'side'])
      .execute()
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('api_limit_readings').execute()
  },
}
