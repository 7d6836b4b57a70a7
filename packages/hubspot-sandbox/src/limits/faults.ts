import { HubSpotError } from '../http/errors.js'
import { RATE_LIMIT_ERRORS } from './rate-limiter.js'

export type FaultKind =
  | 'rate-limit-burst'
  | 'rate-limit-secondly'
  | 'rate-limit-daily'
  | 'server-error'
  | 'timeout'
  | 'expired-token'

/** A fault to inject into matching API requests (admin API `/__sandbox/faults`). */
export interface FaultRule {
  readonly kind: FaultKind
  /** HTTP method to match, e.g. POST. (Default: any) */
  readonly method?: string
  /** Path to match: a substring, or a regular expression written as `/.../`. (Default: any) */
  readonly path?: string
  /** Status for server-error: 500, 502, 503 or 504. (Default: 503) */
  readonly status?: number
  /** Let this many matching requests through before firing. (Default: 0) */
  readonly skip?: number
  /** Fire for this many matching requests, then retire. (Default: unlimited) */
  readonly times?: number
  /** Fire for this fraction of matching requests, from a seeded generator. (Default: 1) */
  readonly rate?: number
  /** For timeout: how long the request hangs before a 504. (Default: 30000 ms) */
  readonly delayMs?: number
}

interface ActiveRule {
  readonly rule: FaultRule
  seen: number
  fired: number
}

/** A small deterministic generator (mulberry32), so fault rates replay identically. */
function generator(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method) return false
  if (rule.path === undefined) return true
  if (rule.path.length > 2 && rule.path.startsWith('/') && rule.path.endsWith('/')) {
    return new RegExp(rule.path.slice(1, -1)).test(path)
  }
  return path.includes(rule.path)
}

/** The fault rules in force; the first matching live rule fires. */
export class Faults {
  #rules: ActiveRule[] = []
  #random = generator(1)

  set(rules: readonly FaultRule[]): void {
    this.#rules = rules.map((rule) => ({ rule, seen: 0, fired: 0 }))
    this.#random = generator(1)
  }

  add(rules: readonly FaultRule[]): void {
    this.#rules.push(...rules.map((rule) => ({ rule, seen: 0, fired: 0 })))
  }

  list(): Array<FaultRule & { seen: number; fired: number }> {
    return this.#rules.map(({ rule, seen, fired }) => ({ ...rule, seen, fired }))
  }

  /** The fault to apply to this request, if any. */
  pick(method: string, path: string): FaultRule | undefined {
    for (const active of this.#rules) {
      const { rule } = active
      if (!matches(rule, method, path)) continue
      if (rule.times !== undefined && active.fired >= rule.times) continue
      active.seen += 1
      if (active.seen <= (rule.skip ?? 0)) continue
      if (rule.rate !== undefined && this.#random() >= rule.rate) continue
      active.fired += 1
      return rule
    }
    return undefined
  }
}

/** The error a fault produces (timeouts are handled by the caller, which waits first). */
export function faultError(rule: FaultRule): HubSpotError {
  switch (rule.kind) {
    case 'rate-limit-burst':
      return RATE_LIMIT_ERRORS.burst()
    case 'rate-limit-secondly':
      return RATE_LIMIT_ERRORS.secondly()
    case 'rate-limit-daily':
      return RATE_LIMIT_ERRORS.daily()
    case 'server-error':
      return new HubSpotError({ status: rule.status ?? 503, message: 'Service Unavailable (injected fault)' })
    case 'timeout':
      return new HubSpotError({ status: 504, message: 'Gateway Timeout (injected fault)' })
    case 'expired-token':
      return new HubSpotError({
        status: 401,
        category: 'INVALID_AUTHENTICATION',
        message: 'The OAuth token used to make this call expired 0 second(s) ago.',
        extra: { subCategory: 'EXPIRED_AUTHENTICATION' },
      })
  }
}
