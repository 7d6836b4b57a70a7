import type { InboxRow, ObjectKind, Side } from '@crmsync/core'

import { runCapture } from '../capture/run-capture.js'
import type { StepContext } from '../engine-context.js'
import type { CaptureAsk, ObjectKindDescriptor } from '../pipeline/object-kind.js'
import { runBatch } from '../pipeline/run-batch.js'

/** One object kind within one cycle: its capture cache, its capture and its batches. */
export interface KindCycle {
  readonly kind: ObjectKind
  /** Captures every stream; returns how long to wait before every stream can honour `settleThrough`. */
  capture(ctx: StepContext, ask: CaptureAsk): Promise<number | undefined>
  runBatch(
    ctx: StepContext,
    rows: readonly InboxRow[],
    takeApiCalls: () => Readonly<Record<Side, number>>,
  ): Promise<void>
}

/** A descriptor with a fresh capture cache for one cycle, its types closed over. */
export type KindCycleFactory = () => KindCycle

export function kindCycles<Cache, Read, A extends { readonly kind: string }, Io, Found>(
  descriptor: ObjectKindDescriptor<Cache, Read, A, Io, Found>,
): KindCycleFactory {
  return () => {
    const cache = descriptor.createCache()
    return {
      kind: descriptor.kind,
      capture: (ctx, ask) => runCapture(ctx, descriptor.kind, descriptor.capture, cache, ask),
      async runBatch(ctx, rows, takeApiCalls) {
        await runBatch(descriptor, ctx, cache, rows, takeApiCalls)
      },
    }
  }
}
