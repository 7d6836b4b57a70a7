// Counts every HTTP call the connector makes and keeps what the org reports about itself (design.md 3.6):
// `Sforce-Limit-Info: api-usage=USED/MAX` and the server clock from the `Date` header.
import type { SalesforceApiUsage } from '@crmsync/core'

/** Called once per HTTP call, so the engine can store usage per minute (ApiUsage rows). */
export type ApiCallListener = (operation: string) => void

export class ApiMeter {
  #calls = 0
  #inFlight = 0
  readonly #byOperation = new Map<string, number>()
  #orgUsage: { used: number; max: number } | undefined
  #serverTime: number | undefined
  readonly #listener: ApiCallListener | undefined

  constructor(listener?: ApiCallListener) {
    this.#listener = listener
  }

  count(operation: string): void {
    this.#calls++
    this.#inFlight++
    this.#byOperation.set(operation, (this.#byOperation.get(operation) ?? 0) + 1)
    this.#listener?.(operation)
  }

  /** A call counted by `count` has its answer (or failed without one): it is no longer in flight. */
  settle(): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1)
  }

  /** Reads the headers of one response; returns the server time it carried, if any. */
  observe(headers: Readonly<Record<string, unknown>> | undefined): number | undefined {
    if (headers === undefined) return undefined
    const limit = parseLimitInfo(headers['sforce-limit-info'])
    if (limit !== undefined) this.#orgUsage = limit
    const date = parseHttpDate(headers['date'])
    if (date !== undefined) this.#serverTime = date
    return date
  }

  snapshot(): SalesforceApiUsage {
    return {
      calls: this.#calls,
      byOperation: Object.fromEntries(this.#byOperation),
      orgUsage: this.#orgUsage,
      inFlight: this.#inFlight,
      serverTime: this.#serverTime,
    }
  }
}

/** `api-usage=25/15000` (real orgs may append `; api-bursts=...`). */
export function parseLimitInfo(header: unknown): { used: number; max: number } | undefined {
  if (typeof header !== 'string') return undefined
  const match = /api-usage=(\d+)\/(\d+)/.exec(header)
  return match ? { used: Number(match[1]), max: Number(match[2]) } : undefined
}

/** IMF-fixdate (`Mon, 23 Nov 2026 02:33:31 GMT`) to epoch ms. */
export function parseHttpDate(header: unknown): number | undefined {
  if (typeof header !== 'string') return undefined
  const ms = Date.parse(header)
  return Number.isNaN(ms) ? undefined : ms
}
