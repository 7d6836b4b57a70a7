import type { Sleep } from './retry-policy.js'

/**
 * Spaces search calls at least `minIntervalMs` apart. CRM search has its own limit of about 4-5 requests
 * per second per portal (B-API-7, api-surface 3.4), well below the burst limit, and a capture window can
 * need several searches in a row; pacing them costs less than waiting out a secondly 429.
 */
export class SearchPacer {
  readonly #minIntervalMs: number
  readonly #now: () => number
  readonly #sleep: Sleep
  #last = Number.NEGATIVE_INFINITY

  constructor(minIntervalMs: number, now: () => number, sleep: Sleep) {
    this.#minIntervalMs = minIntervalMs
    this.#now = now
    this.#sleep = sleep
  }

  /** Resolves when the next search may be sent, and books that moment. */
  async turn(): Promise<void> {
    const wait = this.#last + this.#minIntervalMs - this.#now()
    if (wait > 0) await this.#sleep(wait)
    this.#last = Math.max(this.#now(), this.#last + this.#minIntervalMs)
  }
}
