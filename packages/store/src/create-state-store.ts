import { SyncError } from '@crmsync/core'

import { KyselyStateStore } from './kysely-state-store.js'
import { createPostgresDialect } from './postgres/postgres-dialect.js'
import { createSqliteDialect } from './sqlite/sqlite-dialect.js'

export interface CreateStateStoreOptions {
  /** Postgres only: the schema for the store's tables. (Default: the server's search_path, usually public) */
  readonly postgresSchema?: string | undefined
  /** Postgres only: pool size. (Default: 10) */
  readonly postgresMaxConnections?: number | undefined
}

/** Where a store URL points. */
export type StoreLocation =
  | { readonly kind: 'sqlite'; readonly filename: string }
  | { readonly kind: 'postgres'; readonly connectionString: string }

/**
 * Reads a store URL: `sqlite::memory:`, `sqlite:./relative.db` (relative to the working directory),
 * `sqlite:///absolute/path.db` (also `sqlite:/absolute/path.db`), `postgres://…` or `postgresql://…`.
 */
export function parseStoreUrl(url: string): StoreLocation {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return { kind: 'postgres', connectionString: url }
  }
  if (url.startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length)
    if (rest === ':memory:') return { kind: 'sqlite', filename: ':memory:' }
    // sqlite:///abs → /abs. A host part (sqlite://host/path) means nothing for a file, so it is refused.
    const filename = rest.startsWith('//') ? (rest.startsWith('///') ? rest.slice(2) : '') : rest
    if (filename !== '') return { kind: 'sqlite', filename }
  }
  throw new SyncError({
    code: 'STORE_URL_INVALID',
    message: `Unsupported store URL ${JSON.stringify(redact(url))}: use sqlite::memory:, sqlite:<path> or postgres://…`,
    origin: 'store',
    retryable: false,
  })
}

/** Builds the store a URL names. Nothing is opened until the first query; call migrate() before use. */
export function createStateStore(url: string, options: CreateStateStoreOptions = {}): KyselyStateStore {
  const location = parseStoreUrl(url)
  const dialect =
    location.kind === 'sqlite'
      ? createSqliteDialect({ filename: location.filename })
      : createPostgresDialect({
          connectionString: location.connectionString,
          schema: options.postgresSchema,
          maxConnections: options.postgresMaxConnections,
        })
  return new KyselyStateStore({ dialect })
}

/** Keeps a password out of error messages and logs. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')
}
