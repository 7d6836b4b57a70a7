import type { StateStore } from '@crmsync/core'
import type { KyselyStateStore } from '@crmsync/store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { CycleLog } from '../routes/route-types.js'
import { overviewOf } from './overview.js'
import { AT, link, memoryStore, testConnection } from './query-fixtures.js'

let store: KyselyStateStore
beforeEach(async () => {
  store = await memoryStore()
})
afterEach(() => store.close())

const noCycles: CycleLog = {
  lastCycle: () => null,
  latency: () => ({ samples: 0, p50Ms: null, p95Ms: null }),
}

/** The store with the reads that walk every link, the whole inbox or every error refused. */
function countingOnly(inner: StateStore): StateStore {
  const refused = new Set(['listLinks', 'takeInbox', 'listErrors'])
  return new Proxy(inner, {
    get(target, key, receiver) {
      if (typeof key === 'string' && refused.has(key))
        return () => Promise.reject(new Error(`the Overview read ${key}: it should let the store count`))
      const value = Reflect.get(target, key, receiver) as unknown
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}

describe('overviewOf counts with the store, not by reading every link (it refreshes every 3 s)', () => {
  it('2,500 links, a waiting record and a failing one: the counts without listLinks, takeInbox or listErrors', async () => {
    const connection = testConnection()
    const id = connection.id
    const sf = (n: number) => `00Q${String(n).padStart(12, '0')}AAA`
    await store.upsertLinks(Array.from({ length: 2500 }, (_, i) => link(id, String(i + 1), sf(i + 1))))
    await store.enqueue([{ connectionId: id, objectKind: 'contact', side: 'salesforce', recordId: sf(7) }])
    await store.recordError({
      connectionId: id,
      objectKind: 'contact-company',
      side: 'hubspot',
      recordId: '8',
      code: 'SF_VALIDATION',
      message: 'no',
      at: AT,
    })
    const overview = await overviewOf({ connection, store: countingOnly(store), cycles: noCycles, now: AT })
    expect(overview.objects).toEqual([
      { kind: 'contact', linked: 2500, inSync: 2498, pending: 1, failing: 1 },
    ])
  })
})
