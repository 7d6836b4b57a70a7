import type { Side } from '@crmsync/core'
import type { PlannedAction, SideCounts, SyncSummary } from '@crmsync/engine'

const SIDES = ['hubspot', 'salesforce'] as const

/**
 * One summary for a command that runs the engine several times (a resync paged 2000 contacts per call):
 * counts, API calls, conflicts, errors and latency samples add up, the first `incomplete` reason stands, and
 * the time span runs from the first start to the last finish. Undefined for no runs.
 */
export function mergeSummaries(summaries: readonly SyncSummary[]): SyncSummary | undefined {
  const [first] = summaries
  const last = summaries.at(-1)
  if (first === undefined || last === undefined) return undefined
  const objects: Record<string, Record<Side, SideCounts>> = {}
  for (const summary of summaries) {
    for (const [kind, sides] of Object.entries(summary.objects)) {
      const into = (objects[kind] ??= { hubspot: zero(), salesforce: zero() })
      for (const side of SIDES) addCounts(into[side], sides[side])
    }
  }
  const sum = (pick: (s: SyncSummary) => number) => summaries.reduce((n, s) => n + pick(s), 0)
  const plans = summaries.flatMap((s) => (s.plan === undefined ? [] : [s.plan]))
  const actions: PlannedAction[] = plans.flatMap((p) => p.actions)
  const incomplete = summaries.find((s) => s.incomplete !== undefined)?.incomplete
  // Each run keeps at most 10,000 latency samples; the merge keeps as many, the first ones.
  const changeToSyncMs = summaries.flatMap((s) => s.changeToSyncMs ?? []).slice(0, 10_000)
  return {
    connectionId: first.connectionId,
    dryRun: first.dryRun,
    startedAt: first.startedAt,
    finishedAt: last.finishedAt,
    cycles: sum((s) => s.cycles),
    objects,
    apiCalls: { salesforce: sum((s) => s.apiCalls.salesforce), hubspot: sum((s) => s.apiCalls.hubspot) },
    conflicts: sum((s) => s.conflicts),
    errors: summaries.flatMap((s) => s.errors),
    ...(incomplete === undefined ? {} : { incomplete }),
    ...(changeToSyncMs.length === 0 ? {} : { changeToSyncMs }),
    ...(plans.length === 0
      ? {}
      : {
          plan: {
            actions,
            apiCost: {
              salesforce: plans.reduce((n, p) => n + p.apiCost.salesforce, 0),
              hubspot: plans.reduce((n, p) => n + p.apiCost.hubspot, 0),
            },
          },
        }),
  }
}

function zero(): SideCounts {
  return { created: 0, updated: 0, linked: 0, deleted: 0, skipped: 0, errored: 0 }
}

function addCounts(into: SideCounts, from: SideCounts): void {
  into.created += from.created
  into.updated += from.updated
  into.linked += from.linked
  into.deleted += from.deleted
  into.skipped += from.skipped
  into.errored += from.errored
}
