import { describe, expect, it } from 'vitest'

import { ApiMeter, readRateLimitHeaders } from './api-meter.js'

describe('ApiMeter (design.md 3.6)', () => {
  it('reads the X-HubSpot-RateLimit headers and ignores responses without them', () => {
    expect(readRateLimitHeaders({ 'content-type': 'application/json' })).toBeUndefined()
    expect(
      readRateLimitHeaders({
        'x-hubspot-ratelimit-daily': '500000',
        'x-hubspot-ratelimit-daily-remaining': '499990',
        'x-hubspot-ratelimit-interval-milliseconds': '10000',
        'x-hubspot-ratelimit-max': '190',
        'x-hubspot-ratelimit-remaining': '180',
      }),
    ).toEqual({
      dailyLimit: 500_000,
      dailyRemaining: 499_990,
      intervalMs: 10_000,
      intervalMax: 190,
      intervalRemaining: 180,
    })
  })

  it('counts calls, keeps the last reading when a response omits the headers, and reads server time', () => {
    const meter = new ApiMeter()
    meter.countCall()
    meter.observe({
      'x-hubspot-ratelimit-remaining': '9',
      'x-hubspot-ratelimit-daily': '100',
      date: 'Mon, 23 Nov 2026 02:46:50 GMT',
    })
    meter.countCall()
    meter.observe({ 'x-hubspot-ratelimit-remaining': '8' })
    meter.observe({})
    expect(meter.usage()).toEqual({ calls: 2, rateLimit: { intervalRemaining: 8, dailyLimit: 100 } })
    expect(meter.serverTime).toBe(Date.parse('2026-11-23T02:46:50Z'))
  })
})
