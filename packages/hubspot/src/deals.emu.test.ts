import type { HubSpotCaptureCursor, HubSpotWriteResult } from '@crmsync/core'
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
  await admin.knobs({ searchLagMs: 0 })
  await admin.thaw()
})

const connector = () =>
  createHubSpotConnector({
    accessToken: sandbox.accessToken,
    basePath: sandbox.basePath,
    searchMinIntervalMs: 0,
  })
type Connector = ReturnType<typeof connector>

function idOf(result: HubSpotWriteResult | undefined): string {
  if (result?.outcome !== 'written') throw new Error(`expected a write, got ${JSON.stringify(result)}`)
  return result.id
}

async function caughtUp(hs: Connector): Promise<HubSpotCaptureCursor> {
  let result = await hs.captureDeals({ cursor: undefined })
  while (result.more) result = await hs.captureDeals({ cursor: result.cursor })
  return result.cursor
}

const STAGES = [
  { label: 'Prospecting', displayOrder: 0, probability: '0.1', isClosed: false },
  { label: 'Closed Won', displayOrder: 1, probability: '1.0', isClosed: true },
]

describe('HubSpot deals: pipelines (api-surface 3.7, B-DEAL-2/20)', () => {
  it('creates a pipeline with its stages, reads it back with the seeded one, and adds a stage', async () => {
    const hs = connector()
    const created = await hs.createDealPipeline({
      label: 'Salesforce - New Business',
      displayOrder: 5,
      stages: STAGES,
    })
    expect(created.stages.map((s) => [s.label, s.probability, s.isClosed])).toEqual([
      ['Prospecting', '0.1', false],
      ['Closed Won', '1.0', true],
    ])
    const pipelines = await hs.readDealPipelines()
    expect(pipelines.map((p) => p.label)).toEqual(['Sales Pipeline', 'Salesforce - New Business'])
    const after = await hs.addDealStages(created.id, [
      { label: 'Negotiation', displayOrder: 2, probability: '0.8', isClosed: false },
    ])
    expect(after.stages.map((s) => s.label)).toEqual(['Prospecting', 'Closed Won', 'Negotiation'])
  })
})

describe('HubSpot deals: writes, capture and reads', () => {
  it('upserts on the Opportunity id (a replay finds the same deal), captures an edit, reads associations', async () => {
    const hs = connector()
    const pipeline = await hs.createDealPipeline({
      label: 'Salesforce - Standard pipeline',
      displayOrder: 1,
      stages: STAGES,
    })
    const stage = pipeline.stages[0]?.id ?? ''
    const cursor = await caughtUp(hs)
    const input = {
      salesforceId: '006000000000001AAA',
      properties: { dealname: 'Acme renewal', amount: '100', pipeline: pipeline.id, dealstage: stage },
    }
    const id = idOf((await hs.upsertDeals([input]))[0])
    expect(idOf((await hs.upsertDeals([input]))[0])).toBe(id)
    const captured = await hs.captureDeals({ cursor, properties: ['dealname', 'amount'] })
    expect(captured.records.map((r) => [r.id, r.properties['dealname'], r.properties['pipeline']])).toEqual([
      [id, 'Acme renewal', pipeline.id],
    ])
    await hs.updateDeals([{ id, properties: { amount: '250' } }])
    const next = await hs.captureDeals({ cursor: captured.cursor, properties: ['amount'] })
    expect(next.records.map((r) => r.properties['amount'])).toEqual(['250'])

    const contacts = (
      await hs.upsertContacts([
        { salesforceId: '003000000000001AAA', properties: { email: 'k1@example.com' } },
        { salesforceId: '003000000000002AAA', properties: { email: 'k2@example.com' } },
      ])
    ).map(idOf)
    const companies = (
      await hs.upsertCompanies([
        { salesforceId: '001000000000001AAA', properties: { name: 'Acme' } },
        { salesforceId: '001000000000002AAA', properties: { name: 'Beta' } },
      ])
    ).map(idOf)
    const added = await hs.changeDealContacts(
      contacts.map((contactId) => ({ dealId: id, contactId, op: 'add' })),
    )
    expect(added.map((r) => r.outcome)).toEqual(['written', 'written'])
    expect(await hs.setDealCompanies([{ dealId: id, companyId: companies[0] ?? '' }])).toEqual([
      { outcome: 'written', dealId: id, toId: companies[0] },
    ])
    let read = await hs.readDeals({
      ids: [id],
      properties: ['dealname', 'salesforceopportunityid'],
      withAssociations: true,
    })
    let deal = read.records.get(id)
    expect(deal?.properties['salesforceopportunityid']).toBe('006000000000001AAA')
    expect([...(deal?.contactIds ?? [])].sort()).toEqual([...contacts].sort())
    expect(deal?.primaryCompanyId).toBe(companies[0])

    // A new primary company moves the label; a removed contact is gone.
    await hs.setDealCompanies([{ dealId: id, companyId: companies[1] ?? '' }])
    await hs.changeDealContacts([{ dealId: id, contactId: contacts[0] ?? '', op: 'remove' }])
    read = await hs.readDeals({ ids: [id], properties: [], withAssociations: true })
    deal = read.records.get(id)
    expect(deal?.contactIds).toEqual([contacts[1]])
    expect(deal?.primaryCompanyId).toBe(companies[1])
  })

  it('fails only the bad pair of an association batch, lists and archives deals', async () => {
    const hs = connector()
    const pipeline = (await hs.readDealPipelines())[0]
    const ids = (
      await hs.upsertDeals(
        ['1', '2'].map((n) => ({
          salesforceId: `00600000000000${n}AAA`,
          properties: {
            dealname: `D${n}`,
            pipeline: pipeline?.id ?? '',
            dealstage: pipeline?.stages[0]?.id ?? '',
          },
        })),
      )
    ).map(idOf)
    const [contact = ''] = (
      await hs.upsertContacts([
        { salesforceId: '003000000000009AAA', properties: { email: 'x@example.com' } },
      ])
    ).map(idOf)
    const results = await hs.changeDealContacts([
      { dealId: ids[0] ?? '', contactId: contact, op: 'add' },
      { dealId: ids[1] ?? '', contactId: '999999999', op: 'add' },
    ])
    expect(results.map((r) => [r.toId, r.outcome])).toEqual([
      [contact, 'written'],
      ['999999999', 'failed'],
    ])
    const listed: string[] = []
    for await (const page of hs.listDealIds()) listed.push(...page)
    expect(listed.sort()).toEqual([...ids].sort())
    await hs.archiveDeals([ids[0] ?? ''])
    const read = await hs.readDeals({ ids, properties: [] })
    expect(read.missing).toEqual([ids[0]])
  })
})
