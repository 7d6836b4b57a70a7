// Every REST call goes through `send`: jsforce's `conn.request` (auth header, session refresh on 401, error
// parsing), with jsforce's own retries off so the core's retry table decides, a per-call transport wrapper
// that reads the response's status and headers, and the API meter. jsforce retries only GET/PUT/DELETE and
// never POST/PATCH (api-surface 0.7), so every call is retried here, writes included: creates are upserts
// and updates set absolute values, so a replay is safe.
import {
  backoffDelayMs,
  retryPolicyFor,
  type RetryTable,
  type SalesforceCallGuard,
  type SyncError,
  type SyncErrorCode,
} from '@crmsync/core'
import type { Connection, HttpMethods, HttpRequest, HttpResponse } from 'jsforce'

import type { ApiMeter } from './api-meter.js'
import { toSyncError } from './errors.js'

export interface SalesforceRequest {
  readonly method: HttpMethods
  /** Relative to the versioned base (`/query?q=...`) or to the instance (`/services/...`). */
  readonly url: string
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
}

/** A response body with the server time its `Date` header carried. */
export interface SalesforceResponse<T> {
  readonly body: T
  /** Epoch ms from the response's `Date` header. (Default: undefined when absent) */
  readonly serverTime: number | undefined
}

export interface SalesforceHttpOptions {
  readonly connection: Connection
  readonly meter: ApiMeter
  /**
   * In-run retries per error code, for tests only: build it with core's `compileRetryTable(overrides)`.
   * (Default: the core's built-in table, docs/errors.md "Retries")
   */
  readonly retryTable?: RetryTable | undefined
  /** Waits between attempts; tests pass a fast one. (Default: setTimeout) */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined
  /** A request without a response after this long is aborted and counts as SF_UNAVAILABLE. (Default: 600,000) */
  readonly requestTimeoutMs?: number | undefined
  /**
   * Asked before every in-run retry; false fails the call at once. The engine answers false above 75 % of the
   * configured allocation (B-API-2). (Default: always true)
   */
  readonly mayRetry?: ((code: SyncErrorCode) => boolean) | undefined
}

/** Salesforce itself ends a call after 10 minutes (B-API-5); jsforce would wait 30. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 600_000

type TransportLike = Connection['_transport']

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export class SalesforceHttp {
  readonly #conn: Connection
  readonly #meter: ApiMeter
  readonly #table: RetryTable | undefined
  readonly #sleep: (ms: number) => Promise<void>
  readonly #timeoutMs: number
  readonly #mayRetry: (code: SyncErrorCode) => boolean
  #guard: SalesforceCallGuard | undefined

  constructor(options: SalesforceHttpOptions) {
    this.#conn = options.connection
    this.#meter = options.meter
    this.#table = options.retryTable
    this.#sleep = options.sleep ?? realSleep
    this.#timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
    this.#mayRetry = options.mayRetry ?? (() => true)
  }

  /** Asked before every attempt (its refusal is thrown instead of the call, B-API-1) and every retry (B-API-2). */
  setGuard(guard: SalesforceCallGuard | undefined): void {
    this.#guard = guard
  }

  /** Sends one request, retrying transient failures per the retry table; throws a SyncError otherwise. */
  async send<T>(operation: string, request: SalesforceRequest): Promise<SalesforceResponse<T>> {
    for (let attempt = 1; ; attempt++) {
      const refusal = this.#guard?.beforeCall(operation)
      if (refusal !== undefined) throw refusal
      const outcome = await this.#attempt<T>(operation, request)
      if (!('failure' in outcome)) return outcome
      const { code, retryAfterMs } = outcome.failure
      if (!(await this.waitBeforeRetry(code, attempt, retryAfterMs))) throw outcome.failure
    }
  }

  /**
   * After failed attempt `attempt` (1 = the first call), waits as the retry table says and returns true, or
   * returns false at once when the code is not retried in the run, its attempts are used up, or the engine
   * refuses (mayRetry). Also used for per-record transient codes (UNABLE_TO_LOCK_ROW in a Collections result).
   */
  async waitBeforeRetry(code: SyncError['code'], attempt: number, retryAfterMs?: number): Promise<boolean> {
    const wait = backoffDelayMs(retryPolicyFor(code, this.#table), attempt, retryAfterMs)
    if (wait === undefined || !this.#mayRetry(code) || this.#guard?.mayRetry(code) === false) return false
    await this.#sleep(wait)
    return true
  }

  async #attempt<T>(
    operation: string,
    request: SalesforceRequest,
  ): Promise<SalesforceResponse<T> | { failure: SyncError }> {
    const seen: { status?: number; serverTime?: number | undefined } = {}
    const inner: TransportLike = this.#conn._transport
    const meter = this.#meter
    // jsforce's HttpApi takes `transport` from the per-request options; this one forwards to the real
    // transport and reads status and headers on the way back (refreshed re-sends pass through it too).
    const transport = {
      httpRequest(req: HttpRequest, opts?: object): ReturnType<TransportLike['httpRequest']> {
        meter.count(operation)
        const pending = inner.httpRequest(req, opts)
        pending.then(
          (res: HttpResponse) => {
            meter.settle()
            seen.status = res.statusCode
            seen.serverTime = meter.observe(res.headers)
          },
          () => {
            meter.settle()
          },
        )
        return pending
      },
    }
    const httpRequest: HttpRequest = {
      method: request.method,
      url: request.url,
      headers: {
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    }
    try {
      const body = await this.#conn.request<T>(httpRequest, {
        transport,
        retry: { maxRetries: 0 },
        timeout: this.#timeoutMs,
      })
      return { body, serverTime: seen.serverTime }
    } catch (err) {
      return {
        failure: toSyncError(err, `${operation} ${request.method} ${pathOf(request.url)}`, seen.status),
      }
    }
  }
}

/** The path without the query string, for error messages (SOQL can be long and holds emails). */
function pathOf(url: string): string {
  return url.split('?')[0] ?? url
}
