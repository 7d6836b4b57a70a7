import { SyncError } from '@crmsync/core'
import { type Kysely, Migrator, sql } from 'kysely'

import type { StoreDatabase } from '../schema.js'
import type { StoreFlavor } from '../store-dialect.js'
import { toStoreError } from '../store-errors.js'
import { StoreMigrationProvider } from './store-migration-provider.js'

/**
 * Brings the schema up to date; returns the names of the migrations applied. Safe to run on every start and
 * from several processes at once (Kysely takes a lock).
 */
export async function migrateStore(
  db: Kysely<StoreDatabase>,
  flavor: StoreFlavor,
): Promise<ReadonlyArray<string>> {
  let schema: string | undefined
  try {
    // Kysely looks for its migration table in any schema unless told which one; name ours, or a
    // kysely_migration table in another schema on the search path would be taken for ours.
    schema = flavor === 'postgres' ? await currentSchema(db) : undefined
  } catch (err) {
    throw toStoreError(err)
  }
  const migrator = new Migrator({
    db,
    provider: new StoreMigrationProvider(flavor),
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName
    const cause = toStoreError(error)
    // A store that cannot be reached is not a failed migration: keep the retryable code.
    if (cause.code === 'STORE_UNAVAILABLE' || cause.code === 'STORE_BUSY') throw cause
    throw new SyncError({
      code: 'STORE_MIGRATION_FAILED',
      message: `Store migration ${failed ?? '(setup)'} failed: ${cause.message}`,
      origin: 'store',
      retryable: false,
      cause: error,
    })
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName)
}

async function currentSchema(db: Kysely<StoreDatabase>): Promise<string> {
  const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  const schema = result.rows[0]?.schema
  if (schema === undefined) throw new Error('current_schema() returned no row')
  return schema
}
