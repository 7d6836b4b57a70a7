import BetterSqlite3 from 'better-sqlite3'
import { SqliteDialect } from 'kysely'

import type { StoreDialect } from '../store-dialect.js'

export interface SqliteStoreOptions {
  /** A file path, or `:memory:` for a private in-memory database (gone on close). */
  readonly filename: string
  /** How long a writer waits for another process's lock before STORE_BUSY, in ms. (Default: 5000) */
  readonly busyTimeoutMs?: number | undefined
}

/**
 * A SQLite dialect over better-sqlite3. The file is opened on the first query, so a path that cannot be opened
 * surfaces as STORE_UNAVAILABLE from that query rather than from this factory.
 */
export function createSqliteDialect(options: SqliteStoreOptions): StoreDialect {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000
  return {
    flavor: 'sqlite',
    dialect: new SqliteDialect({
      database: () => {
        const db = new BetterSqlite3(options.filename)
        // WAL lets readers (the console, `crmsync status`) run while the engine commits.
        if (options.filename !== ':memory:') db.pragma('journal_mode = WAL')
        db.pragma(`busy_timeout = ${String(busyTimeoutMs)}`)
        return Promise.resolve(db)
      },
    }),
  }
}
