// Emulator checks of readOrganization and readObjectPermissions (B-INST-1, B-INST-4, B-INST-9): the org's
// Organization row and the integration user's ObjectPermissions through the connector, with the sandbox's
// admin routes changing them as an admin would in Setup.
import type { SalesforceObjectPermissions } from '@crmsync/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from './testing/sandbox-harness.js'

const FULL: SalesforceObjectPermissions = {
  read: true,
  create: true,
  edit: true,
  delete: true,
  viewAll: true,
  modifyAll: true,
}

describe('org and object permissions through the connector', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())
  beforeEach(async () => {
    await h.admin('POST', '/reset', { kind: 'none' })
    await h.admin('DELETE', '/counters')
  })

  it('B-INST-1: reads the edition and production flag in one query', async () => {
    const org = await h.connector.readOrganization()
    expect(org).toMatchObject({ organizationType: 'Enterprise Edition', isSandbox: false })
    expect(await h.counters()).toEqual({ 'GET /services/data/:version/query': 1 })
    expect(org.id).toBe((await h.connector.identity()).orgId)
  })

  it('B-INST-9: a sandbox org reads isSandbox true', async () => {
    await h.admin('PUT', '/org', { isSandbox: true })
    expect((await h.connector.readOrganization()).isSandbox).toBe(true)
  })

  it('B-INST-1: Group Edition: the read fails with SF_API_DISABLED', async () => {
    await h.admin('PUT', '/org', { edition: 'Group' })
    await expect(h.connector.readOrganization()).rejects.toMatchObject({ code: 'SF_API_DISABLED' })
  })

  it('B-INST-4: full access on every object by default, in two queries after the identity', async () => {
    await h.connector.identity()
    await h.admin('DELETE', '/counters')
    const permissions = await h.connector.readObjectPermissions(['Lead', 'Contact', 'Opportunity'])
    expect(Object.fromEntries(permissions)).toEqual({ Lead: FULL, Contact: FULL, Opportunity: FULL })
    expect(await h.counters()).toEqual({ 'GET /services/data/:version/query': 2 })
  })

  it('B-INST-4: a revoked Edit and a revoked Read show; an object without a row has nothing', async () => {
    await h.admin('PUT', '/object-permissions', {
      Opportunity: { PermissionsEdit: false },
      Lead: { PermissionsRead: false },
    })
    const permissions = await h.connector.readObjectPermissions(['Lead', 'Contact', 'Opportunity'])
    expect(permissions.get('Opportunity')).toEqual({
      ...FULL,
      edit: false,
      delete: false,
      modifyAll: false,
    })
    expect(permissions.get('Lead')).toEqual({
      read: false,
      create: false,
      edit: false,
      delete: false,
      viewAll: false,
      modifyAll: false,
    })
    expect(permissions.get('Contact')).toEqual(FULL)
  })

  it('doctor --fix: createExternalIdField makes a unique, case-insensitive external-id text field, seen by the next describe', async () => {
    expect((await h.connector.describe('Lead')).fields.has('Crm_Key__c')).toBe(false)
    await h.connector.createExternalIdField('Lead', 'Crm_Key__c')
    const field = (await h.connector.describe('Lead')).fields.get('Crm_Key__c')
    expect(field).toMatchObject({ externalId: true, unique: true, type: 'string', length: 255 })
  })
})
