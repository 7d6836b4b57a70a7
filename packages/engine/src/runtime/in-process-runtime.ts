import { isSyncError, retryPolicyFor } from '@crmsync/core'

import type { Engine, EngineLogger, SyncSummary } from '../engine-types.js'

export interface InProcessRuntimeOptions {
  readonly engine: Engine
  /**
   * Seconds between the start of one cycle and the next (settings.capture.pollSeconds). A function is read again
   * while the loop waits, so a value saved in the console holds from the wait under way. (Default: 15)
   */
  readonly pollSeconds?: number | (() => number) | undefined
  /** Aborting it stops the loop after the current cycle. (Default: only stop() stops it) */
  readonly signal?: AbortSignal | undefined
  /** (Default: nothing is logged) */
  readonly logger?: EngineLogger | undefined
  /** Called after each cycle, e.g. to print a live summary. (Default: none) */
  readonly onCycle?: ((summary: SyncSummary) => void) | undefined
}

/** The long-running lifecycle (style guide item 6): run() resolves once stopped; stop() waits for it. */
export interface InProcessRuntime {
  run(): Promise<void>
  stop(): Promise<void>
}

/**
 * The in-process runtime: one engine cycle every `pollSeconds` (B-TRIG-1, at 15 s rather than the reference's
 * 15 min). A cycle that fails with a transient or per-side error is logged and the loop goes on; an error
 * only a person can fix (credentials, org/portal identity) ends run() with that error.
 */
export function startInProcessRuntime(options: InProcessRuntimeOptions): InProcessRuntime {
  const { pollSeconds = 15 } = options
  const pollMs = () => (typeof pollSeconds === 'function' ? pollSeconds() : pollSeconds) * 1000
  const stopper = new AbortController()
  const onAbort = () => stopper.abort()
  options.signal?.addEventListener('abort', onAbort, { once: true })
  if (options.signal?.aborted === true) stopper.abort()
  let running: Promise<void> | undefined

  async function loop(): Promise<void> {
    try {
      while (!stopper.signal.aborted) {
        const started = Date.now()
        try {
          // Not `onCycle?.(await ...)`: an optional call skips evaluating its argument when absent.
          const summary = await options.engine.runCycle()
          options.onCycle?.(summary)
        } catch (err) {
          if (!isSyncError(err) || isFatal(err.code)) throw err
          options.logger?.warn({ code: err.code, message: err.message }, 'cycle failed; retrying next poll')
        }
        await waitUntilDue(started, pollMs, stopper.signal)
      }
    } finally {
      options.signal?.removeEventListener('abort', onAbort)
    }
  }

  return {
    run() {
      running ??= loop()
      return running
    },
    async stop() {
      stopper.abort()
      await running?.catch(() => undefined)
    },
  }
}

function isFatal(code: Parameters<typeof retryPolicyFor>[0]): boolean {
  const kind = retryPolicyFor(code).kind
  return kind === 'pause-connection' || kind === 'fail' || code === 'ENGINE_IDENTITY_CHANGED'
}

/** How often a wait re-reads pollSeconds: a poll shortened from an hour to a second holds within a second. */
const POLL_RECHECK_MS = 1000

/** Waits until `pollMs()` after `started`, reading it again at least every POLL_RECHECK_MS. */
async function waitUntilDue(started: number, pollMs: () => number, signal: AbortSignal): Promise<void> {
  for (;;) {
    const remaining = pollMs() - (Date.now() - started)
    if (remaining <= 0 || signal.aborted) return
    await sleep(Math.min(remaining, POLL_RECHECK_MS), signal)
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}
