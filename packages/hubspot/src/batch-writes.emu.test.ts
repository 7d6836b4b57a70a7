import type { HubSpotWriteResult } from '@crmsync/core'
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
  await admin.knobs({ lifecycleBackwardMove: 'ignore' })
})

const connector = () =>
  createHubSpotConnector({ accessToken: sandbox.accessToken, basePath: sandbox.basePath })

const UPSERT = 'POST /crm/v3/objects/:type/batch/upsert'
const UPDATE = 'POST /crm/v3/objects/:type/batch/update'
const READ = 'POST /crm/v3/objects/:type/batch/read'

function people(count: number, prefix = 'p') {
  return Array.from({ length: count }, (_, index) => ({
    salesforceId: `00Q${prefix}${String(index).padStart(6, '0')}`,
    salesforceType: 'Lead' as const,
    properties: { email: `${prefix}${index}@example.com`, firstname: `First${index}`, lastname: 'Lee' },
  }))
}

function idsOf(results: readonly HubSpotWriteResult[]): string[] {
  return results.map((result) =>
    result.outcome === 'written' ? result.id : `${result.outcome}:${result.key}`,
  )
}

async function contactCount(): Promise<number> {
  const info = (await admin.request('GET', '/__sandbox')) as { records: Record<string, number> }
  return info.records['contacts'] ?? 0
}

