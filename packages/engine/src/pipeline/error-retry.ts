import { scheduledRetryFor, type SyncErrorCode } from '@crmsync/core'

import type { EngineSetup } from '../engine-context.js'

/**
 * The retry schedule a stored per-record error gets (design.md 3.5): the core's retry table by code (every
 * 30 minutes, 10 times, for per-record errors and for transient ones that outlasted their backoff); none for
 * codes that only a person or a configuration change can fix.
 */
export function scheduledRetry(
  setup: Pick<EngineSetup, 'retryOverrides'>,
  code: SyncErrorCode,
): { everyMs: number; maxRetries: number } | undefined {
  return scheduledRetryFor(code, setup.retryOverrides)
}
