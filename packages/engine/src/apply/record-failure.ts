import type { Side, SyncErrorCode } from '@crmsync/core'
import { retryPolicyFor } from '@crmsync/core'

import type { StepContext } from '../engine-context.js'
import type { ApplyOutcome } from './apply-outcome.js'

/**
 * A per-record failure: stored as a typed error on the record it concerns, retried on the schedule of
 * design.md 3.5 (every 30 min, 10 times) when the retry table says so, and at once when the record changes.
 */
export function recordFailure(
  ctx: StepContext,
  outcome: ApplyOutcome,
  failure: { side: Side; recordId: string; writtenSide: Side; code: SyncErrorCode; message: string },
): void {
  const policy = retryPolicyFor(failure.code)
  outcome.errors.push({
    connectionId: ctx.setup.connectionId,
    objectKind: 'contact',
    side: failure.side,
    recordId: failure.recordId,
    code: failure.code,
    message: failure.message,
    at: ctx.deps.clock.now(),
    ...(policy.kind === 'scheduled' || policy.kind === 'backoff'
      ? { retry: { everyMs: ctx.setup.retryEveryMs, maxRetries: ctx.setup.maxRetries } }
      : {}),
  })
  ctx.cycle.summary.error('contact', {
    side: failure.writtenSide,
    recordId: failure.recordId,
    code: failure.code,
    message: failure.message,
  })
}
