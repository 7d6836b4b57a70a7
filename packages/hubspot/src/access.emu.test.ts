import { isSyncError } from '@crmsync/core'
import { type RunningHubSpotSandbox, startHubSpotSandbox } from 'hubspot-sandbox'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { createHubSpotConnector, type HubSpotConnectorOptions } from './hubspot-connector.js'
import { SandboxAdmin } from './testing/sandbox-admin.js'

// readAccess (scopes, portal, user and admin rights) and apiUsage's rate-limit reading, against the sandbox.
let sandbox: RunningHubSpotSandbox
let admin: SandboxAdmin

beforeAll(async () => {
  sandbox = await startHubSpotSandbox({
    seed: 'none',
    portalId: 5150001,
    accessToken: 'pat-na1-access-test',
    rateLimits: { tier: 'unlimited' },
  })
  admin = new SandboxAdmin(sandbox.basePath)
})
afterAll(async () => {
  await sandbox.close()
})
beforeEach(async () => {
  await admin.request('PUT', '/__sandbox/rate-limits', { tier: 'unlimited' })
  await admin.request('PATCH', '/__sandbox/knobs', { privateAppTokenInfo: true })
  await admin.request('PATCH', '/__sandbox/users/9000000', { superAdmin: true })
})

function connector(options: Partial<HubSpotConnectorOptions> = {}) {
  return createHubSpotConnector({ accessToken: sandbox.accessToken, basePath: sandbox.basePath, ...options })
}

describe('HubSpot connector: readAccess (B-INST-2)', () => {
  it("reads the token's scopes, the portal and the user, a super admin", async () => {
    const access = await connector().readAccess()
    expect(access.portalId).toBe('5150001')
    expect(access.scopes).toContain('crm.objects.contacts.write')
    expect(access.scopes).toContain('settings.users.read')
    expect(access.user).toEqual({ id: '9000000', email: 'integration@acme-demo.com', superAdmin: true })
  })

  it('says when the user lacks account-level admin rights', async () => {
    await admin.request('PATCH', '/__sandbox/users/9000000', { superAdmin: false })
    const access = await connector().readAccess()
    expect(access.user).toMatchObject({ id: '9000000', superAdmin: false })
  })

  it('falls back to the private-app token info where HubSpot answers 404 for a private-app token', async () => {
    await admin.request('PATCH', '/__sandbox/knobs', { privateAppTokenInfo: false })
    await admin.request('POST', '/__sandbox/tokens', {
      token: 'pat-narrow',
      scopes: ['crm.objects.contacts.read', 'crm.objects.contacts.write'],
    })
    const hs = connector({ accessToken: 'pat-narrow' })
    const access = await hs.readAccess()
    expect(access).toEqual({
      portalId: '5150001',
      scopes: ['crm.objects.contacts.read', 'crm.objects.contacts.write'],
      // Without settings.users.read the user's rights stay unknown rather than failing the read.
      user: { id: '9000000', superAdmin: undefined },
    })
  })

  it("names an OAuth token's own user", async () => {
    const user = (await admin.request('POST', '/__sandbox/users', {
      email: 'ops@acme-demo.com',
      superAdmin: false,
    })) as { id: string }
    await admin.request('POST', '/__sandbox/tokens', { token: 'oauth-ops', kind: 'oauth', userId: user.id })
    const access = await connector({ accessToken: 'oauth-ops' }).readAccess()
    expect(access.user).toEqual({ id: user.id, email: 'ops@acme-demo.com', superAdmin: false })
  })

  it('throws HS_UNAUTHORIZED for a token the portal does not know', async () => {
    const error = await connector({ accessToken: 'pat-unknown', sleep: () => Promise.resolve() })
      .readAccess()
      .catch((err: unknown) => err)
    expect(isSyncError(error) && error.code).toBe('HS_UNAUTHORIZED')
  })
})

