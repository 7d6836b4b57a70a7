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
    const meter = new ApiMeter(() => 42)
    meter.countCall()
    meter.observe({
      'x-hubspot-ratelimit-remaining': '9',
      'x-hubspot-ratelimit-daily': '100',
      date: 'Mon, 23 Nov 2026 02:46:50 GMT',
    })
    meter.countCall()
    meter.observe({ 'x-hubspot-ratelimit-remaining': '8' })
    meter.observe({})
    expect(meter.usage()).toEqual({
      calls: 2,
      // The second reading had no Date header: it is stamped with the local clock.
      rateLimit: { intervalRemaining: 8, dailyLimit: 100, observedAt: 42 },
    })
    expect(meter.serverTime).toBe(Date.parse('2026-11-23T02:46:50Z'))
  })

  it('B-API-7: keeps daily used and limit and burst remaining and max, stamped with the reading time', () => {
    const meter = new ApiMeter(() => 1_000)
    meter.observe({
      'x-hubspot-ratelimit-daily': '650000',
      'x-hubspot-ratelimit-daily-remaining': '649000',
      'x-hubspot-ratelimit-max': '190',
      'x-hubspot-ratelimit-remaining': '12',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
    })
    expect(meter.usage().rateLimit).toEqual({
      dailyLimit: 650_000,
      dailyRemaining: 649_000,
      dailyUsed: 1_000,
      intervalMs: 10_000,
      intervalMax: 190,
      intervalRemaining: 12,
      observedAt: 1_000,
    })
  })

  it('says the daily quota is used up after a DAILY 429 and no longer after a success', () => {
    const meter = new ApiMeter()
    expect(meter.usage().rateLimit).toBeUndefined()
    meter.noteOutcome('HS_DAILY_LIMIT')
    expect(meter.usage().rateLimit?.dailyLimitReached).toBe(true)
    meter.noteOutcome('HS_RATE_LIMITED')
    expect(meter.usage().rateLimit?.dailyLimitReached).toBe(false)
    meter.noteOutcome('HS_DAILY_LIMIT')
    meter.noteOutcome(undefined)
    expect(meter.usage().rateLimit?.dailyLimitReached).toBe(false)
  })
})
