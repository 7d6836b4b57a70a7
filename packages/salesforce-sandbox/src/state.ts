import { dailyApiLimit, InFlightRequests, LONG_RUNNING_MS } from './api-allocation.js'
import type { Clock } from './clock.js'
import { Faults } from './faults.js'
import type { Projector } from './soql/projection.js'
import { Org } from './store/org.js'
import type { SfRecord, Table } from './store/table.js'

export interface TokenInfo {
  userId: string
  /** Epoch ms after which the token is rejected; undefined = never. */
  expiresAt: number | undefined
}

export interface Cursor {
  table: Table
  rows: SfRecord[]
  project: Projector
  next: number
  pageSize: number
}

const MAX_CURSORS = 500

/** The daily allocation of an org built without licences or a limit: large, so tests never meet it by chance. */
export const DEFAULT_API_LIMIT = 5_000_000

/** Everything one sandbox instance holds; the plugins share it. */
export class SandboxState {
  readonly org: Org
  readonly clock: Clock
  readonly faults = new Faults()
  readonly tokens = new Map<string, TokenInfo>()
  readonly counters = new Map<string, number>()
  /** API calls per `Sforce-Call-Options` client. */
  readonly clients = new Map<string, number>()
  readonly cursors = new Map<string, Cursor>()
  #cursorSeq = 0
  apiUsed = 0
  /**
   * Salesforce licences (B-API-5): while set, and no explicit limit is, the daily limit follows the edition
   * (api-allocation.ts). (Default: unset, DEFAULT_API_LIMIT)
   */
  licences: number | undefined
  /** Purchased API Call Add-Ons, added to the licences' allocation. */
  apiAddOnCalls = 0
  #apiLimit: number | undefined
  /** Requests in flight, for the long-running concurrency limit. */
  readonly inFlight = new InFlightRequests()
  /** A request counts as long-running after this many ms (20 s in Salesforce; tests shorten it). */
  longRunningMs = LONG_RUNNING_MS
  /** Every SOQL query (query, queryAll, next page) takes this long before it answers: a slow org, for tests. */
  queryDelayMs = 0
  tokenTtlSeconds: number
  defaultToken = ''

  constructor(clock: Clock, apiLimit: number | undefined, tokenTtlSeconds: number, licences?: number) {
    this.clock = clock
    this.org = new Org(clock)
    this.#apiLimit = apiLimit
    this.licences = licences
    this.tokenTtlSeconds = tokenTtlSeconds
  }

  /** DailyApiRequests' maximum: the explicit limit, else the edition's allocation for the licences. */
  get apiMax(): number {
    if (this.#apiLimit !== undefined) return this.#apiLimit
    if (this.licences === undefined) return DEFAULT_API_LIMIT
    return dailyApiLimit(this.org.edition, this.licences, this.apiAddOnCalls)
  }

  /** An explicit limit; undefined goes back to the edition's allocation (or the default). */
  set apiMax(limit: number | undefined) {
    this.#apiLimit = limit
  }

  /** Issues an opaque token (`00D…!AQ…`), never JWT-shaped, for the given user. */
  issueToken(userId: string, ttlSeconds: number | undefined): string {
    const n = this.tokens.size + 1
    const token = `${this.org.orgId.slice(0, 15)}!AQ${Buffer.from(`${userId}:${n}:sandbox`).toString('base64url')}`
    this.tokens.set(token, {
      userId,
      expiresAt: ttlSeconds === undefined ? undefined : this.clock.now() + ttlSeconds * 1000,
    })
    return token
  }

  /** Stores a query's remaining rows and returns the locator (`01g…-2000`). */
  saveCursor(cursor: Omit<Cursor, 'next'>, next: number): string {
    this.#cursorSeq++
    const locator = `01g5g00000${String(this.#cursorSeq).padStart(8, '0')}`
    this.cursors.set(locator, { ...cursor, next })
    // Locators expire in a real org too; keep the newest ones so memory stays bounded.
    if (this.cursors.size > MAX_CURSORS) this.cursors.delete(this.cursors.keys().next().value!)
    return `${locator}-${next}`
  }

  count(key: string): void {
    this.counters.set(key, (this.counters.get(key) ?? 0) + 1)
  }
}
