import type { EngineSetup, StepContext } from './engine-context.js'

const DAY_MS = 24 * 60 * 60_000

/** Salesforce calls this connection made in the rolling 24 hours, as stored per minute (design.md 3.6). */
export function salesforceCallsToday(
  ctx: Pick<StepContext, 'deps' | 'store'> & { readonly setup: Pick<EngineSetup, 'connectionId'> },
): Promise<number> {
  const now = ctx.deps.clock.now()
  return ctx.store.sumApiCalls({
    connectionId: ctx.setup.connectionId,
    side: 'salesforce',
    from: now - DAY_MS,
    to: now + 1,
  })
}

/**
 * Scheduled retries of per-record errors (design.md 3.5): records whose retry is due go back into the inbox.
 * Above 75 % of the Salesforce allocation (or 5,000 calls in 24 h without one) automatic retries stop
 * (design.md 3.6, B-API-2); a record that changes is still retried at once, through capture. `used`: the
 * Salesforce calls of the rolling 24 h, as the cycle's call gate counts them (no second store read).
 */
export async function scheduleRetries(ctx: StepContext, used: number): Promise<void> {
  if (used > ctx.setup.retryStopAt) {
    ctx.deps.logger.warn(
      { connectionId: ctx.setup.connectionId, used, stopAt: ctx.setup.retryStopAt },
      'automatic retries paused: Salesforce API budget above its retry share',
    )
    return
  }
  const due = await ctx.store.listErrorsDue(ctx.setup.connectionId, ctx.deps.clock.now(), 1000)
  if (due.length === 0) return
  await ctx.store.enqueue(
    due.map((e) => ({
      connectionId: e.connectionId,
      objectKind: e.objectKind,
      side: e.side,
      recordId: e.recordId,
    })),
  )
}
