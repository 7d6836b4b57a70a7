// Org-level reads: owners (users and queues), the org identity, and a describe cache per type.
import {
  type SalesforceIdentity,
  type SalesforceObjectDescription,
  type SalesforceOwner,
  type SalesforceQueue,
  SyncError,
} from '@crmsync/core'

import { fromDescribe, fromQueueRow, fromUserRow } from './mappers.js'
import { queryAllRows } from './read.js'
import type { SalesforceHttp } from './salesforce-http.js'
import { assertApiName } from './soql.js'

/** B-OWN-1: users of these types can own synced records; Queue owners come from listQueues. */
const OWNER_USER_TYPES = ['Standard', 'PowerPartner', 'Guest']

export async function listUsers(http: SalesforceHttp): Promise<SalesforceOwner[]> {
  const types = OWNER_USER_TYPES.map((t) => `'${t}'`).join(', ')
  const rows = await queryAllRows(
    http,
    `SELECT Id, FirstName, LastName, Email, IsActive FROM User WHERE UserType IN (${types}) ORDER BY Id`,
  )
  return rows.map(fromUserRow)
}

export async function listQueues(http: SalesforceHttp): Promise<SalesforceQueue[]> {
  const rows = await queryAllRows(
    http,
    `SELECT Id, Name, DeveloperName, Email FROM Group WHERE Type = 'Queue' ORDER BY Id`,
  )
  return rows.map(fromQueueRow)
}

/**
 * The versioned resource list names the identity URL `.../id/{orgId}/{userId}` (one call, no parse of the
 * token). jsforce's own `identity()` would make two.
 */
export async function readIdentity(http: SalesforceHttp): Promise<SalesforceIdentity> {
  const res = await http.send<{ identity?: string }>('identity', { method: 'GET', url: '/' })
  const match = /\/id\/([a-zA-Z0-9]{15,18})\/([a-zA-Z0-9]{15,18})\/?$/.exec(res.body.identity ?? '')
  if (!match?.[1] || !match[2])
    throw new SyncError({
      code: 'SF_UNKNOWN',
      message: `the resource list has no identity URL: ${String(res.body.identity)}`,
      origin: 'salesforce',
      retryable: false,
    })
  return { orgId: match[1], userId: match[2] }
}

/** Describe results per type for the connector's lifetime; a failed describe is not cached. */
export class DescribeCache {
  readonly #http: SalesforceHttp
  readonly #cache = new Map<string, Promise<SalesforceObjectDescription>>()

  constructor(http: SalesforceHttp) {
    this.#http = http
  }

  get(type: string): Promise<SalesforceObjectDescription> {
    const cached = this.#cache.get(type)
    if (cached !== undefined) return cached
    const pending = this.#http
      .send<Record<string, unknown>>('describe', {
        method: 'GET',
        url: `/sobjects/${assertApiName(type)}/describe`,
      })
      .then((res) => fromDescribe(res.body))
    pending.catch(() => this.#cache.delete(type))
    this.#cache.set(type, pending)
    return pending
  }

  /** Forgets one type, or all (after a field was created or changed). */
  invalidate(type?: string): void {
    if (type === undefined) this.#cache.clear()
    else this.#cache.delete(type)
  }
}

/**
 * Whether `type` (Account or Contact) has the person-account flag `IsPersonAccount`, which exists only in
 * orgs with person accounts (B-PA): one describe of the type, cached with the rest. Salesforce cannot turn
 * the feature off once on, so the cached answer stays true; an org that turns it on is seen by a new
 * connector.
 */
export async function hasPersonAccountFlag(
  describe: DescribeCache,
  type: 'Account' | 'Contact',
): Promise<boolean> {
  return (await describe.get(type)).fields.has('IsPersonAccount')
}
