import { ERROR_CODES, isSyncError, SyncError, type SyncErrorCode } from '@crmsync/core'

type StoreCode = Extract<SyncErrorCode, `STORE_${string}`>

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EHOSTUNREACH',
])

/**
 * Classifies a driver error (better-sqlite3 `SQLITE_*` codes, Postgres SQLSTATEs, Node network codes) into a
 * STORE_* code. A table of prefixes, not scattered ifs (style guide item 12).
 */
export function classifyStoreError(err: unknown): StoreCode {
  const code = driverCode(err)
  if (code === undefined) {
    // pg reports a dropped connection, and better-sqlite3 a missing directory, by message only.
    return /connection terminated|connection ended|ended by the client|cannot open database/i.test(
      messageOf(err),
    )
      ? 'STORE_UNAVAILABLE'
      : 'STORE_QUERY_FAILED'
  }
  if (NETWORK_CODES.has(code)) return 'STORE_UNAVAILABLE'
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'STORE_BUSY'
  if (code.startsWith('SQLITE_CONSTRAINT')) return 'STORE_CONSTRAINT_VIOLATION'
  if (code.startsWith('SQLITE_CANTOPEN')) return 'STORE_UNAVAILABLE'
  if (code === '40001' || code === '40P01') return 'STORE_SERIALIZATION_FAILURE'
  if (code.startsWith('23')) return 'STORE_CONSTRAINT_VIOLATION'
  if (code === '55P03') return 'STORE_BUSY'
  // 08: connection exceptions; 57P0x: server shutting down; 53300: too many connections; 28: login refused;
  // 3D000: no such database.
  if (code.startsWith('08') || code.startsWith('57P0') || code === '53300') return 'STORE_UNAVAILABLE'
  if (code.startsWith('28') || code === '3D000') return 'STORE_UNAVAILABLE'
  return 'STORE_QUERY_FAILED'
}

/** Wraps a driver error as a SyncError with a STORE_* code; a SyncError passes through unchanged. */
export function toStoreError(err: unknown): SyncError {
  if (isSyncError(err)) return err
  const code = classifyStoreError(err)
  return new SyncError({
    code,
    message: `${ERROR_CODES[code].summary} ${messageOf(err)}`,
    origin: 'store',
    retryable: ERROR_CODES[code].retryable,
    cause: err,
  })
}

/** Runs a store operation, turning whatever the driver throws into a SyncError. */
export async function guardStore<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation()
  } catch (err) {
    throw toStoreError(err)
  }
}

function driverCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string') return code
  // Node reports a refused connection to a host with several addresses as an AggregateError.
  if (err instanceof AggregateError) return driverCode(err.errors[0])
  return undefined
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
