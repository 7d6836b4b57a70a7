import { Client } from '@hubspot/api-client'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { FULL_SCOPES } from './model/portal.js'
import { apiError, type Harness, startHarness } from './testing/harness.js'

// The portal's identity, access and limits: its own portal id and token, token scopes (403 MISSING_SCOPES),
// Settings > Users with super-admin rights (B-INST-2), and the daily quota behind X-HubSpot-RateLimit-Daily.
let h: Harness
let second: Harness
beforeAll(async () => {
  h = await startHarness({
    portalId: 777001,
    accessToken: 'pat-na1-portal-one',
    rateLimits: { tier: 'professional' },
  })
  second = await startHarness({ portalId: 777002, accessToken: 'pat-na1-portal-two' })
})
afterAll(async () => {
  await h.close()
  await second.close()
})
beforeEach(async () => {
  await h.call('PUT', '/__sandbox/rate-limits', { tier: 'professional' })
})

/** A client for `harness`'s sandbox with another token. */
function clientFor(harness: Harness, accessToken: string): Client {
  return new Client({ accessToken, basePath: harness.sandbox.basePath })
}

async function addToken(harness: Harness, body: Record<string, unknown>): Promise<void> {
  const { status } = await harness.call('POST', '/__sandbox/tokens', body)
  expect(status).toBe(200)
}

describe('portal id and token options', () => {
  it('B-MULTI-1: two portals run side by side, each with its own portal id and token, and each refuses the other token', async () => {
    expect(h.sandbox.basePath).not.toBe(second.sandbox.basePath)
    expect(h.sandbox).toMatchObject({ portalId: 777001, accessToken: 'pat-na1-portal-one' })
    expect(second.sandbox).toMatchObject({ portalId: 777002, accessToken: 'pat-na1-portal-two' })
    const first = await h.call('GET', '/account-info/v3/details')
    const other = await second.call('GET', '/account-info/v3/details')
    expect((first.json as { portalId: number }).portalId).toBe(777001)
    expect((other.json as { portalId: number }).portalId).toBe(777002)

    const crossed = await apiError(clientFor(second, 'pat-na1-portal-one').crm.contacts.basicApi.getPage())
    expect(crossed.code).toBe(401)
    expect(crossed.body['category']).toBe('INVALID_AUTHENTICATION')
    const back = await apiError(clientFor(h, 'pat-na1-portal-two').crm.contacts.basicApi.getPage())
    expect(back.code).toBe(401)

    // A record written in one portal is not in the other.
    const created = await h.client.crm.contacts.basicApi.create({
      properties: { email: 'only-in-one@example.com' },
      associations: [],
    })
    const found = await apiError(second.client.crm.contacts.basicApi.getById(created.id))
    expect(found.code).toBe(404)
  })

  it("reports the portal's id in token info, which the client reads", async () => {
    const info = await h.client.oauth.accessTokensApi.get('pat-na1-portal-one')
    expect(info.hubId).toBe(777001)
    expect(info.scopes).toEqual([...FULL_SCOPES])
  })
})

