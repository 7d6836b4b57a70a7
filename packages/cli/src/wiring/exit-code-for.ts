import { isSyncError } from '@crmsync/core'
import type { SyncSummary } from '@crmsync/engine'

import { EXIT_CODES, type ExitCode } from '../exit-codes.js'
import { safeText } from '../format/safe-text.js'

/** design.md 4.1: 4 incomplete (budget, suspended side), 1 new records in error, else 0. */
export function exitCodeForSummary(summary: SyncSummary): ExitCode {
  if (summary.incomplete !== undefined) return EXIT_CODES.incomplete
  if (summary.errors.length > 0) return EXIT_CODES.recordsInError
  return EXIT_CODES.ok
}

/**
 * A run that threw: a SyncError is a connection problem (credentials, permissions, org/portal identity, a
 * side unreachable after retries) and exits 3 with its code and message; anything else is a bug and is
 * rethrown. The message is for printing and already safe: connectors quote Salesforce's and HubSpot's error
 * text, which may quote record values (safe-text.ts).
 */
export function describeRunFailure(err: unknown): { code: ExitCode; message: string } {
  if (!isSyncError(err)) throw err
  return { code: EXIT_CODES.connection, message: safeText(`${err.code}: ${err.message}`) }
}
