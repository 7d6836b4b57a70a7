/** The sandbox's notion of "now", in epoch milliseconds. Every timestamp the sandbox writes comes from it. */
export interface Clock {
  now(): number
}

/** A clock the admin API can move: it follows real time plus an offset unless frozen. */
export interface ControllableClock extends Clock {
  /** Moves the clock forward (or back, with a negative value) by `ms`. */
  advance(ms: number): void
  /** Sets the current time to `epochMs`; a running clock keeps running from there. */
  set(epochMs: number): void
  /** Stops the clock at its current value (true) or lets it run again (false). */
  freeze(frozen: boolean): void
  readonly frozen: boolean
}

export function isControllableClock(clock: Clock): clock is ControllableClock {
  const candidate = clock as Partial<ControllableClock>
  return typeof candidate.advance === 'function' && typeof candidate.set === 'function'
}

/**
 * Creates a controllable clock. `start` sets the initial time (default: real time); `frozen` stops it
 * (default: false, it runs with real time).
 */
export function createControllableClock(opts: { start?: number; frozen?: boolean } = {}): ControllableClock {
  // Read real time once: two reads can straddle a millisecond, and a frozen clock must sit exactly on `start`.
  const realNow = Date.now()
  let offset = opts.start === undefined ? 0 : opts.start - realNow
  let frozenAt: number | undefined = opts.frozen === true ? realNow + offset : undefined
  // Real time never runs backwards here (an explicit advance or set may move it back on purpose).
  let last = Number.NEGATIVE_INFINITY
  const raw = (): number => frozenAt ?? Date.now() + offset
  return {
    now() {
      last = Math.max(raw(), last)
      return last
    },
    advance(ms) {
      if (frozenAt === undefined) offset += ms
      else frozenAt += ms
      last = raw()
    },
    set(epochMs) {
      if (frozenAt === undefined) offset = epochMs - Date.now()
      else frozenAt = epochMs
      last = epochMs
    },
    freeze(frozen) {
      if (frozen) frozenAt ??= raw()
      else if (frozenAt !== undefined) {
        offset = frozenAt - Date.now()
        frozenAt = undefined
      }
    },
    get frozen() {
      return frozenAt !== undefined
    },
  }
}
