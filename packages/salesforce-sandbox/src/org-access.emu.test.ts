// The org's edition and kind (Organization), API access (Group Edition, a user without "API Enabled") and the
// integration user's object permissions (PermissionSet, PermissionSetAssignment, ObjectPermissions), as
// jsforce sees them (B-INST-1, B-INST-4, B-INST-9).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { failure, type Harness, startHarness } from './testing/harness.js'

type Row = Record<string, unknown>

const API_DISABLED = [
  { errorCode: 'API_DISABLED_FOR_ORG', message: 'API is not enabled for this Organization or Partner' },
]

describe('org edition, API access and object permissions', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())
  beforeEach(async () => {
    await h.admin('POST', '/reset', { kind: 'none' })
  })

  it('B-INST-1: the Organization row shows an Enterprise Edition production org by default', async () => {
    const rows = (
      await h.conn.query<Row>('SELECT Id, Name, OrganizationType, IsSandbox, InstanceName FROM Organization')
    ).records
    expect(rows).toHaveLength(1)
    const identity = await h.conn.identity()
    expect(rows[0]).toMatchObject({
      Id: identity.organization_id,
      OrganizationType: 'Enterprise Edition',
      IsSandbox: false,
    })
    expect(await h.admin('GET', '/org')).toEqual({ edition: 'Enterprise', isSandbox: false })
  })

  it('B-INST-9: a sandbox org says IsSandbox = true', async () => {
    await h.admin('PUT', '/org', { isSandbox: true, edition: 'Unlimited' })
    const row = (await h.conn.query<Row>('SELECT OrganizationType, IsSandbox FROM Organization')).records[0]
    expect(row).toMatchObject({ OrganizationType: 'Unlimited Edition', IsSandbox: true })
  })

  it('B-INST-1: Group Edition answers every REST call 403 API_DISABLED_FOR_ORG and counts none of them', async () => {
    await h.admin('PUT', '/org', { edition: 'Group' })
    const before = ((await h.admin('GET', '/counters')) as { apiUsage: { used: number } }).apiUsage.used
    for (const path of [
      '/services/data/v59.0/query?q=SELECT+Id+FROM+Organization',
      '/services/data/v59.0/sobjects/Lead/describe',
      '/services/data/v59.0/limits',
    ]) {
      const response = await h.fetch(path)
      expect(response.status).toBe(403)
      expect(await response.json()).toEqual(API_DISABLED)
    }
    const err = await failure(h.conn.query('SELECT Id FROM Lead'))
    expect(err.errorCode).toBe('API_DISABLED_FOR_ORG')
    const after = ((await h.admin('GET', '/counters')) as { apiUsage: { used: number } }).apiUsage.used
    expect(after).toBe(before)
    await h.admin('PUT', '/org', { edition: 'Professional' })
    expect((await h.conn.query<Row>('SELECT OrganizationType FROM Organization')).records[0]).toMatchObject({
      OrganizationType: 'Professional Edition',
    })
  })

  it('B-INST-1: Group Edition refuses the SOAP API too: a fault API_DISABLED_FOR_ORG for calls and for login', async () => {
    await h.admin('PUT', '/org', { edition: 'Group' })
    const post = (body: string) =>
      fetch(`${h.instanceUrl}/services/Soap/u/59.0`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml', SOAPAction: '""' },
        body: `<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/">${body}</se:Envelope>`,
      })
    const call = await post(
      `<se:Header><SessionHeader xmlns="urn:partner.soap.sforce.com"><sessionId>${h.accessToken}</sessionId></SessionHeader></se:Header>` +
        '<se:Body><getServerTimestamp xmlns="urn:partner.soap.sforce.com"/></se:Body>',
    )
    expect(call.status).toBe(500)
    expect(await call.text()).toContain(
      '<faultcode>sf:API_DISABLED_FOR_ORG</faultcode><faultstring>API_DISABLED_FOR_ORG: API is not enabled for this Organization or Partner</faultstring>',
    )
    const login = await post(
      '<se:Body><login xmlns="urn:partner.soap.sforce.com"><username>integration@acme-demo.com</username><password>x</password></login></se:Body>',
    )
    expect(login.status).toBe(500)
    const xml = await login.text()
    expect(xml).toContain('<faultcode>sf:API_DISABLED_FOR_ORG</faultcode>')
    expect(xml).toContain('sf:LoginFault')
  })

  it('B-INST-1: an integration user without "API Enabled" gets API_DISABLED_FOR_ORG; another user does not', async () => {
    await h.admin('PUT', '/user-permissions', { PermissionsApiEnabled: false })
    const response = await h.fetch('/services/data/v59.0/sobjects')
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual(API_DISABLED)
    const users = await h.admin('POST', '/tokens', { userId: '005000000000002AAA' })
    const other = h.connect((users as { accessToken: string }).accessToken)
    expect((await other.query('SELECT Id FROM Lead')).totalSize).toBe(0)
    await h.admin('PUT', '/user-permissions', { PermissionsApiEnabled: true })
    expect((await h.conn.query('SELECT Id FROM Lead')).totalSize).toBe(0)
  })

  it('B-INST-4: the profile permission set, its assignment and its object rows are readable with SOQL', async () => {
    const identity = await h.conn.identity()
    const assignments = (
      await h.conn.query<Row>(
        `SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = '${identity.user_id}'`,
      )
    ).records
    expect(assignments).toHaveLength(1)
    const setId = String(assignments[0]!['PermissionSetId'])
    const set = (
      await h.conn.query<Row>(
        `SELECT IsOwnedByProfile, PermissionsApiEnabled, PermissionsViewSetup, PermissionsModifyAllData FROM PermissionSet WHERE Id = '${setId}'`,
      )
    ).records[0]
    expect(set).toMatchObject({
      IsOwnedByProfile: true,
      PermissionsApiEnabled: true,
      PermissionsViewSetup: true,
      PermissionsModifyAllData: true,
    })
    await h.admin('PUT', '/user-permissions', { PermissionsViewSetup: false })
    const after = (
      await h.conn.query<Row>(`SELECT PermissionsViewSetup FROM PermissionSet WHERE Id = '${setId}'`)
    ).records[0]
    expect(after).toMatchObject({ PermissionsViewSetup: false })
    const objects = (
      await h.conn.query<Row>(
        `SELECT SobjectType, PermissionsRead, PermissionsEdit, PermissionsModifyAllRecords FROM ObjectPermissions WHERE ParentId = '${setId}' AND SobjectType IN ('Lead', 'Contact', 'Opportunity')`,
      )
    ).records
    expect(objects.map((r) => r['SobjectType']).sort()).toEqual(['Contact', 'Lead', 'Opportunity'])
    for (const row of objects)
      expect(row).toMatchObject({
        PermissionsRead: true,
        PermissionsEdit: true,
        PermissionsModifyAllRecords: true,
      })
  })

  it('B-INST-4: without Edit on Opportunity a write fails per record with INSUFFICIENT_ACCESS_OR_READONLY; Contact writes go on', async () => {
    const account = await h.conn.sobject('Account').create({ Name: 'Acme' })
    const opp = await h.conn.sobject('Opportunity').create({
      Name: 'Deal',
      StageName: 'Prospecting',
      CloseDate: '2026-03-01',
      AccountId: account.id,
    })
    const contact = await h.conn.sobject('Contact').create({ LastName: 'Doe' })
    const changed = await h.admin('PUT', '/object-permissions', { Opportunity: { PermissionsEdit: false } })
    // Edit gone takes Delete and Modify All with it; Read and Create stay.
    expect((changed as Record<string, Row>)['Opportunity']).toEqual({
      PermissionsRead: true,
      PermissionsCreate: true,
      PermissionsEdit: false,
      PermissionsDelete: false,
      PermissionsViewAllRecords: true,
      PermissionsModifyAllRecords: false,
    })
    const oppUpdate = await failure(h.conn.sobject('Opportunity').update({ Id: opp.id!, Amount: 10 }))
    expect(oppUpdate.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY')
    const results = await h.conn.request<{ success: boolean; errors: { statusCode: string }[] }[]>({
      method: 'PATCH',
      url: '/services/data/v59.0/composite/sobjects',
      body: JSON.stringify({
        allOrNone: false,
        records: [
          { attributes: { type: 'Opportunity' }, Id: opp.id, Amount: 20 },
          { attributes: { type: 'Contact' }, Id: contact.id, Title: 'CEO' },
        ],
      }),
      headers: { 'Content-Type': 'application/json' },
    })
    expect(results[0]).toMatchObject({
      success: false,
      errors: [{ statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY' }],
    })
    expect(results[1]).toMatchObject({ success: true })
    const read = (await h.conn.query<Row>(`SELECT Amount FROM Opportunity WHERE Id = '${opp.id!}'`))
      .records[0]
    expect(read?.['Amount']).toBeNull()
    expect((await h.conn.sobject('Contact').retrieve(contact.id!))['Title']).toBe('CEO')
    const describe = await h.conn.sobject('Opportunity').describe()
    expect(describe).toMatchObject({ createable: true, updateable: false, deletable: false })
  })

  it('B-INST-4: without Read the object does not exist for the user: INVALID_TYPE, 404, not listed, no row', async () => {
    await h.admin('PUT', '/object-permissions', { Lead: { PermissionsRead: false } })
    const query = await failure(h.conn.query('SELECT Id FROM Lead'))
    expect(query.errorCode).toBe('INVALID_TYPE')
    expect(query.message).toContain("sObject type 'Lead' is not supported")
    expect((await h.fetch('/services/data/v59.0/sobjects/Lead/describe')).status).toBe(404)
    const global = await h.conn.describeGlobal()
    expect(global.sobjects.map((s) => s.name)).not.toContain('Lead')
    expect(global.sobjects.map((s) => s.name)).toContain('Contact')
    const rows = (await h.conn.query<Row>("SELECT Id FROM ObjectPermissions WHERE SobjectType = 'Lead'"))
      .records
    expect(rows).toHaveLength(0)
    const create = await failure(h.conn.sobject('Lead').create({ LastName: 'X', Company: 'Y' }))
    expect(create.errorCode).toBe('NOT_FOUND')
    await h.admin('PUT', '/object-permissions', { Lead: { PermissionsModifyAllRecords: true } })
    expect((await h.conn.query('SELECT Id FROM Lead')).totalSize).toBe(0)
  })

  it('unknown settings are refused and change nothing', async () => {
    await expect(h.admin('PUT', '/org', { edition: 'Galactic' })).rejects.toThrow(
      /400.*edition must be one of/,
    )
    await expect(h.admin('PUT', '/object-permissions', { Lead: { PermissionsFly: true } })).rejects.toThrow(
      /400.*unknown object permission PermissionsFly/,
    )
    await expect(h.admin('PUT', '/object-permissions', { Nope: { PermissionsRead: true } })).rejects.toThrow(
      /400.*unknown object Nope/,
    )
    expect(await h.admin('GET', '/org')).toEqual({ edition: 'Enterprise', isSandbox: false })
  })
})

describe('start options', () => {
  it('B-INST-1: edition, isSandbox, userPermissions and objectPermissions at start, kept by a reset', async () => {
    const h = await startHarness({
      edition: 'Developer',
      isSandbox: true,
      objectPermissions: { Task: { PermissionsCreate: false } },
    })
    try {
      await h.admin('POST', '/reset', { kind: 'none' })
      const row = (await h.conn.query<Row>('SELECT OrganizationType, IsSandbox FROM Organization')).records[0]
      expect(row).toMatchObject({ OrganizationType: 'Developer Edition', IsSandbox: true })
      const task = await failure(h.conn.sobject('Task').create({ Subject: 'Call' }))
      expect(task.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY')
    } finally {
      await h.close()
    }
    const group = await startHarness({ edition: 'Group' })
    try {
      expect((await failure(group.conn.query('SELECT Id FROM Lead'))).errorCode).toBe('API_DISABLED_FOR_ORG')
    } finally {
      await group.close()
    }
  })
})

describe('changing the integration user', () => {
  it('B-INST-8: another user takes the profile set; its token is checked against it, the old one no longer is', async () => {
    const h = await startHarness()
    try {
      const avery = (
        await h.conn.query<Row>("SELECT Id FROM User WHERE Email = 'avery.lindqvist@acme-demo.com'")
      ).records[0]!['Id'] as string
      const answer = (await h.admin('PUT', '/integration-user', { userId: avery })) as {
        userId: string
        accessToken: string
      }
      expect(answer.userId).toBe(avery)
      await h.admin('PUT', '/object-permissions', { Lead: { PermissionsRead: false } })
      const newUser = h.connect(answer.accessToken)
      expect((await failure(newUser.query('SELECT Id FROM Lead'))).errorCode).toBe('INVALID_TYPE')
      expect((await h.conn.query('SELECT Id FROM Lead')).totalSize).toBe(0)
      const assigned = await newUser.query<Row>(
        `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${avery}'`,
      )
      expect(assigned.totalSize).toBe(1)
      await expect(h.admin('PUT', '/integration-user', { userId: '005000000000999AAA' })).rejects.toThrow(
        /400.*no User/,
      )
    } finally {
      await h.close()
    }
  })
})
