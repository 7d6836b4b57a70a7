import type { HubSpotApiUsage, HubSpotRateLimitState } from '@crmsync/core'

type Headers = Readonly<Record<string, string | undefined>>

function numberHeader(headers: Headers, name: string): number | undefined {
  const raw = headers[name]
  if (raw === undefined || raw.trim() === '') return undefined
  const value = Number(raw)
  return Number.isFinite(value) ? value : undefined
}

/** Reads the `X-HubSpot-RateLimit-*` headers (lower-cased by fetch); undefined when none is present. */
export function readRateLimitHeaders(headers: Headers): HubSpotRateLimitState | undefined {
  const state: HubSpotRateLimitState = {
    dailyLimit: numberHeader(headers, 'x-hubspot-ratelimit-daily'),
    dailyRemaining: numberHeader(headers, 'x-hubspot-ratelimit-daily-remaining'),
    intervalMs: numberHeader(headers, 'x-hubspot-ratelimit-interval-milliseconds'),
    intervalMax: numberHeader(headers, 'x-hubspot-ratelimit-max'),
    intervalRemaining: numberHeader(headers, 'x-hubspot-ratelimit-remaining'),
  }
  return Object.values(state).some((value) => value !== undefined) ? state : undefined
}

/**
 * Counts every HTTP call the connector makes (design.md 3.6: the engine stores them per side per minute)
 * and keeps what the responses say about limits and server time. Fed by the client middleware, which sees
 * each attempt, and by the raw `apiRequest` calls, which bypass the middleware.
 */
export class ApiMeter {
  #calls = 0
  #rateLimit: HubSpotRateLimitState | undefined
  #serverTime: number | undefined
  #dailyLimitReached: boolean | undefined
  readonly #now: () => number

  /** `now`: the local clock, for a reading whose response has no Date header. (Default: Date.now) */
  constructor(now: () => number = Date.now) {
    this.#now = now
  }

  /** Call before each HTTP request. */
  countCall(): void {
    this.#calls += 1
  }

  /** Call with each response's headers (lower-cased names). */
  observe(headers: Headers): void {
    const limits = readRateLimitHeaders(headers)
    const date = headers['date']
    const time = date === undefined ? Number.NaN : Date.parse(date)
    if (Number.isFinite(time)) this.#serverTime = time
    // Search responses often omit the headers; keep the last full reading rather than forgetting it.
    if (limits !== undefined) {
      const seen = Object.entries(limits).filter(([, value]) => value !== undefined)
      const merged: HubSpotRateLimitState = { ...this.#rateLimit, ...Object.fromEntries(seen) }
      const { dailyLimit, dailyRemaining } = merged
      this.#rateLimit = {
        ...merged,
        dailyUsed:
          dailyLimit === undefined || dailyRemaining === undefined
            ? undefined
            : Math.max(0, dailyLimit - dailyRemaining),
        observedAt: Number.isFinite(time) ? time : this.#now(),
      }
    }
  }

  /**
   * Call with each finished call's outcome: a 429 with policyName DAILY (`HS_DAILY_LIMIT`) means the quota is
   * used up until HubSpot's day turns; any success means it is not.
   */
  noteOutcome(failureCode: string | undefined): void {
    this.#dailyLimitReached = failureCode === 'HS_DAILY_LIMIT'
  }

  /** HubSpot's clock from the latest Date header (whole seconds), or undefined before any response. */
  get serverTime(): number | undefined {
    return this.#serverTime
  }

  usage(): HubSpotApiUsage {
    const reached = this.#dailyLimitReached
    if (reached === undefined) return { calls: this.#calls, rateLimit: this.#rateLimit }
    return { calls: this.#calls, rateLimit: { ...this.#rateLimit, dailyLimitReached: reached } }
  }
}
