import type { InboxArrival, Side } from '@crmsync/core'

import type { PlannedAction } from '../engine-types.js'
import type {
  ApplyEvents,
  ApplyResult,
  CountEvent,
  CreatedRecord,
  FoundLink,
  RecordFailure,
} from './apply-result.js'
import type { CommitEffect } from './commit-effect.js'

/**
 * The step a kind's CRM writes run in. Salesforce first, so ids it creates reach HubSpot's link properties in
 * the same batch; `store` kinds write no CRM and act only through their commit effects.
 */
export const WRITE_STEPS = ['salesforce', 'hubspot', 'store'] as const
export type WriteStep = (typeof WRITE_STEPS)[number]

/** What a dry run reports for a kind's actions instead of writing them. (Default of each: none) */
export interface DryRunReport {
  readonly planned?: readonly PlannedAction[] | undefined
  readonly apiCost?: Partial<Record<Side, number>> | undefined
  readonly counts?: readonly CountEvent[] | undefined
}

/**
 * Everything one action kind does after planning: its CRM writes (batched over every action of the kind in
 * the batch), the commit effect of each action, and what a dry run reports instead of writing. A handler
 * executes what was planned; it never plans, and never writes the store.
 */
export interface ActionHandler<A, Io> {
  readonly step: WriteStep
  /**
   * `earlier`: what the handlers before it in the same step did, e.g. the id of a deal a create returned, for
   * a handler that writes to it (the deal's company). Read only.
   */
  apply(actions: readonly A[], io: Io, earlier: ApplyResult): Promise<ApplyEvents>
  report(actions: readonly A[], io: Io): DryRunReport
  effects(action: A, applied: ApplyResult): readonly CommitEffect[]
}

/**
 * One handler per action kind. A mapped type over the union's `kind`, so adding a kind to the planner's
 * union without a handler fails the type check (packages/engine/src/pipeline/action-handlers.test.ts). The
 * order of the keys is the order a step applies its kinds in.
 */
export type ActionHandlers<A extends { readonly kind: string }, Io> = {
  readonly [K in A['kind']]: ActionHandler<Extract<A, { readonly kind: K }>, Io>
}

/**
 * A handler for an action that writes no CRM: its commit effects, and what it adds to the run's counts and,
 * in a dry run, to the plan it prints. (Default: no counts, nothing printed)
 */
export function storeOnly<A, Io>(init: {
  readonly effects: (action: A, applied: ApplyResult) => readonly CommitEffect[]
  readonly counts?: ((actions: readonly A[], io: Io) => readonly CountEvent[]) | undefined
  readonly planned?: ((actions: readonly A[]) => readonly PlannedAction[]) | undefined
}): ActionHandler<A, Io> {
  return {
    step: 'store',
    apply: (actions, io) => Promise.resolve({ counts: init.counts?.(actions, io) ?? [] }),
    report: (actions, io) => ({
      counts: init.counts?.(actions, io) ?? [],
      planned: init.planned?.(actions) ?? [],
    }),
    effects: init.effects,
  }
}

/** Builds one handler's events; local to a handler's apply, never shared. */
export class EventsBuilder {
  readonly #created: CreatedRecord[] = []
  readonly #failed: string[] = []
  readonly #failures: RecordFailure[] = []
  readonly #written: string[] = []
  readonly #replan: InboxArrival[] = []
  readonly #links: FoundLink[] = []
  readonly #counts: CountEvent[] = []
  readonly #serverSetRefused: string[] = []
  readonly #sourceChangedAt: number[] = []

  created(record: CreatedRecord): this {
    this.#created.push(record)
    return this
  }
  failed(...keys: string[]): this {
    this.#failed.push(...keys)
    return this
  }
  failure(failure: RecordFailure): this {
    this.#failures.push(failure)
    return this
  }
  written(...ids: string[]): this {
    this.#written.push(...ids)
    return this
  }
  replan(arrival: InboxArrival): this {
    this.#replan.push(arrival)
    return this
  }
  link(link: FoundLink): this {
    this.#links.push(link)
    return this
  }
  count(side: CountEvent['side'], key: CountEvent['key'], by = 1): this {
    if (by > 0) this.#counts.push({ side, key, by })
    return this
  }
  serverSetRefused(hubspotId: string): this {
    this.#serverSetRefused.push(hubspotId)
    return this
  }
  /** A record written to the other side carried its source's change of this instant; unknown: nothing. */
  synced(changedAt: number | undefined): this {
    if (changedAt !== undefined) this.#sourceChangedAt.push(changedAt)
    return this
  }
  events(): ApplyEvents {
    return {
      created: [...this.#created],
      failed: [...this.#failed],
      failures: [...this.#failures],
      written: [...this.#written],
      replan: [...this.#replan],
      links: [...this.#links],
      counts: [...this.#counts],
      serverSetRefused: [...this.#serverSetRefused],
      sourceChangedAt: [...this.#sourceChangedAt],
    }
  }
}