describe('token scopes', () => {
  it('answers a call whose scope the token lacks with 403 MISSING_SCOPES naming the granular scope', async () => {
    await addToken(h, { token: 'pat-contacts-only', scopes: ['crm.objects.contacts.read'] })
    const limited = clientFor(h, 'pat-contacts-only')
    expect((await limited.crm.contacts.basicApi.getPage(1)).results).toBeDefined()

    const companies = await apiError(limited.crm.companies.basicApi.getPage(1))
    expect(companies.code).toBe(403)
    expect(companies.body).toMatchObject({
      status: 'error',
      category: 'MISSING_SCOPES',
      message: expect.stringContaining("This app hasn't been granted all required scopes") as unknown,
      errors: [
        {
          message: 'One or more of the following scopes are required.',
          context: { requiredGranularScopes: ['crm.objects.companies.read'] },
        },
      ],
    })
    expect(typeof companies.body['correlationId']).toBe('string')

    const write = await apiError(
      limited.crm.contacts.basicApi.create({
        properties: { email: 'no-write@example.com' },
        associations: [],
      }),
    )
    expect(write.code).toBe(403)
    expect(write.body['errors']).toEqual([
      expect.objectContaining({ context: { requiredGranularScopes: ['crm.objects.contacts.write'] } }),
    ])
    // A search only reads; properties need the schema scope.
    expect((await limited.crm.contacts.searchApi.doSearch({ limit: 1 })).total).toBeGreaterThanOrEqual(0)
    const schema = await apiError(limited.crm.properties.coreApi.getAll('contacts'))
    expect(schema.body['errors']).toEqual([
      expect.objectContaining({ context: { requiredGranularScopes: ['crm.schemas.contacts.read'] } }),
    ])
  })

  it('guards deals, owners, lists, users and engagements (which need the contacts scopes) by their own scopes', async () => {
    await addToken(h, { token: 'pat-no-scopes', scopes: [] })
    const bare = clientFor(h, 'pat-no-scopes')
    const scopeOf = async (call: Promise<unknown>) => {
      const error = await apiError(call)
      expect(error.code).toBe(403)
      const [first] = error.body['errors'] as Array<{ context: { requiredGranularScopes: string[] } }>
      return first?.context.requiredGranularScopes
    }
    expect(await scopeOf(bare.crm.deals.basicApi.getPage(1))).toEqual(['crm.objects.deals.read'])
    expect(await scopeOf(bare.crm.owners.ownersApi.getPage())).toEqual(['crm.objects.owners.read'])
    expect(await scopeOf(bare.crm.lists.listsApi.getById('1'))).toEqual(['crm.lists.read'])
    expect(await scopeOf(bare.settings.users.usersApi.getPage())).toEqual(['settings.users.read'])
    expect(await scopeOf(bare.crm.objects.calls.basicApi.getPage(1))).toEqual(['crm.objects.contacts.read'])
    expect(await scopeOf(bare.crm.pipelines.pipelinesApi.getAll('deals'))).toEqual(['crm.objects.deals.read'])
    // Account info needs no scope.
    expect((await h.call('GET', '/account-info/v3/details')).status).toBe(200)
  })

  it("reports each token's scopes in token info and in the private-app token info", async () => {
    await addToken(h, { token: 'pat-two-scopes', scopes: ['crm.objects.contacts.read', 'forms'] })
    const info = await h.client.oauth.accessTokensApi.get('pat-two-scopes')
    expect(info.scopes).toEqual(['crm.objects.contacts.read', 'forms'])
    const response = await fetch(`${h.sandbox.basePath}/oauth/v2/private-apps/get/access-token-info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tokenKey: 'pat-two-scopes' }),
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      userId: 9000000,
      hubId: 777001,
      appId: 1160452,
      scopes: ['crm.objects.contacts.read', 'forms'],
    })
  })

  it('starts with the scopes the options give the token', async () => {
    const narrow = await startHarness({ scopes: ['crm.objects.contacts.read'] })
    try {
      expect((await narrow.client.crm.contacts.basicApi.getPage(1)).results).toEqual([])
      expect((await apiError(narrow.client.crm.deals.basicApi.getPage(1))).code).toBe(403)
    } finally {
      await narrow.close()
    }
  })
})

describe('users (B-INST-2)', () => {
  it("lists the portal's users with superAdmin and role ids, and the token names its user", async () => {
    const page = await h.client.settings.users.usersApi.getPage()
    const integration = page.results.find((user) => user.id === '9000000')
    expect(integration).toMatchObject({ email: 'integration@acme-demo.com', superAdmin: true, roleIds: [] })
    const rep = page.results.find((user) => user.email === 'avery.lindqvist@acme-demo.com')
    expect(rep).toMatchObject({ id: '9000001', superAdmin: false, roleIds: ['1000001'] })

    const info = await h.client.oauth.accessTokensApi.get('pat-na1-portal-one')
    expect(info).toMatchObject({ userId: 9000000, user: 'integration@acme-demo.com' })
    const byId = await h.client.settings.users.usersApi.getById('9000000')
    expect(byId.superAdmin).toBe(true)
    const byEmail = await h.client.settings.users.usersApi.getById('avery.lindqvist@acme-demo.com', 'EMAIL')
    expect(byEmail.id).toBe('9000001')
    expect((await apiError(h.client.settings.users.usersApi.getById('123'))).code).toBe(404)
  })

  it('lets the admin API take super admin away and give a token another user', async () => {
    const added = await h.call('POST', '/__sandbox/users', {
      email: 'Marketing.Lead@acme-demo.com',
      superAdmin: false,
      roleIds: ['2000002'],
    })
    expect(added.status).toBe(200)
    const user = added.json as { id: string; email: string; superAdmin: boolean }
    expect(user).toMatchObject({ email: 'marketing.lead@acme-demo.com', superAdmin: false })
    await addToken(h, { token: 'oauth-marketing', kind: 'oauth', userId: user.id })
    const info = await h.client.oauth.accessTokensApi.get('oauth-marketing')
    expect(info).toMatchObject({ userId: Number(user.id), user: 'marketing.lead@acme-demo.com' })

    const demoted = await h.call('PATCH', '/__sandbox/users/9000000', { superAdmin: false })
    expect(demoted.json).toMatchObject({ id: '9000000', superAdmin: false })
    expect((await h.client.settings.users.usersApi.getById('9000000')).superAdmin).toBe(false)
    await h.call('PATCH', '/__sandbox/users/9000000', { superAdmin: true })
    expect((await h.call('PATCH', '/__sandbox/users/9000000', { superAdmin: 'yes' })).status).toBe(400)
  })

  it('starts with a connecting user who is no super admin when the options say so', async () => {
    const plain = await startHarness({ user: { superAdmin: false, email: 'rep@acme-demo.com' } })
    try {
      const info = await plain.client.oauth.accessTokensApi.get(plain.sandbox.accessToken)
      const user = await plain.client.settings.users.usersApi.getById(String(info.userId))
      expect(user).toMatchObject({ email: 'rep@acme-demo.com', superAdmin: false })
    } finally {
      await plain.close()
    }
  })
})

describe('daily quota and burst headers (B-API-7)', () => {
  it('sends the daily, burst and interval headers HubSpot documents, professional tier: 650,000 a day, 190 per 10 s', async () => {
    const first = await h.client.crm.contacts.basicApi.getPageWithHttpInfo()
    const second = await h.client.crm.contacts.basicApi.getPageWithHttpInfo()
    expect(first.headers).toMatchObject({
      'x-hubspot-ratelimit-daily': '650000',
      'x-hubspot-ratelimit-daily-remaining': '649999',
      'x-hubspot-ratelimit-max': '190',
      'x-hubspot-ratelimit-remaining': '189',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
    })
    expect(second.headers['x-hubspot-ratelimit-daily-remaining']).toBe('649998')
    expect(second.headers['x-hubspot-ratelimit-remaining']).toBe('188')
  })

  it('answers 429 DAILY once a small daily quota is used up, and a reset restores it', async () => {
    const limits = await h.call('PUT', '/__sandbox/rate-limits', { tier: 'professional', daily: 3 })
    expect(limits.json).toMatchObject({ daily: 3, burst: 190 })
    for (let i = 0; i < 3; i += 1) await h.client.crm.contacts.basicApi.getPage(1)
    const error = await apiError(h.client.crm.contacts.basicApi.getPage(1))
    expect(error.code).toBe(429)
    expect(error.body).toMatchObject({
      status: 'error',
      message: 'You have reached your daily limit.',
      errorType: 'RATE_LIMIT',
      policyName: 'DAILY',
    })
    expect(error.headers['x-hubspot-ratelimit-daily']).toBe('3')
    expect(error.headers['x-hubspot-ratelimit-daily-remaining']).toBe('0')
    // Still exhausted on the next call: the quota does not refill by itself within the day.
    expect((await apiError(h.client.crm.companies.basicApi.getPage(1))).code).toBe(429)

    const reset = await h.call('POST', '/__sandbox/rate-limits/reset')
    expect(reset.json).toMatchObject({ daily: 3 })
    const after = await h.client.crm.contacts.basicApi.getPageWithHttpInfo(1)
    expect(after.httpStatusCode).toBe(200)
    expect(after.headers['x-hubspot-ratelimit-daily-remaining']).toBe('2')
  })
})
