import type { ActionHandler, ActionHandlers, DryRunReport, WriteStep } from './action-handler.js'
import { type ApplyEvents, ApplyResult } from './apply-result.js'

/**
 * How a batch's actions are executed: `apply` makes the writes; `dry-run` makes none and each handler reports
 * what it would write and what it would cost. The only place a dry run differs from a real one, besides the
 * rolled-back store transaction the whole dry run runs in.
 */
export type ApplyMode = 'apply' | 'dry-run'

/** What one step did: its handlers' events (none in a dry run) and their dry-run reports. */
export interface StepOutcome {
  readonly events: readonly ApplyEvents[]
  readonly reports: readonly DryRunReport[]
}

/**
 * Executes one write step of a batch (design.md 3.4 step 3): every action kind whose handler runs in `step`,
 * in the order the handler table lists them, each handler getting all of its kind's actions at once so its
 * writes go out in batch calls, and what the step's earlier handlers did (the ids their creates returned).
 */
export async function interpretStep<A extends { readonly kind: string }, Io>(
  handlers: ActionHandlers<A, Io>,
  actions: readonly A[],
  step: WriteStep,
  io: Io,
  mode: ApplyMode,
): Promise<StepOutcome> {
  const events: ApplyEvents[] = []
  const reports: DryRunReport[] = []
  for (const kind of Object.keys(handlers) as A['kind'][]) {
    const handler = handlers[kind] as ActionHandler<A, Io>
    if (handler.step !== step) continue
    const own = actions.filter((a) => a.kind === kind)
    if (own.length === 0) continue
    if (mode === 'dry-run') reports.push(handler.report(own, io))
    else events.push(await handler.apply(own, io, new ApplyResult(events)))
  }
  return { events, reports }
}
