import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { apiError, type Harness, startHarness } from './testing/harness.js'

// The client's retry decorator is process-global (api-surface.md 0.9): this file's only client retries.
let h: Harness
beforeAll(async () => {
  h = await startHarness({ retries: 3 })
})
afterAll(async () => {
  await h.close()
})

async function calls(endpoint: string): Promise<number> {
  const counters = (await h.call('GET', '/__sandbox/counters')).json as {
    endpoints: Record<string, { calls: number }>
  }
  return counters.endpoints[endpoint]?.calls ?? 0
}

describe('the client retry logic recognises the sandbox 429 and 5xx answers (api-surface.md 0.8)', () => {
  it('retries a secondly 429 and succeeds', async () => {
    await h.call('PUT', '/__sandbox/faults', {
      faults: [{ kind: 'rate-limit-secondly', path: '/crm/v3/objects/contacts/search', times: 1 }],
    })
    const result = await h.client.crm.contacts.searchApi.doSearch({ limit: 1 })
    expect(result.total).toBe(0)
    expect(await calls('POST /crm/v3/objects/:type/search')).toBe(2)
  })

  it('retries 5xx and succeeds', async () => {
    await h.call('PUT', '/__sandbox/faults', {
      faults: [{ kind: 'server-error', path: '/crm/v3/objects/companies', times: 2 }],
    })
    expect((await h.client.crm.companies.basicApi.getPage()).results).toEqual([])
    expect(await calls('GET /crm/v3/objects/:type')).toBe(3)
  })

  it('does not retry the daily limit', async () => {
    await h.call('DELETE', '/__sandbox/counters')
    await h.call('PUT', '/__sandbox/faults', {
      faults: [{ kind: 'rate-limit-daily', path: '/crm/v3/owners', times: 1 }],
    })
    expect((await apiError(h.client.crm.owners.ownersApi.getPage())).code).toBe(429)
    expect(await calls('GET /crm/v3/owners')).toBe(1)
  })
})
