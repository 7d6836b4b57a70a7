// UserPermissionAccess (B-INST-5): the integration user's effective permissions, one read-only row that
// describe and SOQL show as Salesforce does, changed only through the admin API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { ControllableClock } from './clock.js'
import { failure, type Harness, startHarness } from './testing/harness.js'

type Field = { name: string; type: string; label: string; createable: boolean; updateable: boolean }
type Row = Record<string, unknown>

const CHECKED = [
  'PermissionsModifyAllData',
  'PermissionsModifyMetadata',
  'PermissionsApiEnabled',
  'PermissionsViewSetup',
]
const SELECT = `SELECT ${CHECKED.join(', ')}, LastCacheUpdate FROM UserPermissionAccess`

describe('UserPermissionAccess', () => {
  let h: Harness
  const clock = new ControllableClock(Date.UTC(2026, 0, 5, 9, 0, 0))
  beforeAll(async () => {
    h = await startHarness({ clock })
  })
  afterAll(() => h.close())
  beforeEach(async () => {
    await h.admin('POST', '/reset', { kind: 'none' })
  })

  it('B-INST-5: describe shows a read-only object with boolean permission fields under their Setup labels', async () => {
    const description = await h.conn.sobject('UserPermissionAccess').describe()
    expect(description).toMatchObject({
      createable: false,
      updateable: false,
      deletable: false,
      queryable: true,
    })
    const fields = description.fields as unknown as Field[]
    const byName = new Map(fields.map((f) => [f.name, f]))
    expect(byName.get('PermissionsModifyAllData')).toMatchObject({
      type: 'boolean',
      label: 'Modify All Data',
      createable: false,
      updateable: false,
    })
    expect(byName.get('PermissionsModifyMetadata')?.label).toBe(
      'Modify Metadata Through Metadata API Functions',
    )
    expect(byName.get('PermissionsApiEnabled')?.label).toBe('API Enabled')
    expect(byName.get('PermissionsViewSetup')?.label).toBe('View Setup and Configuration')
    expect(byName.get('LastCacheUpdate')?.type).toBe('datetime')
    const global = await h.conn.describeGlobal()
    expect(global.sobjects.map((s) => s.name)).toContain('UserPermissionAccess')
  })

  it('B-INST-5: one row, every permission granted by default', async () => {
    const result = await h.conn.query<Row>(SELECT)
    expect(result.totalSize).toBe(1)
    const row = result.records[0]!
    for (const name of CHECKED) expect(row[name]).toBe(true)
    expect(row['LastCacheUpdate']).toBe('2026-01-05T09:00:00.000+0000')
    expect(await h.admin('GET', '/user-permissions')).toMatchObject(
      Object.fromEntries(CHECKED.map((name) => [name, true])),
    )
  })

  it('B-INST-5: the admin route revokes permissions; SOQL, WHERE and GET see it, and LastCacheUpdate moves', async () => {
    clock.advance(60_000)
    const changed = await h.admin('PUT', '/user-permissions', {
      PermissionsModifyAllData: false,
      PermissionsModifyMetadata: false,
    })
    expect(changed).toMatchObject({
      PermissionsModifyAllData: false,
      PermissionsModifyMetadata: false,
      PermissionsApiEnabled: true,
      PermissionsViewSetup: true,
    })
    const row = (await h.conn.query<Row>(SELECT)).records[0]!
    expect(row).toMatchObject({
      PermissionsModifyAllData: false,
      PermissionsModifyMetadata: false,
      PermissionsApiEnabled: true,
      PermissionsViewSetup: true,
      LastCacheUpdate: '2026-01-05T09:01:00.000+0000',
    })
    const filtered = await h.conn.query(
      'SELECT Id FROM UserPermissionAccess WHERE PermissionsModifyAllData = true',
    )
    expect(filtered.totalSize).toBe(0)
    expect(await h.admin('GET', '/user-permissions')).toMatchObject({ PermissionsModifyAllData: false })

    await h.admin('PUT', '/user-permissions', { PermissionsModifyMetadata: true })
    const again = (await h.conn.query<Row>(SELECT)).records[0]!
    expect(again).toMatchObject({ PermissionsModifyAllData: false, PermissionsModifyMetadata: true })
  })

  it('B-INST-5: an unknown permission or a non-boolean is refused and changes nothing', async () => {
    await expect(
      h.admin('PUT', '/user-permissions', { PermissionsModifyAllData: false, PermissionsFlyToMars: true }),
    ).rejects.toThrow(/400.*unknown permission PermissionsFlyToMars/)
    await expect(h.admin('PUT', '/user-permissions', { PermissionsViewSetup: 'no' })).rejects.toThrow(
      /400.*PermissionsViewSetup must be true or false/,
    )
    expect(await h.admin('GET', '/user-permissions')).toMatchObject({
      PermissionsModifyAllData: true,
      PermissionsViewSetup: true,
    })
  })

  it('B-INST-5: reset grants every permission again', async () => {
    await h.admin('PUT', '/user-permissions', { PermissionsModifyAllData: false })
    await h.admin('POST', '/reset', { kind: 'none' })
    expect((await h.conn.query<Row>(SELECT)).records[0]!['PermissionsModifyAllData']).toBe(true)
  })

  it('B-INST-5: the API cannot create, update or delete the row', async () => {
    const row = (await h.conn.query<Row>('SELECT Id FROM UserPermissionAccess')).records[0]!
    const id = String(row['Id'])
    const sobject = h.conn.sobject('UserPermissionAccess')
    const refusals = [
      await failure(sobject.create({ PermissionsModifyAllData: true })),
      await failure(sobject.update({ Id: id, PermissionsModifyAllData: false })),
      await failure(sobject.destroy(id)),
    ]
    expect(refusals.map((err) => err.errorCode)).toEqual([
      'INVALID_TYPE_FOR_OPERATION',
      'INVALID_TYPE_FOR_OPERATION',
      'INVALID_TYPE_FOR_OPERATION',
    ])
    expect((await h.conn.query<Row>(SELECT)).records[0]!['PermissionsModifyAllData']).toBe(true)
  })
})
