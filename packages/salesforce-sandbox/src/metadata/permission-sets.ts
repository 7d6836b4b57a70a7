// The integration user's access as Setup stores it: the permission set its profile owns (PermissionSet,
// IsOwnedByProfile = true, with the same system permissions UserPermissionAccess shows), its assignment
// (PermissionSetAssignment) and one ObjectPermissions row per object the set can at least read (Salesforce
// keeps no row for an object without Read). Clients read them with SOQL (View Setup and Configuration);
// the sandbox enforces them on the integration user's calls (object-access.ts). Other users' tokens keep
// full access: only the integration user's profile is modelled.
import type { Org } from '../store/org.js'
import { reference, system } from './fields.js'
import type { ObjectDef } from './objects.js'
import { USER_PERMISSION_NAMES } from './user-permissions.js'

/** ObjectPermissions' booleans, in Setup order. */
export const OBJECT_PERMISSION_NAMES = [
  'PermissionsRead',
  'PermissionsCreate',
  'PermissionsEdit',
  'PermissionsDelete',
  'PermissionsViewAllRecords',
  'PermissionsModifyAllRecords',
] as const
export type ObjectPermissionName = (typeof OBJECT_PERMISSION_NAMES)[number]
export type ObjectAccess = Record<ObjectPermissionName, boolean>

const OBJECT_PERMISSION_LABELS: Readonly<Record<ObjectPermissionName, string>> = {
  PermissionsRead: 'Read',
  PermissionsCreate: 'Create',
  PermissionsEdit: 'Edit',
  PermissionsDelete: 'Delete',
  PermissionsViewAllRecords: 'View All',
  PermissionsModifyAllRecords: 'Modify All',
}

export const FULL_ACCESS: ObjectAccess = Object.fromEntries(
  OBJECT_PERMISSION_NAMES.map((name) => [name, true]),
) as ObjectAccess

const READ_ONLY = {
  createable: false,
  updateable: false,
  deletable: false,
  mergeable: false,
  archivable: false,
}

export function permissionSetObject(): ObjectDef {
  return {
    name: 'PermissionSet',
    label: 'Permission Set',
    labelPlural: 'Permission Sets',
    keyPrefix: '0PS',
    ...READ_ONLY,
    fields: [
      system('Id', 'id', { nillable: false, label: 'Permission Set ID' }),
      system('Name', 'string', { length: 80, nameField: true }),
      system('Label', 'string', { length: 80 }),
      system('IsOwnedByProfile', 'boolean', { label: 'Is Owned By Profile' }),
      system('ProfileId', 'reference', { label: 'Profile ID' }),
      ...USER_PERMISSION_NAMES.map((name) => system(name, 'boolean')),
    ],
  }
}

export function permissionSetAssignmentObject(): ObjectDef {
  return {
    name: 'PermissionSetAssignment',
    label: 'Permission Set Assignment',
    labelPlural: 'Permission Set Assignments',
    keyPrefix: '0Pa',
    ...READ_ONLY,
    fields: [
      system('Id', 'id', { nillable: false, label: 'Permission Set Assignment ID' }),
      reference('AssigneeId', ['User'], { createable: false, updateable: false, label: 'Assignee ID' }),
      reference('PermissionSetId', ['PermissionSet'], {
        createable: false,
        updateable: false,
        label: 'Permission Set ID',
      }),
    ],
  }
}

export function objectPermissionsObject(): ObjectDef {
  return {
    name: 'ObjectPermissions',
    label: 'Object Permissions',
    labelPlural: 'Object Permissions',
    keyPrefix: '110',
    ...READ_ONLY,
    fields: [
      system('Id', 'id', { nillable: false, label: 'Object Permission ID' }),
      reference('ParentId', ['PermissionSet'], { createable: false, updateable: false, label: 'Parent ID' }),
      system('SobjectType', 'string', { length: 40, label: 'Sobject Type Name' }),
      ...OBJECT_PERMISSION_NAMES.map((name) =>
        system(name, 'boolean', { label: OBJECT_PERMISSION_LABELS[name] }),
      ),
    ],
  }
}

/** The profile's permission set id (created by seedPermissionSets). */
function profileSetId(org: Org): string {
  for (const row of org.table('PermissionSet')!.rows())
    if (row['IsOwnedByProfile'] === true) return String(row['Id'])
  throw new Error('PermissionSet has no profile row: org metadata not seeded')
}

/** The integration user's profile permission set and its assignment; every permission granted. */
export function seedPermissionSets(org: Org): void {
  const sets = org.table('PermissionSet')!
  const setId = org.ids.next(sets.def.keyPrefix)
  sets.put({
    Id: setId,
    // Salesforce names a profile's set after an internal id; the label is the profile's name.
    Name: 'X00e5g000000Integration',
    Label: 'System Administrator',
    IsOwnedByProfile: true,
    ProfileId: '00e5g000000ABCDAA0',
    ...Object.fromEntries(USER_PERMISSION_NAMES.map((name) => [name, true])),
  })
  const assignments = org.table('PermissionSetAssignment')!
  assignments.put({
    Id: org.ids.next(assignments.def.keyPrefix),
    AssigneeId: org.integrationUserId,
    PermissionSetId: setId,
  })
}

/**
 * Object types the profile can be given access to: the org's data objects (createable ones), not the
 * setup and metadata objects (User, RecordType, …), which every user reads.
 */
