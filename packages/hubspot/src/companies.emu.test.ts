import type { HubSpotCaptureCursor, HubSpotWriteResult } from '@crmsync/core'
import { type RunningHubSpotSandbox, startHubSpotSandbox } from 'hubspot-sandbox'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { createHubSpotConnector } from './hubspot-connector.js'
import { propertyFilterBranch } from './testing/list-filters.js'
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
  await admin.knobs({ searchLagMs: 0, searchResultCap: 10_000, lifecycleBackwardMove: 'ignore' })
  await admin.thaw()
})

function connector(options: { searchLagMs?: number; settleEveryMs?: number } = {}) {
  return createHubSpotConnector({
    accessToken: sandbox.accessToken,
    basePath: sandbox.basePath,
    searchMinIntervalMs: 0,
    ...options,
  })
}

type Connector = ReturnType<typeof connector>

const SEARCH = 'POST /crm/v3/objects/:type/search'
const UPSERT = 'POST /crm/v3/objects/:type/batch/upsert'
const READ = 'POST /crm/v3/objects/:type/batch/read'
const ASSOCIATIONS_READ = 'POST /crm/v4/associations/:from/:to/batch/read'
const ASSOCIATIONS_CREATE = 'POST /crm/v4/associations/:from/:to/batch/create'
const LABELS_ARCHIVE = 'POST /crm/v4/associations/:from/:to/batch/labels/archive'
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A call to the sandbox's public API with the token, for set-up the connector does not offer. */
async function api(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${sandbox.basePath}${path}`, {
    method,
    headers: { authorization: `Bearer ${sandbox.accessToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`)
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>)
}

function idOf(result: HubSpotWriteResult | undefined): string {
  if (result?.outcome !== 'written') throw new Error(`expected a write, got ${JSON.stringify(result)}`)
  return result.id
}

const accounts = (count: number, prefix = 'a') =>
  Array.from({ length: count }, (_, index) => ({
    salesforceId: `001${prefix}${String(index).padStart(6, '0')}`,
    properties: { name: `Company ${prefix}${index}`, domain: `${prefix}${index}.example.com` },
  }))

async function createCompanies(hs: Connector, count: number, prefix = 'a'): Promise<string[]> {
  return (await hs.upsertCompanies(accounts(count, prefix))).map(idOf)
}

async function createContacts(hs: Connector, count: number, prefix = 'c'): Promise<string[]> {
  const inputs = Array.from({ length: count }, (_, index) => ({
    salesforceId: `003${prefix}${index}`,
    properties: { email: `${prefix}${index}@example.com` },
  }))
  return (await hs.upsertContacts(inputs)).map(idOf)
}

/** Associates a contact and a company with the plain (unlabeled) link only, as a user may. */
async function linkUnlabeled(contactId: string, companyId: string): Promise<void> {
  await api('PUT', `/crm/v4/objects/contacts/${contactId}/associations/companies/${companyId}`, [
    { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 },
  ])
}

async function companyCount(): Promise<number> {
  const info = (await admin.request('GET', '/__sandbox')) as { records: Record<string, number> }
  return info.records['companies'] ?? 0
}

/** A company cursor at the end of what the portal holds now, as a running connection has. */
async function caughtUp(hs: Connector): Promise<HubSpotCaptureCursor> {
  let result = await hs.captureCompanies({ cursor: undefined })
  while (result.more) result = await hs.captureCompanies({ cursor: result.cursor })
  return result.cursor
}

describe('HubSpot companies: capture on hs_lastmodifieddate (design.md 3.4)', () => {
  it('returns a company create and an edit by the next call, with the default 5 s lag configured and no wait', async () => {
    const hs = connector()
    const cursor = await caughtUp(hs)
    const [id = ''] = await createCompanies(hs, 1)
    // A contact is not a company: the contact stream has its own searches and cursor.
    await createContacts(hs, 1)
    const first = await hs.captureCompanies({ cursor, properties: ['name'] })
    expect(first.records.map((record) => [record.id, record.properties['name']])).toEqual([
      [id, 'Company a0'],
    ])
    expect(first.records[0]?.properties['hs_lastmodifieddate']).toEqual(expect.any(String))
    expect(first.more).toBe(false)
    expect(first.settledThrough).toBeLessThanOrEqual(first.serverTime - 5000)
    await hs.updateCompanies([{ id, properties: { name: 'Renamed' } }])
    const second = await hs.captureCompanies({ cursor: first.cursor, properties: ['name'] })
    expect(second.records.map((record) => [record.id, record.properties['name']])).toEqual([[id, 'Renamed']])
    const third = await hs.captureCompanies({ cursor: second.cursor })
    expect(third.records).toEqual([])
  })

  it('finds a company indexed late behind a newer one by the settle that settleThrough asks for', async () => {
    const hs = connector({ searchLagMs: 2000 })
    const cursor = await caughtUp(hs)
    await admin.knobs({ searchLagMs: 2000 })
    const [late] = await createCompanies(hs, 1, 'late')
    await admin.knobs({ searchLagMs: 1 })
    const [newer] = await createCompanies(hs, 1, 'newer')
    await sleep(50)
    const through = Date.now()
    const first = await hs.captureCompanies({ cursor, settleThrough: through })
    expect(first.records.map((record) => record.id)).toEqual([newer])
    expect(first.more).toBe(false)
    expect(first.settleReadyAt).toBe(through + 2000)
    // The engine waits until HubSpot's clock (the Date header, whole seconds) reaches settleReadyAt.
    await sleep((first.settleReadyAt ?? 0) + 1000 - Date.now())
    await admin.resetCounters()
    const settled = await hs.captureCompanies({ cursor: first.cursor, settleThrough: through })
    expect(settled.records.map((record) => record.id)).toEqual([late])
    expect(settled.settledThrough).toBeGreaterThanOrEqual(through)
    expect(settled.settleReadyAt).toBeUndefined()
    // The fresh pass's two searches and the settle's one, as for contacts.
    expect(await admin.callsTo(SEARCH)).toBe(3)
  })
})

describe('HubSpot companies: batch reads and writes', () => {
  it('creates by upsert on crmsync_salesforce_id with salesforceaccountid, and a replay creates nothing', async () => {
    const hs = connector()
    const inputs = accounts(150)
    const first = await hs.upsertCompanies(inputs)
    expect(first.every((result) => result.outcome === 'written' && result.created)).toBe(true)
    expect(first.map((result) => result.key)).toEqual(inputs.map((input) => input.salesforceId))
    expect(await companyCount()).toBe(150)
    expect(await admin.callsTo(UPSERT)).toBe(2)
    const replay = await hs.upsertCompanies(inputs)
    expect(replay.every((result) => result.outcome === 'written' && !result.created)).toBe(true)
    expect(replay.map(idOf)).toEqual(first.map(idOf))
    expect(await companyCount()).toBe(150)
    const id = idOf(first[0])
    const read = await hs.readCompanies({
      ids: [id],
      properties: ['name', 'salesforceaccountid', 'crmsync_salesforce_id'],
    })
    expect(read.records.get(id)?.properties).toMatchObject({
      name: 'Company a0',
      salesforceaccountid: inputs[0]?.salesforceId,
      crmsync_salesforce_id: inputs[0]?.salesforceId,
    })
    // Not asked for: contacts are not read, and no association call is made.
    expect(read.records.get(id)?.contactIds).toBeUndefined()
    expect(await admin.callsTo(ASSOCIATIONS_READ)).toBe(0)
  })

  it('updates with per-record results: a bad property and a missing company fail alone (B-ERR-8)', async () => {
    const hs = connector()
    const created = await createCompanies(hs, 5)
    await admin.resetCounters()
    const results = await hs.updateCompanies([
      ...created.map((id, index) => ({
        id,
        properties: index === 2 ? { no_such_property: 'x' } : { description: `D${index}` },
      })),
      { id: '999999', properties: { description: 'gone' } },
    ])
    expect(results.map((result) => result.outcome)).toEqual([
      'written',
      'written',
      'failed',
      'written',
      'written',
      'failed',
    ])
    expect(results[2]).toMatchObject({ key: created[2], code: 'HS_UNKNOWN_PROPERTY' })
    expect(results[5]).toMatchObject({
      key: '999999',
      code: 'HS_NOT_FOUND',
      message: 'HubSpot has no company 999999',
    })
    expect(results[0]).toMatchObject({ outcome: 'written', created: false, id: created[0] })
    const read = await hs.readCompanies({ ids: created, properties: ['description'] })
    expect(read.records.get(created[3] ?? '')?.properties['description']).toBe('D3')
    expect(read.records.get(created[2] ?? '')?.properties['description']).toBeNull()
  })

  it('reads companies with their contacts of any label, and resolves merged-away ids to the survivor', async () => {
    const hs = connector()
    const [keep = '', lose = '', alone = '', empty = ''] = await createCompanies(hs, 4)
    const [c1 = '', c2 = '', c3 = '', c4 = ''] = await createContacts(hs, 4)
    await hs.setPrimaryCompanies([
      { contactId: c1, companyId: keep },
      { contactId: c2, companyId: lose },
      { contactId: c3, companyId: alone },
    ])
    await linkUnlabeled(c4, lose)
    const survivor = String(
      (
        await api('POST', '/crm/v3/objects/companies/merge', { primaryObjectId: keep, objectIdToMerge: lose })
      )['id'],
    )
    await admin.resetCounters()
    const read = await hs.readCompanies({
      ids: [keep, lose, alone, empty, '999999'],
      properties: ['name'],
      withContacts: true,
    })
    expect(read.missing).toEqual(['999999'])
    expect(read.mergedInto.get(lose)).toBe(survivor)
    expect(read.records.get(survivor)?.mergedObjectIds).toContain(lose)
    if (survivor !== keep) expect(read.mergedInto.get(keep)).toBe(survivor)
    expect([...(read.records.get(survivor)?.contactIds ?? [])].sort()).toEqual([c1, c2, c4].sort())
    expect(read.records.get(alone)?.contactIds).toEqual([c3])
    // Primary: the contacts whose primary company it is (c4's association is unlabeled).
    expect([...(read.records.get(survivor)?.primaryContactIds ?? [])].sort()).toEqual([c1, c2].sort())
    expect(read.records.get(alone)?.primaryContactIds).toEqual([c3])
    // Read, none: an empty list, not "not read".
    expect(read.records.get(empty)?.contactIds).toEqual([])
    expect(read.records.get(empty)?.primaryContactIds).toEqual([])
    expect(await admin.callsTo(READ)).toBe(1)
    expect(await admin.callsTo(ASSOCIATIONS_READ)).toBe(1)
    expect(hs.apiUsage().calls).toBeGreaterThanOrEqual(2)
  })

  it('archives in batch (1 call per 100) and then reports the ids as missing on read', async () => {
    const hs = connector()
    const created = await createCompanies(hs, 120, 'arch')
    await admin.resetCounters()
    await hs.archiveCompanies([...created.slice(0, 110), '999999'])
    expect(await admin.callsTo('POST /crm/v3/objects/:type/batch/archive')).toBe(2)
    const read = await hs.readCompanies({ ids: created.slice(100, 120), properties: [] })
    expect(read.missing).toEqual(created.slice(100, 110))
    expect([...read.records.keys()].sort()).toEqual(created.slice(110, 120).sort())
  })

  it('lists every live company id, 100 per list call, each call in the meter; archived ones are left out (B-BULK-1)', async () => {
    const hs = connector()
    const created = await createCompanies(hs, 250, 'list')
    await hs.archiveCompanies(created.slice(0, 5))
    await admin.resetCounters()
    const before = hs.apiUsage().calls
    const pages: (readonly string[])[] = []
    for await (const page of hs.listCompanyIds()) pages.push(page)
    expect(pages.map((page) => page.length)).toEqual([100, 100, 45])
    expect(pages.flat().sort()).toEqual(created.slice(5).sort())
    expect(await admin.callsTo('GET /crm/v3/objects/:type')).toBe(3)
    expect(hs.apiUsage().calls - before).toBe(3)
  })

  it('counts every company call in the meter, as for contacts: 250 upserts, reads, updates = 3 calls each', async () => {
    const hs = connector()
    const before = hs.apiUsage().calls
    const created = await createCompanies(hs, 250, 'm')
    await hs.readCompanies({ ids: created, properties: ['name'], withContacts: true })
    const updates = await hs.updateCompanies(created.map((id) => ({ id, properties: { description: 'x' } })))
    expect(updates.every((result) => result.outcome === 'written')).toBe(true)
    const counters = await admin.counters()
    expect(counters.endpoints[UPSERT]?.calls).toBe(3)
    expect(counters.endpoints[READ]?.calls).toBe(3)
    expect(counters.endpoints[ASSOCIATIONS_READ]?.calls).toBe(3)
    expect(counters.endpoints['POST /crm/v3/objects/:type/batch/update']?.calls).toBe(3)
    expect(hs.apiUsage().calls - before).toBe(counters.total)
    expect(counters.total).toBe(12)
  })
})

describe("HubSpot companies: a contact's primary company (v4 associations, type 1)", () => {
  /** The contact's associatedcompanyid, which HubSpot keeps in step with the primary company. */
  async function associatedCompanyOf(hs: Connector, contactId: string): Promise<string | null> {
    const read = await hs.readContacts({ ids: [contactId], properties: ['associatedcompanyid'] })
    const value = read.records.get(contactId)?.properties['associatedcompanyid']
    return typeof value === 'string' && value !== '' ? value : null
  }

  it('reads, sets, moves and removes the primary; the old company stays associated', async () => {
    const hs = connector()
    const [first = '', second = ''] = await createCompanies(hs, 2)
    const [contact = '', other = ''] = await createContacts(hs, 2)
    await linkUnlabeled(other, first)
    expect(await hs.readPrimaryCompanies([contact, other])).toEqual(
      new Map([
        [contact, null],
        [other, null],
      ]),
    )

    await admin.resetCounters()
    expect(await hs.setPrimaryCompanies([{ contactId: contact, companyId: first }])).toEqual([
      { outcome: 'written', contactId: contact },
    ])
    expect(await admin.callsTo(ASSOCIATIONS_CREATE)).toBe(1)
    expect((await hs.readPrimaryCompanies([contact])).get(contact)).toBe(first)
    expect(await associatedCompanyOf(hs, contact)).toBe(first)

    // A new primary: the label moves, the first company keeps the contact, unlabeled.
    await hs.setPrimaryCompanies([{ contactId: contact, companyId: second }])
    expect((await hs.readPrimaryCompanies([contact])).get(contact)).toBe(second)
    expect(await associatedCompanyOf(hs, contact)).toBe(second)
    let companies = await hs.readCompanies({ ids: [first, second], properties: [], withContacts: true })
    expect([...(companies.records.get(first)?.contactIds ?? [])].sort()).toEqual([contact, other].sort())
    expect(companies.records.get(second)?.contactIds).toEqual([contact])

    // Removing the primary: one read finds it, one labels archive drops type 1; the company stays linked.
    await admin.resetCounters()
    const removed = await hs.setPrimaryCompanies([
      { contactId: contact, companyId: null },
      { contactId: other, companyId: null },
    ])
    expect(removed).toEqual([
      { outcome: 'written', contactId: contact },
      { outcome: 'written', contactId: other },
    ])
    expect(await admin.callsTo(ASSOCIATIONS_READ)).toBe(1)
    expect(await admin.callsTo(LABELS_ARCHIVE)).toBe(1)
    expect((await hs.readPrimaryCompanies([contact])).get(contact)).toBeNull()
    expect(await associatedCompanyOf(hs, contact)).toBeNull()
    companies = await hs.readCompanies({ ids: [second], properties: [], withContacts: true })
    expect(companies.records.get(second)?.contactIds).toEqual([contact])

    // Nothing left to remove: no archive call, and still written.
    await admin.resetCounters()
    expect(await hs.setPrimaryCompanies([{ contactId: contact, companyId: null }])).toEqual([
      { outcome: 'written', contactId: contact },
    ])
    expect(await admin.callsTo(LABELS_ARCHIVE)).toBe(0)
  })

  it('gives per-pair results: a missing contact or company fails alone, typed, and the rest are written', async () => {
    const hs = connector()
    const [company = ''] = await createCompanies(hs, 1)
    const [c1 = '', c2 = ''] = await createContacts(hs, 2)
    await admin.resetCounters()
    const results = await hs.setPrimaryCompanies([
      { contactId: c1, companyId: company },
      { contactId: '999999', companyId: company },
      { contactId: c2, companyId: '888888' },
    ])
    expect(results[0]).toEqual({ outcome: 'written', contactId: c1 })
    expect(results[1]).toMatchObject({ outcome: 'failed', contactId: '999999', code: 'HS_NOT_FOUND' })
    expect(results[2]).toMatchObject({ outcome: 'failed', contactId: c2, code: 'HS_NOT_FOUND' })
    expect(await admin.callsTo(ASSOCIATIONS_CREATE)).toBe(1)
    const primaries = await hs.readPrimaryCompanies([c1, c2])
    expect(primaries).toEqual(
      new Map([
        [c1, company],
        [c2, null],
      ]),
    )
  })

  it('reads and sets 150 contacts in 2 calls each (100 per call), every one in the meter', async () => {
    const hs = connector()
    const [company = ''] = await createCompanies(hs, 1)
    const contacts = await createContacts(hs, 150)
    await admin.resetCounters()
    const before = hs.apiUsage().calls
    const results = await hs.setPrimaryCompanies(
      contacts.map((contactId) => ({ contactId, companyId: company })),
    )
    expect(results.every((result) => result.outcome === 'written')).toBe(true)
    const primaries = await hs.readPrimaryCompanies(contacts)
    expect([...primaries.values()].every((id) => id === company)).toBe(true)
    expect(await admin.callsTo(ASSOCIATIONS_CREATE)).toBe(2)
    expect(await admin.callsTo(ASSOCIATIONS_READ)).toBe(2)
    expect(hs.apiUsage().calls - before).toBe(4)
  })
})

describe('HubSpot companies: lists', () => {
  it('reads a company list (objectTypeId 0-2): MANUAL members and a DYNAMIC list by its filter (B-CMP-15)', async () => {
    const hs = connector()
    const [a = '', b = '', c = ''] = await createCompanies(hs, 3)
    await hs.updateCompanies([
      { id: a, properties: { lifecyclestage: 'customer' } },
      { id: c, properties: { lifecyclestage: 'customer' } },
    ])
    const manual = await api('POST', '/crm/v3/lists', {
      name: 'Accounts to sync',
      objectTypeId: '0-2',
      processingType: 'MANUAL',
    })
    const manualId = String((manual['list'] as Record<string, unknown>)['listId'])
    await api('PUT', `/crm/v3/lists/${manualId}/memberships/add`, [a, b])
    expect(await hs.readListMembers(manualId)).toEqual({
      name: 'Accounts to sync',
      processingType: 'MANUAL',
      members: new Set([a, b]),
      processing: false,
      objectTypeId: '0-2',
    })
    const dynamic = await api('POST', '/crm/v3/lists', {
      name: 'Customers',
      objectTypeId: '0-2',
      processingType: 'DYNAMIC',
      filterBranch: propertyFilterBranch('lifecyclestage', {
        operationType: 'ENUMERATION',
        operator: 'IS_ANY_OF',
        values: ['customer'],
        includeObjectsWithNoValueSet: false,
      }),
    })
    const dynamicId = String((dynamic['list'] as Record<string, unknown>)['listId'])
    const customers = await hs.readListMembers(dynamicId)
    expect(customers.members).toEqual(new Set([a, c]))
    expect(customers.processingType).toBe('DYNAMIC')
  })
})
