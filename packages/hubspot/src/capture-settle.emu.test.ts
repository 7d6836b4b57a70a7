import type { HubSpotCaptureCursor } from '@crmsync/core'
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
  await admin.thaw()
})

const SEARCH = 'POST /crm/v3/objects/:type/search'
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function connector(options: { searchLagMs?: number; settleEveryMs?: number } = {}) {
  return createHubSpotConnector({
    accessToken: sandbox.accessToken,
    basePath: sandbox.basePath,
    searchMinIntervalMs: 0,
    ...options,
  })
}

async function create(hs: ReturnType<typeof connector>, key: string): Promise<string> {
  const [result] = await hs.upsertContacts([
    { salesforceId: key, properties: { email: `${key}@example.com` } },
  ])
  if (result?.outcome !== 'written') throw new Error(`could not create ${key}`)
  return result.id
}

/** A cursor at the end of what the portal holds now, as a running connection has. */
async function caughtUp(hs: ReturnType<typeof connector>): Promise<HubSpotCaptureCursor> {
  let result = await hs.captureContacts({ cursor: undefined })
  while (result.more) result = await hs.captureContacts({ cursor: result.cursor })
  return result.cursor
}

describe('HubSpot capture without the fixed wait (design.md 3.4)', () => {
  it('returns a create and an edit by the next call, with the default 5 s lag configured', async () => {
    const hs = connector()
    const cursor = await caughtUp(hs)
    const id = await create(hs, 'now1')
    const first = await hs.captureContacts({ cursor, properties: ['email'] })
    expect(first.records.map((record) => record.id)).toEqual([id])
    expect(first.more).toBe(false)
    expect(first.settledThrough).toBeLessThanOrEqual(first.serverTime - 5000)
    await hs.updateContacts([{ id, properties: { firstname: 'Edited' } }])
    const second = await hs.captureContacts({ cursor: first.cursor, properties: ['firstname'] })
    expect(second.records.map((record) => [record.id, record.properties['firstname']])).toEqual([
      [id, 'Edited'],
    ])
  })

  it('finds a contact indexed late behind a newer one by the settle that settleThrough asks for', async () => {
    const hs = connector({ searchLagMs: 2000 })
    const cursor = await caughtUp(hs)
    await admin.knobs({ searchLagMs: 2000 })
    const late = await create(hs, 'late1')
    await admin.knobs({ searchLagMs: 1 })
    const newer = await create(hs, 'newer1')
    await sleep(50)
    // `crmsync sync --once` started now: everything changed before this instant must be synced.
    const through = Date.now()
    const first = await hs.captureContacts({ cursor, settleThrough: through })
    expect(first.records.map((record) => record.id)).toEqual([newer])
    expect(first.more).toBe(false)
    expect(first.settleReadyAt).toBe(through + 2000)
    // The engine waits until HubSpot's clock (the Date header, whole seconds) reaches settleReadyAt.
    await sleep((first.settleReadyAt ?? 0) + 1000 - Date.now())
    const settled = await hs.captureContacts({ cursor: first.cursor, settleThrough: through })
    expect(settled.records.map((record) => record.id)).toEqual([late])
    expect(settled.settledThrough).toBeGreaterThanOrEqual(through)
    expect(settled.settleReadyAt).toBeUndefined()
  })

  it('settles on its own once the dirty span is old enough, for one more search, and stays at two when idle', async () => {
    // The late contact shows 2 s after its write; the polls start well before that.
    const hs = connector({ searchLagMs: 2000, settleEveryMs: 2000 })
    let cursor = await caughtUp(hs)
    await admin.knobs({ searchLagMs: 2000 })
    const late = await create(hs, 'late2')
    await admin.knobs({ searchLagMs: 1 })
    const newer = await create(hs, 'newer2')
    await sleep(50)
    await admin.resetCounters()
    const seen: string[] = []
    const searches: number[] = []
    for (let poll = 0; poll < 14; poll += 1) {
      const result = await hs.captureContacts({ cursor })
      seen.push(...result.records.map((record) => record.id))
      cursor = result.cursor
      searches.push(await admin.callsTo(SEARCH))
      await admin.resetCounters()
      await sleep(400)
    }
    expect(seen).toEqual([newer, late])
    // Two searches a poll; the settle that found the late contact added one, once.
    expect(searches.filter((n) => n !== 2)).toEqual([3])
  })
})
