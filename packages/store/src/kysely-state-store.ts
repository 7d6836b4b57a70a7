import { Kysely } from 'kysely'

import { BoundStateStore } from './bound-state-store.js'
import { migrateStore } from './migrations/migrate-store.js'
import type { StoreDatabase } from './schema.js'
import type { StoreDialect, StoreFlavor } from './store-dialect.js'
import { guardStore } from './store-errors.js'

export interface KyselyStateStoreOptions {
  /** The database, from createSqliteDialect or createPostgresDialect. The store owns it: close() ends it. */
  readonly dialect: StoreDialect
}

/**
 * The StateStore over Kysely, on SQLite or Postgres (design.md section 2). Call migrate() once before use;
 * close() releases the database handle or pool. Every method throws SyncError with a STORE_* code.
 */
export class KyselyStateStore extends BoundStateStore {
  readonly flavor: StoreFlavor
  readonly #kysely: Kysely<StoreDatabase>

  constructor(options: KyselyStateStoreOptions) {
    const kysely = new Kysely<StoreDatabase>({ dialect: options.dialect.dialect })
    super(kysely, 0)
    this.#kysely = kysely
    this.flavor = options.dialect.flavor
  }

  /** Applies pending migrations; returns the names applied (empty when already up to date). */
  migrate(): Promise<ReadonlyArray<string>> {
    return migrateStore(this.#kysely, this.flavor)
  }

  /** Releases the database handle or pool. The store cannot be used afterwards. */
  close(): Promise<void> {
    return guardStore(() => this.#kysely.destroy())
  }
}
