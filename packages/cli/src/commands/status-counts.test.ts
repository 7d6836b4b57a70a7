import { type Link, parseConfig, type StateStore } from '@crmsync/core'
import { createStateStore, type KyselyStateStore } from '@crmsync/store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { inboxLine, linkLines } from './status.js'

let store: KyselyStateStore
beforeEach(async () => {
  store = createStateStore('sqlite::memory:')
  await store.migrate()
})
afterEach(() => store.close())

/** The store with the reads that walk every link or the whole inbox refused. */
function countingOnly(inner: StateStore): StateStore {
  const refused = new Set(['listLinks', 'takeInbox'])
  return new Proxy(inner, {
    get(target, key, receiver) {
      if (typeof key === 'string' && refused.has(key))
        return () => Promise.reject(new Error(`status read ${key}: it should let the store count`))
      const value = Reflect.get(target, key, receiver) as unknown
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}

function contactLink(n: number, state: Link['state']): Link {
  return {
    connectionId: 'default',
    objectKind: 'contact',
    hubspotId: String(n),
    salesforceType: 'Lead',
    salesforceId: `00Q${String(n).padStart(12, '0')}AAA`,
    state,
    fields: {},
    createdAt: 0,
    updatedAt: 0,
  }
}

describe('crmsync status counts links and the inbox with the store, not by reading them all', () => {
  it('links per kind and state, and the inbox per kind, without listLinks or takeInbox', async () => {
    const parsed = parseConfig({
      salesforce: { instanceUrl: 'https://example.my.salesforce.com', accessToken: 'sf' },
      hubspot: { accessToken: 'hs' },
    })
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
    const connection = parsed.config.connections[0]!
    await store.upsertLinks([
      ...Array.from({ length: 1200 }, (_, i) => contactLink(i + 1, 'active')),
      contactLink(5000, 'broken'),
    ])
    await store.enqueue([
      { connectionId: connection.id, objectKind: 'company', side: 'hubspot', recordId: '1' },
      { connectionId: connection.id, objectKind: 'contact', side: 'hubspot', recordId: '1' },
      { connectionId: connection.id, objectKind: 'contact', side: 'hubspot', recordId: '2' },
    ])
    const counting = countingOnly(store)
    expect((await linkLines(connection, counting)).join('\n')).toMatch(/contact\s+1200\s+1\s+0\s+1201/)
    expect(await inboxLine(counting, connection.id)).toBe(
      '  inbox: 3 record(s) waiting (contact 2, company 1)',
    )
  })
})
