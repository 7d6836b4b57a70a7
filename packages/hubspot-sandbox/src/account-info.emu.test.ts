import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createControllableClock } from './clock.js'
import { apiError, type Harness, startHarness } from './testing/harness.js'

const JULY = Date.parse('2026-07-01T12:00:00Z')
const JANUARY = Date.parse('2026-01-15T12:00:00Z')

let h: Harness
let other: Harness | undefined
beforeAll(async () => {
  h = await startHarness({ seed: 'none', clock: createControllableClock({ start: JULY, frozen: true }) })
})
afterAll(async () => {
  await h.close()
  await other?.close()
})

/** GET /account-info/v3/details through the official client (it has no wrapper for account info). */
async function details(harness: Harness): Promise<Record<string, unknown>> {
  const { status, json } = await harness.call('GET', '/account-info/v3/details')
  expect(status).toBe(200)
  return json as Record<string, unknown>
}

describe('account info (api-surface.md 3.1): the portal time zone that date <-> datetime pairs use (B-MAP-5)', () => {
  it('answers as HubSpot does: portal id, a US/Eastern zone with its current offset, USD, na1', async () => {
    expect(await details(h)).toEqual({
      portalId: h.sandbox.portalId,
      accountType: 'STANDARD',
      timeZone: 'US/Eastern',
      companyCurrency: 'USD',
      additionalCurrencies: [],
      utcOffset: '-04:00',
      utcOffsetMilliseconds: -4 * 3_600_000,
      uiDomain: 'app.hubspot.com',
      dataHostingLocation: 'na1',
    })
  })

  it('reports the offset of the zone at the sandbox clock (standard time in January)', async () => {
    await h.call('POST', '/__sandbox/clock', { set: JANUARY })
    expect(await details(h)).toMatchObject({ utcOffset: '-05:00', utcOffsetMilliseconds: -5 * 3_600_000 })
    await h.call('POST', '/__sandbox/clock', { set: JULY })
  })

  it('needs the token like every API call', async () => {
    const response = await fetch(`${h.sandbox.basePath}/account-info/v3/details`)
    expect(response.status).toBe(401)
  })

  it('the admin API changes the time zone and currency; an unknown zone is refused', async () => {
    const { status, json } = await h.call('PATCH', '/__sandbox/account', {
      timeZone: 'Asia/Kolkata',
      companyCurrency: 'EUR',
    })
    expect(status).toBe(200)
    expect(json).toMatchObject({ timeZone: 'Asia/Kolkata', utcOffset: '+05:30', companyCurrency: 'EUR' })
    expect(await details(h)).toMatchObject({ timeZone: 'Asia/Kolkata', utcOffsetMilliseconds: 19_800_000 })
    const refused = await h.call('PATCH', '/__sandbox/account', { timeZone: 'Mars/Olympus_Mons' })
    expect(refused.status).toBe(400)
    expect(await details(h)).toMatchObject({ timeZone: 'Asia/Kolkata' })
    await h.call('PATCH', '/__sandbox/account', { timeZone: 'US/Eastern', companyCurrency: 'USD' })
  })

  it('the time zone is a start option; UTC reports +00:00', async () => {
    other = await startHarness({ seed: 'none', timeZone: 'UTC' })
    expect(await details(other)).toMatchObject({
      timeZone: 'UTC',
      utcOffset: '+00:00',
      utcOffsetMilliseconds: 0,
    })
  })

  it('token info answers 404 for a private-app token when the knob says so, as real HubSpot does', async () => {
    const info = () => h.client.oauth.accessTokensApi.get(h.sandbox.accessToken)
    expect((await info()).hubId).toBe(h.sandbox.portalId)
    await h.call('PATCH', '/__sandbox/knobs', { privateAppTokenInfo: false })
    try {
      expect((await apiError(info())).code).toBe(404)
    } finally {
      await h.call('PATCH', '/__sandbox/knobs', { privateAppTokenInfo: true })
    }
  })
})
