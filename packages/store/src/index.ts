export type { CreateStateStoreOptions, StoreLocation } from './create-state-store.js'
export { createStateStore, parseStoreUrl } from './create-state-store.js'
export { syncHealthCsv } from './health/sync-health-csv.js'
export {
  recordSyncStatusOf,
  type SyncHealthFilter,
  type SyncHealthReport,
  syncHealthReport,
  type SyncHealthRow,
} from './health/sync-health-queries.js'
export type { KyselyStateStoreOptions } from './kysely-state-store.js'
export { KyselyStateStore } from './kysely-state-store.js'
export type { PostgresStoreOptions } from './postgres/postgres-dialect.js'
export { createPostgresDialect } from './postgres/postgres-dialect.js'
export type { SqliteStoreOptions } from './sqlite/sqlite-dialect.js'
export { createSqliteDialect } from './sqlite/sqlite-dialect.js'
export type { StoreDialect, StoreFlavor } from './store-dialect.js'
