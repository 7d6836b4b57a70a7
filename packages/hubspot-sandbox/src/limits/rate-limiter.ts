import { HubSpotError } from '../http/errors.js'

export type RateTier = 'starter' | 'professional' | 'enterprise' | 'unlimited'

/** Limits per tier (api-surface.md 3.13); any field overrides the tier's value. */
export interface RateLimitOptions {
  /** (Default: 'professional') */
  readonly tier?: RateTier
  /** Requests per rolling interval per token. (Default: 100 starter, 190 otherwise) */
  readonly burst?: number
  /** The rolling interval. (Default: 10000 ms) */
  readonly intervalMs?: number
  /** Requests per day per token (private apps). (Default: 250k starter, 650k professional, 1M enterprise; B-API-7) */
  readonly daily?: number
  /** Search requests per second per portal. (Default: 5) */
  readonly searchPerSecond?: number
}

const TIERS: Record<RateTier, { burst: number; daily: number; searchPerSecond: number }> = {
  starter: { burst: 100, daily: 250_000, searchPerSecond: 5 },
  professional: { burst: 190, daily: 650_000, searchPerSecond: 5 },
  enterprise: { burst: 190, daily: 1_000_000, searchPerSecond: 5 },
  unlimited: { burst: 1_000_000_000, daily: 1_000_000_000, searchPerSecond: 1_000_000_000 },
}

/** The 429 bodies the client's retry decorator recognises (api-surface.md 0.8 and 3.13). */
export const RATE_LIMIT_ERRORS = {
  burst: () =>
    new HubSpotError({
      status: 429,
      message: 'You have reached your ten_secondly_rolling limit.',
      extra: { errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' },
    }),
  secondly: () =>
    new HubSpotError({
      status: 429,
      message: 'You have reached your secondly limit.',
      extra: { errorType: 'RATE_LIMIT', policyName: 'SECONDLY' },
    }),
  daily: () =>
    new HubSpotError({
      status: 429,
      message: 'You have reached your daily limit.',
      extra: { errorType: 'RATE_LIMIT', policyName: 'DAILY' },
    }),
} as const

interface Usage {
  window: number[]
  day: string
  daily: number
}

/**
 * Counts requests per token in a rolling window (real time, so a frozen sandbox clock cannot wedge it) and
 * per day (sandbox-clock days). Returns the X-HubSpot-RateLimit-* headers, or the 429 to send.
 */
export class RateLimiter {
  #limits = { ...TIERS.professional, intervalMs: 10_000 }
  #usage = new Map<string, Usage>()
  #searches: number[] = []

  constructor(options: RateLimitOptions = {}) {
    this.configure(options)
  }

  configure(options: RateLimitOptions): void {
    const tier = TIERS[options.tier ?? 'professional']
    this.#limits = {
      burst: options.burst ?? tier.burst,
      daily: options.daily ?? tier.daily,
      searchPerSecond: options.searchPerSecond ?? tier.searchPerSecond,
      intervalMs: options.intervalMs ?? 10_000,
    }
  }

  get limits(): Readonly<{ burst: number; daily: number; searchPerSecond: number; intervalMs: number }> {
    return this.#limits
  }

  reset(): void {
    this.#usage.clear()
    this.#searches = []
  }

  /** Counts one request. `day` is the sandbox-clock day; OAuth tokens get no daily headers. */
  take(
    token: string,
    day: string,
    opts: { search: boolean; oauth: boolean },
  ): { headers: Record<string, string>; error?: HubSpotError } {
    const now = performance.now()
    const limits = this.#limits
    let usage = this.#usage.get(token)
    if (usage === undefined) this.#usage.set(token, (usage = { window: [], day, daily: 0 }))
    if (usage.day !== day) {
      usage.day = day
      usage.daily = 0
    }
    while (usage.window.length > 0 && (usage.window[0] as number) <= now - limits.intervalMs)
      usage.window.shift()
    const headers: Record<string, string> = {
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(limits.intervalMs),
      'X-HubSpot-RateLimit-Max': String(limits.burst),
      'X-HubSpot-RateLimit-Secondly': String(Math.ceil(limits.burst / (limits.intervalMs / 1000))),
    }
    const finish = (error?: HubSpotError) => {
      headers['X-HubSpot-RateLimit-Remaining'] = String(Math.max(0, limits.burst - usage.window.length))
      headers['X-HubSpot-RateLimit-Secondly-Remaining'] = String(
        Math.max(
          0,
          Number(headers['X-HubSpot-RateLimit-Secondly']) - usage.window.filter((t) => t > now - 1000).length,
        ),
      )
      if (!opts.oauth) {
        headers['X-HubSpot-RateLimit-Daily'] = String(limits.daily)
        headers['X-HubSpot-RateLimit-Daily-Remaining'] = String(Math.max(0, limits.daily - usage.daily))
      }
      return error === undefined ? { headers } : { headers, error }
    }
    if (!opts.oauth && usage.daily >= limits.daily) return finish(RATE_LIMIT_ERRORS.daily())
    if (usage.window.length >= limits.burst) {
      const waitMs = (usage.window[0] as number) + limits.intervalMs - now
      headers['Retry-After'] = String(Math.max(1, Math.ceil(waitMs / 1000)))
      return finish(RATE_LIMIT_ERRORS.burst())
    }
    if (opts.search) {
      while (this.#searches.length > 0 && (this.#searches[0] as number) <= now - 1000) this.#searches.shift()
      if (this.#searches.length >= limits.searchPerSecond) {
        headers['Retry-After'] = '1'
        return finish(RATE_LIMIT_ERRORS.secondly())
      }
      this.#searches.push(now)
    }
    usage.window.push(now)
    usage.daily += 1
    return finish()
  }
}
