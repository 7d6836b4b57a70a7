// The org's edition and kind, and the integration user's object permissions, as setup checks read them
// (B-INST-1, B-INST-4, B-INST-9). Object permissions come from ObjectPermissions rows of every permission set
// assigned to the user (its profile's included), as Setup stores them; reading them needs View Setup and
// Configuration. Semi-joins are avoided so the two queries stay plain.
import { type SalesforceObjectPermissions, type SalesforceOrganization, SyncError } from '@crmsync/core'

import { queryAllRows } from './read.js'
import type { SalesforceHttp } from './salesforce-http.js'
import { assertApiName, assertSalesforceId, soqlString } from './soql.js'

const NONE: SalesforceObjectPermissions = {
  read: false,
  create: false,
  edit: false,
  delete: false,
  viewAll: false,
  modifyAll: false,
}

/** Our name for each ObjectPermissions field read. */
const OBJECT_FIELDS: Readonly<Record<keyof SalesforceObjectPermissions, string>> = {
  read: 'PermissionsRead',
  create: 'PermissionsCreate',
  edit: 'PermissionsEdit',
  delete: 'PermissionsDelete',
  viewAll: 'PermissionsViewAllRecords',
  modifyAll: 'PermissionsModifyAllRecords',
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/** The Organization row: 1 call. */
export async function readOrganization(http: SalesforceHttp): Promise<SalesforceOrganization> {
  const rows = await queryAllRows(
    http,
    'SELECT Id, Name, OrganizationType, IsSandbox, InstanceName FROM Organization',
  )
  const row = rows[0]
  // Every org has exactly one row; none would be an answer we cannot read.
  if (row === undefined)
    throw new SyncError({
      code: 'SF_UNKNOWN',
      message: 'Organization returned no row',
      origin: 'salesforce',
      retryable: false,
    })
  return {
    id: String(row['Id']),
    name: text(row['Name']),
    organizationType: text(row['OrganizationType']),
    isSandbox: row['IsSandbox'] === true,
    instanceName: typeof row['InstanceName'] === 'string' ? row['InstanceName'] : null,
  }
}

/**
 * The user's permissions per object, united over its permission sets: 2 calls (the assignments, then the
 * object rows of those sets for these objects). An object without a row has none.
 */
export async function readObjectPermissions(
  http: SalesforceHttp,
  userId: string,
  types: readonly string[],
): Promise<ReadonlyMap<string, SalesforceObjectPermissions>> {
  const result = new Map<string, SalesforceObjectPermissions>(types.map((t) => [t, NONE]))
  if (types.length === 0) return result
  const assignments = await queryAllRows(
    http,
    `SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = ${soqlString(assertSalesforceId(userId))}`,
  )
  const setIds = [...new Set(assignments.map((row) => String(row['PermissionSetId'])))]
  if (setIds.length === 0) return result
  const rows = await queryAllRows(
    http,
    `SELECT SobjectType, ${Object.values(OBJECT_FIELDS).join(', ')} FROM ObjectPermissions` +
      ` WHERE ParentId IN (${setIds.map((id) => soqlString(assertSalesforceId(id))).join(', ')})` +
      ` AND SobjectType IN (${types.map((t) => soqlString(assertApiName(t))).join(', ')})`,
  )
  const byLowerName = new Map(types.map((t) => [t.toLowerCase(), t]))
  for (const row of rows) {
    const type = byLowerName.get(String(row['SobjectType']).toLowerCase())
    if (type === undefined) continue
    const before = result.get(type) ?? NONE
    const united = Object.fromEntries(
      Object.entries(OBJECT_FIELDS).map(([key, field]) => [
        key,
        before[key as keyof SalesforceObjectPermissions] || row[field] === true,
      ]),
    ) as unknown as SalesforceObjectPermissions
    result.set(type, united)
  }
  return result
}
