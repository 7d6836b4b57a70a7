import type { ContactAction, InboxRow } from '@crmsync/core'

import type { CycleState } from '../../engine-context.js'
import type { CaptureCache } from '../../pipeline/capture-cache.js'
import type { CommittedBatch } from '../../pipeline/object-kind.js'
import type { ContactCache } from './contact-cache.js'

/** `side:id`, the key of a captured record in ContactCache.consumed and ContactRead.fromCapture. */
export function captureKey(side: 'hubspot' | 'salesforce', id: string): string {
  return `${side}:${id}`
}

/**
 * Rows whose captured record an earlier batch of this cycle already planned as part of its pair: that plan
 * merged every field of both sides from the same snapshot, so planning the row again could only read the
 * record again (one more call per 100) to find nothing new. The rows are still committed (deleted from the
 * inbox) with the batch. Rows re-enqueued for a replan are always planned.
 */
export function rowsToPlan(cycle: CycleState, cache: ContactCache, rows: readonly InboxRow[]): InboxRow[] {
  return rows.filter(
    (r) => cycle.replanned.has(r.recordId) || !cache.consumed.has(captureKey(r.side, r.recordId)),
  )
}

/**
 * After a batch: the captured records of every pair the plan synced (a `commit` action) are consumed for the
 * rest of the cycle. Only records served from the capture count; a record read by id was read after its own
 * capture and may be newer than the inbox row says, which changes nothing here.
 */
export function markPlannedPairs(
  cache: Pick<ContactCache, 'consumed'>,
  fromCapture: ReadonlySet<string>,
  actions: readonly { readonly kind: string }[],
): void {
  for (const any of actions) {
    const action = any as ContactAction
    // A pair with a create still pending has no counterpart snapshot to consume.
    if (action.kind !== 'commit' || action.hubspotId === null || action.salesforceId === null) continue
    for (const key of [
      captureKey('hubspot', action.hubspotId),
      captureKey('salesforce', action.salesforceId),
    ])
      if (fromCapture.has(key)) cache.consumed.add(key)
  }
}

/**
 * After a batch's commit, what the capture cache may still serve: the planned pairs' records are consumed
 * (markPlannedPairs); a captured HubSpot record serves one batch, since once planned it may be written, so a
 * later use reads it fresh; and a record the batch wrote is never served from the capture again.
 */
export function releaseCaptured(
  cache: Pick<CaptureCache<unknown, unknown, unknown>, 'hubspot' | 'consumed' | 'written'>,
  fromCapture: ReadonlySet<string>,
  batch: CommittedBatch<{ readonly kind: string }>,
): void {
  markPlannedPairs(cache, fromCapture, batch.planned)
  for (const key of fromCapture) if (key.startsWith('hubspot:')) cache.hubspot.delete(key.slice(8))
  for (const id of batch.applied.written) cache.written.add(id)
}
