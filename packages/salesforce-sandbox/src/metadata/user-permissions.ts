// UserPermissionAccess (Object Reference, API 41.0+): the effective system permissions of the session's user,
// one row, read-only (describeSObjects() and query() only). It lets a user without View Setup check their own
// access, which is how the sync checks its integration user before deal sync is turned on (B-INST-5).
// The sandbox keeps the integration user's row; a test changes it through the admin API.
import { toSecond } from '../clock.js'
import type { Org } from '../store/org.js'
import type { SfRecord, Table } from '../store/table.js'
import { system } from './fields.js'
import type { ObjectDef } from './objects.js'

/** The permissions the row carries (a subset of Salesforce's hundreds), with their Setup labels. */
const PERMISSION_LABELS: Readonly<Record<string, string>> = {
  PermissionsActivateContract: 'Activate Contracts',
  PermissionsApiEnabled: 'API Enabled',
  PermissionsAuthorApex: 'Author Apex',
  PermissionsCustomizeApplication: 'Customize Application',
  PermissionsManageUsers: 'Manage Users',
  PermissionsModifyAllData: 'Modify All Data',
  PermissionsModifyMetadata: 'Modify Metadata Through Metadata API Functions',
  PermissionsViewAllData: 'View All Data',
  PermissionsViewSetup: 'View Setup and Configuration',
}

export const USER_PERMISSION_NAMES: readonly string[] = Object.keys(PERMISSION_LABELS)

/** The object: Id, LastCacheUpdate and one boolean per permission, none of them writable. */
export function userPermissionAccessObject(): ObjectDef {
  return {
    name: 'UserPermissionAccess',
    label: 'User Permission Access',
    labelPlural: 'User Permission Access',
    // Not checked against a live org; it only has to be distinct from the sandbox's other prefixes.
    keyPrefix: '0Up',
    createable: false,
    updateable: false,
    deletable: false,
    mergeable: false,
    archivable: false,
    fields: [
      system('Id', 'id', { nillable: false, label: 'User Permission Access ID' }),
      // "The last modified date and time of either the user info or org info, whichever is later."
      system('LastCacheUpdate', 'datetime', { label: 'Last Cache Update' }),
      ...USER_PERMISSION_NAMES.map((name) => system(name, 'boolean', { label: PERMISSION_LABELS[name]! })),
    ],
  }
}

function accessRow(org: Org): { table: Table; row: SfRecord } {
  const table = org.table('UserPermissionAccess')!
  for (const row of table.rows()) return { table, row }
  throw new Error('UserPermissionAccess has no row: org metadata not seeded')
}

/** The integration user's row with every permission granted (an administrator, as most integrations run). */
export function seedUserPermissionAccess(org: Org): void {
  const table = org.table('UserPermissionAccess')!
  table.put({
    Id: org.ids.next(table.def.keyPrefix),
    LastCacheUpdate: toSecond(org.clock.now()),
    ...Object.fromEntries(USER_PERMISSION_NAMES.map((name) => [name, true])),
  })
}

/** The permissions as `{PermissionsModifyAllData: true, …}`. */
export function userPermissions(org: Org): Record<string, boolean> {
  const { row } = accessRow(org)
  return Object.fromEntries(USER_PERMISSION_NAMES.map((name) => [name, row[name] === true]))
}

/**
 * Grants or revokes permissions (a profile or permission set edited in Setup). Names are exact field names;
 * an unknown name or a non-boolean value throws and changes nothing. LastCacheUpdate moves to now.
 */
export function setUserPermissions(org: Org, changes: Readonly<Record<string, unknown>>): void {
  for (const [name, value] of Object.entries(changes)) {
    if (!USER_PERMISSION_NAMES.includes(name))
      throw new Error(`unknown permission ${name}; known: ${USER_PERMISSION_NAMES.join(', ')}`)
    if (typeof value !== 'boolean') throw new Error(`${name} must be true or false`)
  }
  const { table, row } = accessRow(org)
  table.put({ ...row, ...changes, LastCacheUpdate: toSecond(org.clock.now()) })
  // The profile's permission set (permission-sets.ts) grants them: it shows the same values.
  const sets = org.table('PermissionSet')
  for (const set of sets?.rows() ?? [])
    if (set['IsOwnedByProfile'] === true) sets!.put({ ...set, ...changes })
}

/** Whether the integration user may use the API at all ("API Enabled"). */
export function apiEnabledFor(org: Org, userId: string): boolean {
  if (userId !== org.integrationUserId) return true
  return accessRow(org).row['PermissionsApiEnabled'] === true
}
