import { SyncError } from '@crmsync/core'

/**
 * Narrows a text column to a member of a literal union. A value outside it means the row was written by a
 * newer version or by hand, so it is reported rather than passed on mistyped.
 */
export function parseMember<T extends string>(allowed: ReadonlyArray<T>, value: string, column: string): T {
  if ((allowed as ReadonlyArray<string>).includes(value)) return value as T
  throw new SyncError({
    code: 'STORE_QUERY_FAILED',
    message: `Unexpected value ${JSON.stringify(value)} in column ${column}`,
    origin: 'store',
    retryable: false,
  })
}

/**
 * Splits a list so that one statement stays well under the bind-parameter limits (SQLite 32,766, Postgres
 * 65,535) whatever the row width.
 */
export function chunk<T>(items: ReadonlyArray<T>, size: number): Array<ReadonlyArray<T>> {
  const chunks: Array<ReadonlyArray<T>> = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}

/** Kysely reports affected rows as bigint. */
export function affected(result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }): number {
  return Number(result.numUpdatedRows ?? result.numDeletedRows ?? 0n)
}
