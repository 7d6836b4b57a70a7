import type { ObjectKind } from '@crmsync/core'

import type { ReadContext, StepContext } from '../engine-context.js'
import type { CaptureAsk, CaptureStream } from '../pipeline/object-kind.js'
import { readOnlyStore } from '../pipeline/read-only-store.js'

/** Capture passes end on their own; this only stops a connector that keeps saying `more` forever. */
const MAX_PAGES_PER_STREAM = 1000

/** Per stream (`side:stream`) that cannot honour `settleThrough` yet, how many ms until it can. */
export type CaptureWaits = ReadonlyMap<string, number>

export const streamKey = (stream: { readonly side: string; readonly stream: string }): string =>
  `${stream.side}:${stream.stream}`

/**
 * Step 1 of design.md 3.4 for one kind: every stream's pages (or only the streams named in `only`), each
 * page's inbox rows and its cursor written in one transaction, so a crash between pages loses nothing and
 * repeats nothing. Returns the streams that cannot honour `ask.settleThrough` yet, with their waits.
 */
export async function runCapture<Cache>(
  ctx: StepContext,
  kind: ObjectKind,
  streams: readonly CaptureStream<Cache>[],
  cache: Cache,
  ask: CaptureAsk = {},
  only?: ReadonlySet<string>,
): Promise<CaptureWaits> {
  const { connectionId } = ctx.setup
  const reader: ReadContext = { ...ctx, store: readOnlyStore(ctx.store) }
  const waits = new Map<string, number>()
  for (const stream of streams) {
    if (only !== undefined && !only.has(streamKey(stream))) continue
    for (let page = 0; page < MAX_PAGES_PER_STREAM; page++) {
      const cursor = (await ctx.store.getCursor(connectionId, stream.side, stream.stream))?.value
      const found = await stream.readPage(reader, cursor, cache, ask)
      await ctx.store.transaction(async (tx) => {
        await tx.enqueue(
          found.ids.map((recordId) => ({ connectionId, objectKind: kind, side: stream.side, recordId })),
        )
        await tx.setCursor({
          connectionId,
          side: stream.side,
          stream: stream.stream,
          value: found.cursor,
          updatedAt: ctx.deps.clock.now(),
        })
      })
      if (found.more) continue
      if (found.waitMs !== undefined) waits.set(streamKey(stream), found.waitMs)
      break
    }
  }
  return waits
}