describe('HubSpot batch writes (design.md 3.4 apply)', () => {
  it('creates by upsert on crmsync_salesforce_id with the link property, and a replay creates nothing', async () => {
    const hs = connector()
    const inputs = people(150)
    const first = await hs.upsertContacts(inputs)
    expect(first.every((result) => result.outcome === 'written' && result.created)).toBe(true)
    expect(await contactCount()).toBe(150)
    const replay = await hs.upsertContacts(inputs)
    expect(replay.every((result) => result.outcome === 'written' && !result.created)).toBe(true)
    expect(idsOf(replay)).toEqual(idsOf(first))
    expect(await contactCount()).toBe(150)
    const read = await hs.readContacts({ ids: idsOf(first).slice(0, 3), properties: ['salesforceleadid'] })
    const record = read.records.get(idsOf(first)[0] ?? '')
    expect(record?.properties['salesforceleadid']).toBe(inputs[0]?.salesforceId)
  })

  it('uses the minimum number of calls: 250 updates = 3 calls, 250 upserts = 3, 250 reads = 3 (B-API-7)', async () => {
    const hs = connector()
    const created = idsOf(await hs.upsertContacts(people(250)))
    expect(await admin.callsTo(UPSERT)).toBe(3)
    await admin.resetCounters()
    const updates = await hs.updateContacts(created.map((id) => ({ id, properties: { jobtitle: 'CTO' } })))
    expect(updates.every((result) => result.outcome === 'written')).toBe(true)
    expect(await admin.callsTo(UPDATE)).toBe(3)
    await hs.readContacts({ ids: created, properties: ['jobtitle'] })
    expect(await admin.callsTo(READ)).toBe(3)
    expect((await admin.counters()).total).toBe(6)
    expect(hs.apiUsage().calls).toBe(9)
  })

  it('gives per-record results when one input is invalid: the rest are written in one more call (B-ERR-8)', async () => {
    const hs = connector()
    const created = idsOf(await hs.upsertContacts(people(10)))
    await admin.resetCounters()
    const inputs = created.map((id, index) => ({
      id,
      properties: index === 4 ? { email: 'not-an-email' } : { jobtitle: `T${index}` },
    }))
    const results = await hs.updateContacts(inputs)
    const expected = created.map((_, index) => (index === 4 ? 'failed' : 'written'))
    expect(results.map((result) => result.outcome)).toEqual(expected)
    expect(results[4]).toMatchObject({ outcome: 'failed', key: created[4], code: 'HS_VALIDATION' })
    expect(await admin.callsTo(UPDATE)).toBe(2)
    const read = await hs.readContacts({ ids: created, properties: ['jobtitle'] })
    expect(read.records.get(created[3] ?? '')?.properties['jobtitle']).toBe('T3')
    expect(read.records.get(created[4] ?? '')?.properties['jobtitle']).toBeNull()
  })

  it('reports an update of a contact that no longer exists per record, in the same call', async () => {
    const hs = connector()
    const [id = ''] = idsOf(await hs.upsertContacts(people(1, 'gone')))
    await admin.resetCounters()
    const results = await hs.updateContacts([
      { id, properties: { jobtitle: 'A' } },
      { id: '999999', properties: { jobtitle: 'B' } },
    ])
    expect(results.map((result) => result.outcome)).toEqual(['written', 'failed'])
    expect(results[1]).toMatchObject({ key: '999999', code: 'HS_NOT_FOUND' })
    expect(await admin.callsTo(UPDATE)).toBe(1)
  })

  it('reports a read-only property per record (hs_email_optout is not writable, B-OPT-3)', async () => {
    const hs = connector()
    const results = await hs.upsertContacts([
      { salesforceId: '003A', properties: { email: 'ro1@example.com', hs_email_optout: 'true' } },
      { salesforceId: '003B', properties: { email: 'ro2@example.com' } },
    ])
    expect(results[0]).toMatchObject({ outcome: 'failed', code: 'HS_READ_ONLY_PROPERTY' })
    expect(results[1]).toMatchObject({ outcome: 'written', created: true })
  })

  it('reports a duplicate email on create as the existing id, so the engine links instead (B-CON-6)', async () => {
    const hs = connector()
    const [existing] = idsOf(
      await hs.upsertContacts([{ salesforceId: '00Qold', properties: { email: 'dup@example.com' } }]),
    )
    const results = await hs.upsertContacts([
      { salesforceId: '00Qnew1', properties: { email: 'fresh@example.com' } },
      { salesforceId: '00Qnew2', properties: { email: 'DUP@example.com' } },
    ])
    expect(results[0]).toMatchObject({ outcome: 'written', created: true })
    expect(results[1]).toEqual({ outcome: 'exists', key: '00Qnew2', existingId: existing })
    expect(await contactCount()).toBe(2)
  })

  it('reads by email for dedup, keyed by the lower-cased email', async () => {
    const hs = connector()
    const [id] = idsOf(
      await hs.upsertContacts([{ salesforceId: '00Qe', properties: { email: 'Find.Me@example.com' } }]),
    )
    const found = await hs.findContactsByEmail(['find.me@example.com', 'nobody@example.com'], ['firstname'])
    expect([...found.keys()]).toEqual(['find.me@example.com'])
    expect(found.get('find.me@example.com')?.id).toBe(id)
  })

  it('marks a backward lifecycle stage as not applied and keeps the other properties written', async () => {
    const hs = connector()
    const [id = ''] = idsOf(
      await hs.upsertContacts([
        { salesforceId: '00Ql', properties: { email: 'lc@example.com', lifecyclestage: 'customer' } },
      ]),
    )
    const [result] = await hs.updateContacts([{ id, properties: { lifecyclestage: 'lead', jobtitle: 'VP' } }])
    expect(result).toMatchObject({ outcome: 'written', notApplied: ['lifecyclestage'] })
    await admin.knobs({ lifecycleBackwardMove: 'reject' })
    const [rejected] = await hs.updateContacts([{ id, properties: { lifecyclestage: 'lead' } }])
    expect(rejected).toMatchObject({ outcome: 'failed', code: 'HS_LIFECYCLE_BACKWARDS' })
  })

  it('archives in batch and then reports the ids as missing on read (B-CON-22)', async () => {
    const hs = connector()
    const created = idsOf(await hs.upsertContacts(people(120, 'arch')))
    await admin.resetCounters()
    await hs.archiveContacts(created.slice(0, 110))
    expect(await admin.callsTo('POST /crm/v3/objects/:type/batch/archive')).toBe(2)
    const read = await hs.readContacts({ ids: created.slice(100, 120), properties: [] })
    expect(read.missing).toEqual(created.slice(100, 110))
    expect([...read.records.keys()].sort()).toEqual(created.slice(110, 120).sort())
  })
})
