// Emulator checks of readUserPermissions (B-INST-5): the integration user's UserPermissionAccess row through
// the connector, with the sandbox's admin route revoking permissions as an admin would in Setup.
import type { SalesforceUserPermissions } from '@crmsync/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from './testing/sandbox-harness.js'

const ALL_GRANTED: SalesforceUserPermissions = {
  modifyAllData: true,
  modifyMetadata: true,
  apiEnabled: true,
  viewSetup: true,
}

/**
 * Each result key with the Salesforce field the sandbox's admin route revokes. Not apiEnabled: without it
 * no call is answered at all (below).
 */
const FIELD_OF: [keyof SalesforceUserPermissions, string][] = [
  ['modifyAllData', 'PermissionsModifyAllData'],
  ['modifyMetadata', 'PermissionsModifyMetadata'],
  ['viewSetup', 'PermissionsViewSetup'],
]

describe('readUserPermissions through the connector', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())
  beforeEach(async () => {
    await h.admin('POST', '/reset', { kind: 'none' })
    await h.admin('DELETE', '/counters')
  })

  it('B-INST-5: an integration user with every permission reads all granted, in one query', async () => {
    expect(await h.connector.readUserPermissions()).toEqual(ALL_GRANTED)
    expect(await h.counters()).toEqual({ 'GET /services/data/:version/query': 1 })
  })

  it('B-INST-5: a user with neither Modify All Data nor Modify Metadata reads both missing', async () => {
    await h.admin('PUT', '/user-permissions', {
      PermissionsModifyAllData: false,
      PermissionsModifyMetadata: false,
    })
    expect(await h.connector.readUserPermissions()).toEqual({
      modifyAllData: false,
      modifyMetadata: false,
      apiEnabled: true,
      viewSetup: true,
    })
  })

  it.each(FIELD_OF)('B-INST-5: revoking only %s (%s) shows in that key alone', async (key, field) => {
    await h.admin('PUT', '/user-permissions', { [field]: false })
    expect(await h.connector.readUserPermissions()).toEqual({ ...ALL_GRANTED, [key]: false })
  })

  it('B-INST-1: without API Enabled the read itself is refused (SF_API_DISABLED), as Salesforce refuses every call', async () => {
    await h.admin('PUT', '/user-permissions', { PermissionsApiEnabled: false })
    await expect(h.connector.readUserPermissions()).rejects.toMatchObject({ code: 'SF_API_DISABLED' })
  })

  it('B-INST-5: every call reads the org afresh, so a permission granted again is seen at once', async () => {
    await h.admin('PUT', '/user-permissions', { PermissionsModifyAllData: false })
    expect((await h.connector.readUserPermissions()).modifyAllData).toBe(false)
    await h.admin('PUT', '/user-permissions', { PermissionsModifyAllData: true })
    expect((await h.connector.readUserPermissions()).modifyAllData).toBe(true)
  })
})