function dataObjects(org: Org): string[] {
  return [...org.tables.values()].filter((t) => t.def.createable).map((t) => t.def.name)
}

/** The integration user's access to an object type; full for users the sandbox does not model. */
export function objectAccess(org: Org, userId: string, type: string): ObjectAccess {
  if (userId !== org.integrationUserId) return FULL_ACCESS
  const table = org.table(type)
  if (!table || !table.def.createable) return FULL_ACCESS
  return org.objectAccess.get(table.def.name) ?? FULL_ACCESS
}

/**
 * Rewrites the ObjectPermissions rows from org.objectAccess: one row per data object the profile reads,
 * none for an object without Read, as Setup stores them.
 */
export function writeObjectPermissionRows(org: Org): void {
  const table = org.table('ObjectPermissions')!
  const parentId = profileSetId(org)
  const existing = new Map([...table.rows()].map((row) => [String(row['SobjectType']), row]))
  for (const type of dataObjects(org)) {
    const access = org.objectAccess.get(type) ?? FULL_ACCESS
    const row = existing.get(type)
    if (!access.PermissionsRead) {
      if (row) table.remove(String(row['Id']))
      continue
    }
    table.put({
      Id: row ? row['Id'] : org.ids.next(table.def.keyPrefix),
      ParentId: parentId,
      SobjectType: type,
      ...access,
    })
  }
}

/**
 * Applies Setup's dependencies: Create, Edit and View All need Read; Delete needs Edit; Modify All needs
 * Read, Edit, Delete and View All. A grant pulls in what it needs, then a revoke takes away what depends on
 * it (a revoke wins).
 */
function consistent(
  requested: ObjectAccess,
  granted: ReadonlySet<ObjectPermissionName>,
  revoked: ReadonlySet<ObjectPermissionName>,
): ObjectAccess {
  const a = { ...requested }
  if (granted.has('PermissionsModifyAllRecords'))
    a.PermissionsRead = a.PermissionsEdit = a.PermissionsDelete = a.PermissionsViewAllRecords = true
  if (granted.has('PermissionsDelete')) a.PermissionsRead = a.PermissionsEdit = true
  if (
    granted.has('PermissionsCreate') ||
    granted.has('PermissionsEdit') ||
    granted.has('PermissionsViewAllRecords')
  )
    a.PermissionsRead = true
  if (revoked.has('PermissionsRead')) for (const name of OBJECT_PERMISSION_NAMES) a[name] = false
  if (revoked.has('PermissionsEdit')) a.PermissionsDelete = a.PermissionsModifyAllRecords = false
  if (revoked.has('PermissionsDelete') || revoked.has('PermissionsViewAllRecords'))
    a.PermissionsModifyAllRecords = false
  return a
}

/**
 * Changes the integration user's object permissions: `{Opportunity: {PermissionsEdit: false}, …}`, names as
 * ObjectPermissions spells them. An unknown object or permission, or a non-boolean, throws and changes nothing.
 */
export function setObjectPermissions(org: Org, changes: Readonly<Record<string, unknown>>): void {
  const updates = new Map<string, ObjectAccess>()
  for (const [type, raw] of Object.entries(changes)) {
    const table = org.table(type)
    if (!table || !table.def.createable)
      throw new Error(`unknown object ${type}; known: ${dataObjects(org).join(', ')}`)
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new Error(`${type} must be an object of permission names to true or false`)
    const current = org.objectAccess.get(table.def.name) ?? FULL_ACCESS
    const next = { ...current }
    const granted = new Set<ObjectPermissionName>()
    const revoked = new Set<ObjectPermissionName>()
    for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
      if (!(OBJECT_PERMISSION_NAMES as readonly string[]).includes(name))
        throw new Error(`unknown object permission ${name}; known: ${OBJECT_PERMISSION_NAMES.join(', ')}`)
      if (typeof value !== 'boolean') throw new Error(`${type}.${name} must be true or false`)
      next[name as ObjectPermissionName] = value
      if (value) granted.add(name as ObjectPermissionName)
      else revoked.add(name as ObjectPermissionName)
    }
    updates.set(table.def.name, consistent(next, granted, revoked))
  }
  for (const [type, access] of updates) org.objectAccess.set(type, access)
  writeObjectPermissionRows(org)
}

/** Every data object's access for the admin API: `{Lead: {PermissionsRead: true, …}, …}`. */
export function objectPermissions(org: Org): Record<string, ObjectAccess> {
  return Object.fromEntries(dataObjects(org).map((type) => [type, org.objectAccess.get(type) ?? FULL_ACCESS]))
}

/**
 * Makes another user the integration user (an admin connecting the sync as a different user, B-INST-8): the
 * profile's permission set is assigned to it instead, with the permissions it has now, and the sandbox's
 * permission checks apply to it. Throws for an id that is not a User.
 */
export function setIntegrationUser(org: Org, userId: string): void {
  const users = org.table('User')!
  const user = [...users.rows()].find(
    (row) => String(row['Id']) === userId || String(row['Id']).slice(0, 15) === userId,
  )
  if (!user) throw new Error(`no User ${userId}`)
  const id = String(user['Id'])
  const assignments = org.table('PermissionSetAssignment')!
  for (const row of [...assignments.rows()])
    if (row['AssigneeId'] === org.integrationUserId) assignments.put({ ...row, AssigneeId: id })
  org.integrationUserId = id
}
