import type {
  ErrorOccurrence,
  InboxArrival,
  InboxRow,
  Link,
  ObjectKind,
  RecordRef,
  Side,
} from '@crmsync/core'

import type { StepContext } from '../engine-context.js'
import type { ApplyResult, RecordFailure } from './apply-result.js'
import { auditEntries } from './audit-entries.js'
import type { CommitEffect } from './commit-effect.js'
import { scheduledRetry } from './error-retry.js'
import { LinkWork } from './link-work.js'

/** What a batch commits: its rows, the links its read loaded, and every commit effect in plan order. */
export interface BatchCommit {
  readonly kind: ObjectKind
  /** The kind of the links the effects change (the association pass changes contact links). */
  readonly linkKind: ObjectKind
  readonly rows: readonly InboxRow[]
  readonly links: readonly Link[]
  readonly effects: readonly CommitEffect[]
  readonly applied: ApplyResult
  /** API calls made since the last flush, stored with the batch. */
  readonly apiCalls: Readonly<Record<Side, number>>
}

/**
 * Step 4 of design.md 3.4, in ONE store transaction, the only writer of the batch's state: links with their
 * ancestors and shadows, audit entries, typed per-record errors (and the resolution of errors of records that
 * synced), API usage, the delete of the processed inbox rows `seq <= seqRead` (so a change that arrived
 * during apply stays) and the records to plan again. Returns the ids enqueued again, for the cycle to plan.
 */
export async function commitBatch(ctx: StepContext, batch: BatchCommit): Promise<readonly InboxArrival[]> {
  const { connectionId } = ctx.setup
  const { summary } = ctx.cycle
  const kind = batch.kind
  const at = ctx.deps.clock.now()
  const open = await ctx.store.listErrors({ connectionId, limit: 10_000 })
  const openKeys = new Set(open.map((e) => `${e.side}:${e.recordId}`))
  const ref = (side: Side, recordId: string): RecordRef => ({
    connectionId,
    objectKind: kind,
    side,
    recordId,
  })
  const requeue: InboxArrival[] = [...batch.applied.replan]
  const failures: RecordFailure[] = []
  await ctx.store.transaction(async (tx) => {
    const work = new LinkWork(tx, { links: batch.links, at, connectionId, objectKind: batch.linkKind })
    const synced: RecordRef[] = []
    for (const effect of batch.effects) {
      switch (effect.kind) {
        case 'link':
          await work.link(effect.hubspotId, effect.salesforceType, effect.salesforceId)
          break
        case 'relink':
          await work.relink(effect.from, effect.to)
          break
        case 'link-state':
          work.setState(effect.hubspotId, effect.state)
          break
        case 'rekey':
          await work.rekey(effect.from, effect.to)
          break
        case 'sync-fields': {
          const { hubspotId, salesforceId, decisions } = effect
          const before = work.fields(hubspotId)
          await work.commit(hubspotId, effect.salesforceType, salesforceId, effect.fields)
          await tx.appendAudit(
            auditEntries({
              connectionId,
              objectKind: batch.linkKind,
              hubspotId,
              salesforceId,
              decisions,
              before,
              at,
            }),
          )
          summary.conflicts(decisions.filter((d) => d.conflict === true).length)
          synced.push(ref('hubspot', hubspotId), ref('salesforce', salesforceId))
          break
        }
        case 'resolve-errors':
          synced.push(ref(effect.side, effect.recordId))
          break
        case 'record-error':
          failures.push(effect.failure)
          break
        case 'requeue': {
          const into = effect.objectKind ?? kind
          requeue.push(
            ...effect.ids.map((recordId) => ({
              connectionId,
              objectKind: into,
              side: effect.side,
              recordId,
            })),
          )
          break
        }
        case 'cursor':
          await tx.setCursor({
            connectionId,
            side: effect.side,
            stream: effect.stream,
            value: effect.value,
            updatedAt: at,
          })
          break
        case 'count':
          summary.count(kind, effect.side, effect.key)
          break
        case 'timeline-items':
          await tx.putTimelineItems(effect.items.map((i) => ({ ...i, connectionId, updatedAt: at })))
          break
        default:
          effect satisfies never
      }
    }
    for (const link of batch.applied.links)
      await work.link(link.hubspotId, link.salesforceType, link.salesforceId)
    await work.flush()
    for (const failure of [...failures, ...batch.applied.failures]) {
      await tx.recordError(occurrence(ctx, kind, failure, at))
      const { recordId, code, message } = failure
      summary.error(kind, { side: failure.writtenSide, recordId, code, message })
    }
    for (const r of synced)
      if (openKeys.has(`${r.side}:${r.recordId}`)) await tx.resolveErrors({ record: r }, at)
    for (const side of ['salesforce', 'hubspot'] as const)
      if (batch.apiCalls[side] > 0) await tx.addApiCalls(connectionId, side, at, batch.apiCalls[side])
    await tx.deleteInbox(batch.rows)
    if (requeue.length > 0) await tx.enqueue(requeue)
  })
  // Synced means committed: the latency ends when the transaction holding the pair's new state is done.
  const committedAt = ctx.deps.clock.now()
  for (const changedAt of batch.applied.sourceChangedAt) summary.changeToSync(committedAt - changedAt)
  return requeue
}

/** A failure as a stored error, retried on the schedule the retry table gives its code (design.md 3.5). */
function occurrence(ctx: StepContext, kind: ObjectKind, failure: RecordFailure, at: number): ErrorOccurrence {
  const retry = scheduledRetry(ctx.setup, failure.code)
  return {
    connectionId: ctx.setup.connectionId,
    objectKind: kind,
    side: failure.side,
    recordId: failure.recordId,
    code: failure.code,
    message: failure.message,
    at,
    ...(retry === undefined ? {} : { retry }),
  }
}
