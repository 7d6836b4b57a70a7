import { type RunningHubSpotSandbox, startHubSpotSandbox } from 'hubspot-sandbox'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { createHubSpotConnector } from './hubspot-connector.js'
import { SandboxAdmin } from './testing/sandbox-admin.js'

let sandbox: RunningHubSpotSandbox
let admin: SandboxAdmin

beforeAll(async () => {
  sandbox = await startHubSpotSandbox({ seed: 'none', rateLimits: { tier: 'unlimited' } })
  admin = new SandboxAdmin(sandbox.basePath)
})
afterAll(async () => {
  await sandbox.close()
})
beforeEach(async () => {
  await admin.request('POST', '/__sandbox/reset')
  await admin.knobs({ searchLagMs: 0, searchResultCap: 10_000 })
  await admin.request('PUT', '/__sandbox/rate-limits', { tier: 'unlimited' })
  await admin.thaw()
})

function connector(options: { searchLagMs?: number; searchResultCap?: number; paced?: boolean } = {}) {
  return createHubSpotConnector({
    accessToken: sandbox.accessToken,
    basePath: sandbox.basePath,
    searchLagMs: options.searchLagMs ?? 0,
    // Unpaced unless a test asks: the sandbox runs with unlimited rate limits by default here.
    ...(options.paced === true ? {} : { searchMinIntervalMs: 0 }),
    ...(options.searchResultCap === undefined ? {} : { searchResultCap: options.searchResultCap }),
  })
}

/** Creates `count` contacts at the sandbox instant `at` (the clock is frozen there while they are written). */
async function createAt(at: number, count: number, prefix: string): Promise<string[]> {
  await admin.freezeAt(at)
  const hs = connector()
  const inputs = Array.from({ length: count }, (_, index) => ({
    salesforceId: `${prefix}${String(index).padStart(5, '0')}`,
    properties: { email: `${prefix}${index}@example.com`, firstname: `N${index}` },
  }))
  const results = await hs.upsertContacts(inputs)
  await admin.thaw()
  return results.map((result) => (result.outcome === 'written' ? result.id : 'failed'))
}

/** Captures until `more` is false, returning every captured id, the cursors and the records per call. */
async function captureAll(hs: ReturnType<typeof connector>) {
  let cursor: Awaited<ReturnType<typeof hs.captureContacts>>['cursor'] | undefined
  const ids = new Set<string>()
  const perCall: number[] = []
  for (let calls = 0; calls < 50; calls += 1) {
    const result = await hs.captureContacts({ cursor, properties: ['email'] })
    result.records.forEach((record) => ids.add(record.id))
    perCall.push(result.records.length)
    cursor = result.cursor
    if (!result.more) return { ids, cursor, perCall }
  }
  throw new Error('capture did not finish in 50 calls')
}

describe('HubSpot capture (design.md 3.4)', () => {
  it('walks many contacts sharing one lastmodifieddate by id (query 1), resuming after lastId', async () => {
    const base = Date.now() - 60_000
    const same = await createAt(base, 450, 'tie')
    const later = await createAt(base + 1000, 5, 'late')
    const sorted = [...same].sort((a, b) => Number(a) - Number(b))
    const resumeAfter = sorted[149] ?? ''
    const hs = connector()
    const result = await hs.captureContacts({
      cursor: { modifiedAt: base, lastId: resumeAfter },
      properties: ['email'],
    })
    const ids = result.records.map((record) => record.id)
    expect(new Set(ids)).toEqual(new Set([...sorted.slice(150), ...later]))
    expect(ids.slice(0, 300)).toEqual(sorted.slice(150))
    expect(result.cursor.modifiedAt).toBeLessThanOrEqual(result.serverTime)
    expect(result.more).toBe(false)
  })

  it('keeps every window under the search result cap by splitting it, and still captures everything', async () => {
    await admin.knobs({ searchResultCap: 250 })
    const base = Date.now() - 120_000
    const created: string[] = []
    for (let step = 0; step < 6; step += 1)
      created.push(...(await createAt(base + step * 5000, 100, `w${step}x`)))
    // The professional tier's search limit (5 a second) is on: paced searches never meet a 429 (B-API-7).
    await admin.request('PUT', '/__sandbox/rate-limits', { tier: 'professional' })
    const { ids, perCall } = await captureAll(connector({ searchResultCap: 250, paced: true }))
    expect(ids).toEqual(new Set(created))
    expect(Math.max(...perCall)).toBeLessThanOrEqual(250)
    const counters = await admin.counters()
    expect(Object.keys(counters.endpoints['POST /crm/v3/objects/:type/search']?.statuses ?? {})).toEqual([
      '200',
    ])
  })

  it('hands an instant holding more than the cap to the id walk instead of paging past the cap', async () => {
    await admin.knobs({ searchResultCap: 250 })
    const base = Date.now() - 60_000
    const created = [...(await createAt(base, 400, 'big')), ...(await createAt(base + 10, 3, 'after'))]
    const { ids, perCall } = await captureAll(connector({ searchResultCap: 250 }))
    expect(ids).toEqual(new Set(created))
    // The 400 at one instant come in one call, walked by id: no search page went past the cap of 250.
    expect(Math.max(...perCall)).toBeGreaterThanOrEqual(400)
    const counters = await admin.counters()
    expect(counters.endpoints['POST /crm/v3/objects/:type/search']?.statuses['400']).toBeUndefined()
  })

  it('settles no further than server time minus the indexing lag, and returns a lagging write once search shows it', async () => {
    await admin.knobs({ searchLagMs: 1500 })
    const hs = connector({ searchLagMs: 1500 })
    const first = await hs.captureContacts({ cursor: undefined, properties: ['email'] })
    const [id] = (
      await hs.upsertContacts([{ salesforceId: 'lag1', properties: { email: 'lag@example.com' } }])
    ).map((result) => (result.outcome === 'written' ? result.id : ''))
    const soon = await hs.captureContacts({ cursor: first.cursor, properties: ['email'] })
    expect(soon.records.map((record) => record.id)).not.toContain(id)
    expect(soon.cursor.modifiedAt).toBeLessThanOrEqual(soon.serverTime - 1500)
    expect(soon.settledThrough).toBeLessThanOrEqual(soon.serverTime - 1500)
    await new Promise((resolve) => setTimeout(resolve, 2600))
    const later = await hs.captureContacts({ cursor: soon.cursor, properties: ['email'] })
    expect(later.records.map((record) => record.id)).toContain(id)
    expect(later.cursor.modifiedAt).toBeLessThanOrEqual(later.serverTime - 1500)
    expect(later.settledThrough).toBeLessThanOrEqual(later.serverTime - 1500)
  })
})
