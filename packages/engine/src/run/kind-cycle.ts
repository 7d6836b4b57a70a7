import type { InboxRow, ObjectKind, Side } from '@crmsync/core'

import { type CaptureWaits, runCapture } from '../capture/run-capture.js'
import type { StepContext } from '../engine-context.js'
import type { CaptureAsk, ObjectKindDescriptor } from '../pipeline/object-kind.js'
import { runBatch } from '../pipeline/run-batch.js'

/** One object kind within one cycle: its capture cache, its capture and its batches. */
export interface KindCycle {
  readonly kind: ObjectKind
  /** Captures every stream (or those named); returns the ones that cannot honour `settleThrough` yet. */
  capture(ctx: StepContext, ask: CaptureAsk, only?: ReadonlySet<string>): Promise<CaptureWaits>
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
      capture: (ctx, ask, only) => runCapture(ctx, descriptor.kind, descriptor.capture, cache, ask, only),
      async runBatch(ctx, rows, takeApiCalls) {
        await runBatch(descriptor, ctx, cache, rows, takeApiCalls)
      },
    }
  }
}
