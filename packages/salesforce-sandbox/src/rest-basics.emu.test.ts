import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { failure, type Harness, startHarness } from './testing/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

describe('OAuth, versions and limits', () => {
  it('issues tokens with client credentials and password flows, with an id URL ending in org/user', async () => {
    const { Connection } = (await import('jsforce')).default
    const conn = new Connection({
      version: '59.0',
      oauth2: { loginUrl: h.instanceUrl, clientId: 'cid', clientSecret: 'secret' },
    })
    await conn.authorize({ grant_type: 'client_credentials' })
    expect(conn.instanceUrl).toBe(h.instanceUrl)
    expect(conn.accessToken).toMatch(/^00D\w+!AQ/)
    const identity = await conn.query<{ Email: string }>(
      "SELECT Email FROM User WHERE Id = '" + conn.userInfo!.id + "'",
    )
    expect(identity.records[0]!.Email).toBe('integration@acme-demo.com')

    const byPassword = new Connection({
      version: '59.0',
      oauth2: { loginUrl: h.instanceUrl, clientId: 'cid', clientSecret: 'secret' },
    })
    const info = await byPassword.login('avery.lindqvist@acme-demo.com', 'pw')
    const me = await byPassword.query<{ Name: string }>(`SELECT Name FROM User WHERE Id = '${info.id}'`)
    expect(me.records[0]!.Name).toBe('Avery Lindqvist')
  })

  it('rejects unknown users and inactive users with invalid_grant', async () => {
    const { Connection } = (await import('jsforce')).default
    const conn = new Connection({
      version: '59.0',
      oauth2: { loginUrl: h.instanceUrl, clientId: 'cid', clientSecret: 'secret' },
    })
    const err = await failure(conn.login('gustav.reyes@acme-demo.com', 'pw'))
    expect(err.name).toBe('invalid_grant')
  })

  it('expires OAuth tokens after the configured lifetime on the sandbox clock', async () => {
    const { Connection } = (await import('jsforce')).default
    const conn = new Connection({
      version: '59.0',
      oauth2: { loginUrl: h.instanceUrl, clientId: 'cid', clientSecret: 'secret' },
    })
    await conn.authorize({ grant_type: 'client_credentials' })
    await conn.query('SELECT Id FROM User LIMIT 1')
    await h.admin('POST', '/clock', { advanceSeconds: 7201 })
    // A plain token connection: with oauth2 settings jsforce would try a refresh instead of throwing.
    const err = await failure(h.connect(conn.accessToken!).query('SELECT Id FROM User LIMIT 1'))
    expect(err.name).toBe('INVALID_SESSION_ID')
  })

  it('lists versions and resources, and reports limits and Sforce-Limit-Info usage', async () => {
    const versions = await h.conn.request<{ version: string; url: string }[]>('/services/data/')
    expect(versions.map((v) => v.version)).toContain('59.0')
    const resources = await h.conn.request<Record<string, string>>('/services/data/v59.0/')
    expect(resources['query']).toBe('/services/data/v59.0/query')
    const limits = await h.conn.limits()
    expect(limits['DailyApiRequests']?.Max).toBe(5_000_000)
    expect(h.conn.limitInfo.apiUsage?.limit).toBe(5_000_000)
    const before = h.conn.limitInfo.apiUsage!.used
    await h.conn.query('SELECT Id FROM User')
    expect(h.conn.limitInfo.apiUsage!.used).toBe(before + 1)
  })

  it('sends a Date header and a SOAP server timestamp from the sandbox clock (API 8.11)', async () => {
    await h.admin('POST', '/clock', { advanceSeconds: 86_400 * 3 })
    const { now } = (await h.admin('GET', '/clock')) as { now: string }
    const transport = (
      h.conn as unknown as {
        _transport: { httpRequest(req: object): Promise<{ headers: Record<string, string> }> }
      }
    )._transport
    const res = await transport.httpRequest({
      method: 'GET',
      url: `${h.instanceUrl}/services/data/v59.0/limits`,
      headers: { Authorization: `Bearer ${h.accessToken}` },
    })
    expect(Math.abs(Date.parse(res.headers['date']!) - Date.parse(now))).toBeLessThan(5000)
    const { timestamp } = await h.conn.soap.getServerTimestamp()
    expect(Math.abs(Date.parse(timestamp) - Date.parse(now))).toBeLessThan(5000)
  })

  it('answers an unknown token with 401 INVALID_SESSION_ID', async () => {
    const err = await failure(h.connect('00Dbogus!AQnope').query('SELECT Id FROM Lead'))
    expect(err.name).toBe('INVALID_SESSION_ID')
  })
})

describe('describe', () => {
  it('describes every object the sync needs, with key prefixes', async () => {
    const global = await h.conn.describeGlobal()
    const byName = new Map(global.sobjects.map((s) => [s.name, s]))
    for (const [name, prefix] of [
      ['Lead', '00Q'],
      ['Contact', '003'],
      ['Account', '001'],
      ['Opportunity', '006'],
      ['User', '005'],
      ['Group', '00G'],
      ['Task', '00T'],
      ['RecordType', '012'],
    ]) {
      expect(byName.get(name!)?.keyPrefix).toBe(prefix)
    }
    expect(
      byName.has('OpportunityContactRole') && byName.has('OpportunityStage') && byName.has('LeadStatus'),
    ).toBe(true)
  })

  it('reports field metadata: required, lengths, restricted picklists, references and external ids', async () => {
    const lead = await h.conn.sobject('Lead').describe()
    const f = (name: string) => lead.fields.find((x) => x.name === name)!
    expect(f('LastName')).toMatchObject({ type: 'string', length: 80, nillable: false, createable: true })
    expect(f('Email')).toMatchObject({ type: 'email', length: 80, nillable: true })
    expect(f('Status')).toMatchObject({ type: 'picklist', restrictedPicklist: true })
    const statuses = (f('Status').picklistValues ?? []) as { value: string; defaultValue: boolean }[]
    expect(statuses.map((p) => p.value)).toContain('Closed - Converted')
    expect(statuses.find((p) => p.defaultValue)?.value).toBe('Open - Not Contacted')
    expect(f('OwnerId')).toMatchObject({
      type: 'reference',
      referenceTo: ['Group', 'User'],
      relationshipName: 'Owner',
    })
    expect(f('HubSpot_Id__c')).toMatchObject({
      custom: true,
      externalId: true,
      unique: true,
      idLookup: true,
      type: 'string',
    })
    const opportunity = await h.conn.sobject('Opportunity').describe()
    expect(opportunity.recordTypeInfos.map((r) => r.name)).toEqual(['New Business', 'Renewal', 'Master'])
    expect(opportunity.childRelationships.map((r) => r.relationshipName)).toContain('OpportunityContactRoles')
  })

  it('answers an unknown object with 404 NOT_FOUND', async () => {
    const err = await failure(h.conn.sobject('Nope__c').describe())
    expect(err.name).toBe('NOT_FOUND')
  })
})
