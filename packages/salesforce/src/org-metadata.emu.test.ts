import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { connectSalesforce } from './client.js'
import { createSalesforceConnector } from './salesforce-connector.js'
import { type Harness, startHarness } from './testing/sandbox-harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

describe('owners (B-OWN-1, B-OWN-3)', () => {
  it('lists users with active flag, names and emails, and the lead queue', async () => {
    const users = await h.connector.listUsers()
    expect(users.find((u) => u.lastName === 'Reyes')).toMatchObject({
      kind: 'user',
      firstName: 'Gustav',
      email: 'gustav.reyes@acme-demo.com',
      isActive: false,
    })
    expect(users.filter((u) => u.isActive).length).toBeGreaterThan(1)
    expect(await h.connector.listQueues()).toEqual([
      expect.objectContaining({ name: 'Inbound Leads Queue', developerName: 'Inbound_Leads_Queue' }),
    ])
  })
})

describe('identity and describe', () => {
  it('identity is the org and the integration user, read once', async () => {
    const first = await h.connector.identity()
    const calls = h.connector.apiUsage().byOperation['identity']
    expect(first).toEqual({ orgId: h.org.orgId, userId: h.org.integrationUserId })
    expect(await h.connector.identity()).toEqual(first)
    expect(h.connector.apiUsage().byOperation['identity']).toBe(calls)
  })

  it('describe is cached per type and carries types, lengths and picklists', async () => {
    const before = h.connector.apiUsage().byOperation['describe'] ?? 0
    const lead = await h.connector.describe('Lead')
    await h.connector.describe('Lead')
    expect((h.connector.apiUsage().byOperation['describe'] ?? 0) - before).toBe(1)
    expect(lead.fields.get('Email')).toMatchObject({ type: 'email' })
    expect(lead.fields.get('LastName')).toMatchObject({ requiredOnCreate: true })
    expect(lead.fields.get('LeadSource')?.picklistValues).toContain('Web')
    expect(lead.fields.get('HubSpot_Id__c')).toMatchObject({ externalId: true, unique: true })
  })
})

describe('api meter (design.md 3.6, B-API-6)', () => {
  it('reads the org usage from Sforce-Limit-Info and the server time from Date', async () => {
    await h.admin('PUT', '/limits', { apiUsed: 900, apiMax: 1000 })
    await h.connector.listQueues()
    const usage = h.connector.apiUsage()
    expect(usage.orgUsage).toEqual({ used: 901, max: 1000 })
    expect(usage.serverTime).toBe(Math.floor(h.clock.now() / 1000) * 1000)
    expect(usage.calls).toBe(Object.values(usage.byOperation).reduce((a, b) => a + b, 0))
    await h.admin('PUT', '/limits', { apiUsed: 0, apiMax: 5_000_000 })
  })
})

describe('doctor', () => {
  it('reports a missing external-id field with what to create', async () => {
    const connector = createSalesforceConnector({
      connection: h.connection,
      externalIdField: 'Missing_Id__c',
    })
    const failed = (await connector.doctor()).filter((c) => !c.ok)
    expect(failed.map((c) => c.name)).toEqual([
      'Lead: external-id field Missing_Id__c',
      'Contact: external-id field Missing_Id__c',
    ])
    expect(failed[0]?.fix).toMatch(
      /Create a Text\(255\) field Missing_Id__c on Lead, marked External ID and Unique/,
    )
  })
})

describe('client credentials (api-surface 4.1)', () => {
  it('authorizes, and when the token expires jsforce refreshes it and the call succeeds', async () => {
    const connection = await connectSalesforce({
      kind: 'client-credentials',
      loginUrl: h.sandbox.instanceUrl,
      clientId: 'crmsync-test',
      clientSecret: 'secret',
    })
    const connector = createSalesforceConnector({ connection })
    const firstToken = connection.accessToken
    expect((await connector.listQueues()).length).toBe(1)
    h.clock.advance(7_201_000) // past the sandbox's default token lifetime
    expect((await connector.listQueues()).length).toBe(1)
    expect(connection.accessToken).not.toBe(firstToken)
    // The 401 and the re-sent query are both calls.
    expect(connector.apiUsage().byOperation['query']).toBe(3)
  })
})
