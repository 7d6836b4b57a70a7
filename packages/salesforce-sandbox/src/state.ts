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
  apiMax: number
  tokenTtlSeconds: number
  defaultToken = ''

  constructor(clock: Clock, apiMax: number, tokenTtlSeconds: number) {
    this.clock = clock
    this.org = new Org(clock)
    this.apiMax = apiMax
    this.tokenTtlSeconds = tokenTtlSeconds
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
