/** What the pair planners (contacts, companies) do the same way around their own per-change rules. */
import type { TransformContext } from '../canonical/index.js'
import type { Link, Side } from '../model/index.js'
import { buildOwnerIndex, type OwnersTable } from '../owners/index.js'
import type { PairAction } from './contact-actions.js'

type SkipAction = Extract<PairAction<string>, { readonly kind: 'skip' }>

/** A paused integration plans nothing: every change is skipped as `paused` (B-INST-7). */
export function pausedPlan(changes: readonly { readonly side: Side; readonly id: string }[]): {
  readonly actions: SkipAction[]
  readonly hubspotHistoryWanted: readonly string[]
} {
  const actions = changes.map((c): SkipAction => ({ kind: 'skip', side: c.side, id: c.id, reason: 'paused' }))
  return { actions, hubspotHistoryWanted: [] }
}

/** Deletes first, so a record freed by a delete in this batch can be matched by a change in it. */
export function deletesFirst<C extends { readonly event: string }>(changes: readonly C[]): C[] {
  return [...changes.filter((c) => c.event === 'deleted'), ...changes.filter((c) => c.event !== 'deleted')]
}

/** Prefers an active link when the store holds several rows for one id (an old tombstone and a new link). */
export function indexLinks(links: readonly Link[], key: (l: Link) => string): Map<string, Link> {
  const byId = new Map<string, Link>()
  for (const link of links) {
    const current = byId.get(key(link))
    if (current === undefined || (current.state !== 'active' && link.state === 'active'))
      byId.set(key(link), link)
  }
  return byId
}

/** How the plan reads values: the portal's time zone, the owners, the required-field placeholder. */
export function planTransform(
  timeZone: string,
  owners: OwnersTable,
  requiredFieldPlaceholder: string | undefined,
): TransformContext {
  return {
    timeZone,
    owners: buildOwnerIndex(owners),
    ...(requiredFieldPlaceholder === undefined ? {} : { requiredFieldPlaceholder }),
  }
}
