// The integration user's system permissions, read from UserPermissionAccess: the one row Salesforce keeps for
// the session's user with the permissions its profile and permission sets grant together. Unlike PermissionSet,
// it needs no View Setup, so the check works for a minimally privileged user too (B-INST-5).
import { type SalesforceUserPermissions, SyncError } from '@crmsync/core'

import { queryAllRows } from './read.js'
import type { SalesforceHttp } from './salesforce-http.js'

/** Our name for each UserPermissionAccess field read. */
const FIELDS: Readonly<Record<keyof SalesforceUserPermissions, string>> = {
  modifyAllData: 'PermissionsModifyAllData',
  modifyMetadata: 'PermissionsModifyMetadata',
  apiEnabled: 'PermissionsApiEnabled',
  viewSetup: 'PermissionsViewSetup',
}

/** The permissions of the user behind the credentials: 1 call. */
export async function readUserPermissions(http: SalesforceHttp): Promise<SalesforceUserPermissions> {
  const rows = await queryAllRows(
    http,
    `SELECT ${Object.values(FIELDS).join(', ')} FROM UserPermissionAccess`,
  )
  const row = rows[0]
  // Salesforce always answers one row; none would mean an answer we cannot read, not "no permissions".
  if (row === undefined)
    throw new SyncError({
      code: 'SF_UNKNOWN',
      message: 'UserPermissionAccess returned no row for the integration user',
      origin: 'salesforce',
      retryable: false,
    })
  return {
    modifyAllData: row[FIELDS.modifyAllData] === true,
    modifyMetadata: row[FIELDS.modifyMetadata] === true,
    apiEnabled: row[FIELDS.apiEnabled] === true,
    viewSetup: row[FIELDS.viewSetup] === true,
  }
}
