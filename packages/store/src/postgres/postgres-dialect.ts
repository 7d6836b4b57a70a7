import { SyncError } from '@crmsync/core'
import { PostgresDialect } from 'kysely'
import pg from 'pg'

import type { StoreDialect } from '../store-dialect.js'

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`. */
  readonly connectionString: string
  /** Schema for the store's tables, set as the connections' search_path. (Default: the server's, usually public) */
  readonly schema?: string | undefined
  /** Pool size. (Default: 10) */
  readonly maxConnections?: number | undefined
}

const INT8_OID = 20

/**
 * Timestamps are epoch ms in bigint columns, and COUNT returns bigint; node-postgres returns int8 as a string
 * because it may exceed 2^53. Epoch ms and our counts stay far below that, so this pool (and only this pool:
 * no change to pg's global parsers) returns them as numbers.
 */
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary'): unknown =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format),
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/

/** A Postgres dialect over a pg Pool; close() on the store ends the pool. */
export function createPostgresDialect(options: PostgresStoreOptions): StoreDialect {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new SyncError({
      code: 'STORE_URL_INVALID',
      message: `Postgres schema name must match ${String(SCHEMA_NAME)}: ${options.schema}`,
      origin: 'store',
      retryable: false,
    })
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    types,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  })
  // An idle client that loses its connection emits 'error' on the pool, which would otherwise crash the
  // process; the next query on a fresh client reports the problem as STORE_UNAVAILABLE instead.
  pool.on('error', () => undefined)
  return { flavor: 'postgres', dialect: new PostgresDialect({ pool }) }
}
