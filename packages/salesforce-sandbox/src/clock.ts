/** The sandbox's notion of "now"; every timestamp the org writes comes from here. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
}

/** A clock the admin API can move: it starts at `startMs` (default: the wall clock) and only moves forward. */
export class ControllableClock implements Clock {
  #offsetMs = 0
  #frozenAt: number | undefined

  constructor(startMs?: number) {
    if (startMs !== undefined) this.#frozenAt = startMs
  }

  now(): number {
    return (this.#frozenAt ?? Date.now()) + this.#offsetMs
  }

  /** Moves the clock forward by `ms` (negative values are refused so that SystemModstamp never goes back). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward')
    this.#offsetMs += ms
  }

  /** Jumps to an absolute time, which must not be earlier than now. */
  set(ms: number): void {
    const now = this.now()
    if (ms < now) throw new RangeError('the clock only moves forward')
    this.#offsetMs += ms - now
  }
}

/** Truncates to whole seconds: Salesforce timestamps have second precision. */
export function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000
}

/** Formats like Salesforce's REST API: `2024-05-01T10:00:00.000+0000`. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000')
}

/** `YYYY-MM-DD` in UTC. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}
