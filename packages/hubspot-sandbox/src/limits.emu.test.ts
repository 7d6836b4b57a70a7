import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { apiError, type Harness, startHarness } from './testing/harness.js'

// This file's client has no retries, so every 429 and 5xx reaches the test (api-surface.md 3.13).
let h: Harness
beforeAll(async () => {
  h = await startHarness({ rateLimits: { tier: 'professional' } })
})
afterAll(async () => {
  await h.close()
})
beforeEach(async () => {
  await h.call('DELETE', '/__sandbox/faults')
  await h.call('PUT', '/__sandbox/rate-limits', { tier: 'professional' })
})

describe('rate limits', () => {
  it('sends the X-HubSpot-RateLimit-* headers on normal responses', async () => {
    const info = await h.client.crm.contacts.basicApi.getPageWithHttpInfo()
    expect(info.httpStatusCode).toBe(200)
    expect(info.headers).toMatchObject({
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
      'x-hubspot-ratelimit-max': '190',
      'x-hubspot-ratelimit-daily': '650000',
    })
    expect(Number(info.headers['x-hubspot-ratelimit-remaining'])).toBeLessThan(190)
    expect(Number(info.headers['x-hubspot-ratelimit-daily-remaining'])).toBeLessThan(650_000)
  })

  it('answers the burst limit with the TEN_SECONDLY_ROLLING body the client retries on', async () => {
    await h.call('PUT', '/__sandbox/rate-limits', { tier: 'starter', burst: 3 })
    for (let i = 0; i < 3; i += 1) await h.client.crm.contacts.basicApi.getPage()
    const error = await apiError(h.client.crm.contacts.basicApi.getPage())
    expect(error.code).toBe(429)
    expect(error.body).toMatchObject({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
    })
    expect(error.headers['x-hubspot-ratelimit-remaining']).toBe('0')
    expect(Number(error.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('answers the daily limit with policyName DAILY', async () => {
    await h.call('PUT', '/__sandbox/rate-limits', { tier: 'starter', daily: 2 })
    for (let i = 0; i < 2; i += 1) await h.client.crm.companies.basicApi.getPage()
    const error = await apiError(h.client.crm.companies.basicApi.getPage())
    expect(error.code).toBe(429)
    expect(error.body).toMatchObject({ message: 'You have reached your daily limit.', policyName: 'DAILY' })
    expect(error.headers['x-hubspot-ratelimit-daily-remaining']).toBe('0')
  })

  it('limits search to 5 requests per second with the secondly message', async () => {
    const search = () => h.client.crm.contacts.searchApi.doSearch({ limit: 1 })
    const outcomes = await Promise.allSettled(Array.from({ length: 7 }, search))
    const rejected = outcomes.filter((o) => o.status === 'rejected')
    expect(rejected.length).toBeGreaterThanOrEqual(2)
    const error = await apiError(Promise.reject((rejected[0] as PromiseRejectedResult).reason as Error))
    expect(error).toMatchObject({ code: 429, body: { message: 'You have reached your secondly limit.' } })
  })
})

describe('faults (admin API)', () => {
  it('injects 5xx for matching requests a set number of times', async () => {
    await h.call('PUT', '/__sandbox/faults', {
      faults: [{ kind: 'server-error', status: 502, method: 'GET', path: '/crm/v3/objects/deals', times: 1 }],
    })
    expect((await apiError(h.client.crm.deals.basicApi.getPage())).code).toBe(502)
    expect((await h.client.crm.deals.basicApi.getPage()).results).toEqual([])
    expect((await h.client.crm.contacts.basicApi.getPage()).results).toEqual([])
  })

  it('injects timeouts that end in 504 after the delay', async () => {
    await h.call('PUT', '/__sandbox/faults', {
      faults: [{ kind: 'timeout', delayMs: 300, path: '/^\\/crm\\/v3\\/owners/', times: 1 }],
    })
    const started = Date.now()
    expect((await apiError(h.client.crm.owners.ownersApi.getPage())).code).toBe(504)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
  })

  it('injects expired-token 401s and injected 429s carry the real bodies', async () => {
    await h.call('PUT', '/__sandbox/faults', {
      faults: [
        { kind: 'expired-token', path: '/crm/v3/objects/companies', times: 1 },
        { kind: 'rate-limit-daily', path: '/crm/v3/objects/deals', times: 1 },
      ],
    })
    expect(await apiError(h.client.crm.companies.basicApi.getPage())).toMatchObject({
      code: 401,
      body: { category: 'INVALID_AUTHENTICATION' },
    })
    expect(await apiError(h.client.crm.deals.basicApi.getPage())).toMatchObject({
      code: 429,
      body: { policyName: 'DAILY' },
    })
  })

  it('counts API calls per endpoint with their statuses', async () => {
    await h.call('DELETE', '/__sandbox/counters')
    await h.client.crm.contacts.basicApi.getPage()
    await apiError(h.client.crm.contacts.basicApi.getById('1'))
    const counters = (await h.call('GET', '/__sandbox/counters')).json as {
      total: number
      endpoints: Record<string, { calls: number; statuses: Record<string, number> }>
    }
    expect(counters.endpoints['GET /crm/v3/objects/:type']).toEqual({ calls: 1, statuses: { '200': 1 } })
    expect(counters.endpoints['GET /crm/v3/objects/:type/:id']).toEqual({ calls: 1, statuses: { '404': 1 } })
  })
})