describe('HubSpot connector: apiUsage (B-API-7)', () => {
  it('keeps the last daily used and limit and burst remaining and max the headers said', async () => {
    await admin.request('PUT', '/__sandbox/rate-limits', { tier: 'professional' })
    const hs = connector()
    await hs.readOwners()
    await hs.readOwners()
    const usage = hs.apiUsage().rateLimit
    expect(usage).toMatchObject({
      dailyLimit: 650_000,
      intervalMax: 190,
      intervalMs: 10_000,
      dailyLimitReached: false,
    })
    expect(usage?.dailyUsed).toBe(650_000 - (usage?.dailyRemaining ?? 0))
    expect(usage?.dailyUsed).toBeGreaterThanOrEqual(2)
    expect(usage?.intervalRemaining).toBeLessThanOrEqual(188)
    expect(Math.abs((usage?.observedAt ?? 0) - Date.now())).toBeLessThan(5_000)
  })

  it('B-API-4: a used-up daily quota throws HS_DAILY_LIMIT and apiUsage says so, until the quota is back', async () => {
    await admin.request('PUT', '/__sandbox/rate-limits', { tier: 'professional', daily: 2 })
    const hs = connector({ sleep: () => Promise.resolve() })
    await hs.portalSettings()
    await hs.portalSettings()
    const error = await hs.portalSettings().catch((err: unknown) => err)
    expect(isSyncError(error) && error.code).toBe('HS_DAILY_LIMIT')
    expect(hs.apiUsage().rateLimit).toMatchObject({
      dailyLimit: 2,
      dailyRemaining: 0,
      dailyUsed: 2,
      dailyLimitReached: true,
    })
    await admin.request('POST', '/__sandbox/rate-limits/reset')
    await hs.portalSettings()
    expect(hs.apiUsage().rateLimit).toMatchObject({
      dailyRemaining: 1,
      dailyUsed: 1,
      dailyLimitReached: false,
    })
  })

  it('B-API-7: on the professional tier, 200 writes in one 10 s window: those beyond 190 get 429, the connector waits as the headers say, no record is lost', async () => {
    await admin.request('PUT', '/__sandbox/rate-limits', { tier: 'professional' })
    await admin.request('DELETE', '/__sandbox/counters')
    const retries: Array<{ code: string; waitMs: number; callsSoFar: number }> = []
    const hs = connector({
      batchSize: 1,
      onRetry: (code, waitMs) => retries.push({ code, waitMs, callsSoFar: hs.apiUsage().calls }),
    })
    const inputs = Array.from({ length: 200 }, (_, n) => ({
      salesforceId: `00Q5f00000B${String(n).padStart(5, '0')}`,
      properties: { email: `burst-${n}@example.com` },
    }))
    const results = await hs.upsertContacts(inputs)

    expect(results.filter((result) => result.outcome === 'written')).toHaveLength(200)
    // The 191st call was the first refused, with the burst code; the wait came from Retry-After (whole
    // seconds, at most the 10 s window), not a guess.
    expect(retries[0]).toMatchObject({ code: 'HS_RATE_LIMITED', callsSoFar: 191 })
    for (const retry of retries) {
      expect(retry.waitMs % 1000).toBe(0)
      expect(retry.waitMs).toBeGreaterThan(0)
      expect(retry.waitMs).toBeLessThanOrEqual(10_000)
    }
    const counters = (await admin.request('GET', '/__sandbox/counters')) as {
      endpoints: Record<string, { statuses: Record<string, number> }>
    }
    const statuses = counters.endpoints['POST /crm/v3/objects/:type/batch/upsert']?.statuses
    expect(statuses?.['200']).toBe(200)
    expect(statuses?.['429']).toBe(retries.length)
    expect(hs.apiUsage().calls).toBe(200 + retries.length)
    // Every record reached HubSpot.
    const found = await hs.findContactsByEmail(
      inputs.map((input) => input.properties.email),
      ['email'],
    )
    expect(found.size).toBe(200)
  }, 60_000)
})
