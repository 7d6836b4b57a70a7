import type { InboxRow, ObjectKind, Side } from '@crmsync/core'

import type { ReadContext, StepContext } from '../engine-context.js'
import type { ActionHandler, DryRunReport } from './action-handler.js'
import { ApplyResult } from './apply-result.js'
import { commitBatch } from './commit-batch.js'
import type { CommitEffect } from './commit-effect.js'
import { interpretStep, type StepOutcome } from './interpret.js'
import type { ObjectKindDescriptor } from './object-kind.js'
import { readOnlyStore } from './read-only-store.js'

/** What a batch planned and what its writes did. */
export interface BatchResult<A> {
  readonly actions: readonly A[]
  readonly applied: ApplyResult
}

/**
 * One batch of one object kind through the pipeline of design.md 3.4, each stage owning what it writes:
 *
 *   read (the store's reads only) -> plan (pure, core) [-> read more -> plan]
 *     -> apply Salesforce [-> read what it created -> plan with it] -> apply HubSpot
 *     -> commit (one transaction: links, audit, errors, usage, inbox)
 *
 * A dry run is the same batch with the interpreter in `dry-run` mode, inside a transaction the run rolls back.
 */
export async function runBatch<Cache, Read, A extends { readonly kind: string }, Io, Found>(
  kind: ObjectKindDescriptor<Cache, Read, A, Io, Found>,
  ctx: StepContext,
  cache: Cache,
  rows: readonly InboxRow[],
  takeApiCalls: () => Readonly<Record<Side, number>>,
): Promise<BatchResult<A>> {
  const reader: ReadContext = { ...ctx, store: readOnlyStore(ctx.store) }
  let read = await kind.read(reader, cache, rows)
  let plan = kind.plan(read)
  if (plan.more.length > 0) {
    read = await kind.readMore(reader, read, plan)
    plan = kind.plan(read)
  }
  const io = kind.io(ctx, read)
  const salesforce = await interpretStep(kind.handlers, plan.actions, 'salesforce', io, ctx.mode)
  let actions = plan.actions
  const after = kind.afterSalesforce
  if (after !== undefined) {
    const written = new ApplyResult(salesforce.events)
    actions = after.plan(read, actions, written, await after.read(reader, read, written))
  }
  const hubspot = await interpretStep(kind.handlers, actions, 'hubspot', io, ctx.mode)
  const store = await interpretStep(kind.handlers, actions, 'store', io, ctx.mode)
  const steps = [salesforce, hubspot, store]
  const applied = new ApplyResult(steps.flatMap((s) => s.events))
  report(ctx, kind.kind, steps, applied)
  const effects: CommitEffect[] = actions.flatMap((a) =>
    (kind.handlers[a.kind as A['kind']] as ActionHandler<A, Io>).effects(a, applied),
  )
  const requeued = await commitBatch(ctx, {
    kind: kind.kind,
    linkKind: kind.linkKind ?? kind.kind,
    rows,
    links: kind.links(read),
    effects,
    applied,
    apiCalls: takeApiCalls(),
  })
  // A replan is planned even as an echo and read fresh. The contact-role pass does neither (it reads every
  // pair it is sent), so what is sent to it is no replan: otherwise a deal sent there would count as replanned
  // for the deal pass too and be read and planned a second time when its own row comes.
  for (const r of requeued) if (r.objectKind !== 'deal-contact') ctx.cycle.replanned.add(r.recordId)
  kind.afterCommit(ctx, cache, read, { planned: plan.actions, actions, applied })
  return { actions, applied }
}

/** Counts of the writes made, or in a dry run the handlers' reports of what they would write and cost. */
function report(
  ctx: StepContext,
  kind: ObjectKind,
  steps: readonly StepOutcome[],
  applied: ApplyResult,
): void {
  const { summary } = ctx.cycle
  for (const c of applied.counts) summary.count(kind, c.side, c.key, c.by)
  const reports: DryRunReport[] = steps.flatMap((s) => s.reports)
  for (const r of reports) {
    for (const c of r.counts ?? []) summary.count(kind, c.side, c.key, c.by)
    for (const p of r.planned ?? []) summary.planned(p)
    for (const [side, calls] of Object.entries(r.apiCost ?? {}) as [Side, number][])
      summary.apiCost(side, calls)
  }
}
