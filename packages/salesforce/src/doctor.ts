// `crmsync doctor` for Salesforce: what is wrong with the org's setup and what to change. Calls: 1 identity,
// 1 describe per object checked (Lead and Contact, Account when asked; cached), 1 user query.
import {
  isSyncError,
  type SalesforceDoctorCheck,
  type SalesforceDoctorObject,
  type SalesforceDoctorOptions,
  type SalesforceObjectDescription,
} from '@crmsync/core'

import { type DescribeCache, listUsers, readIdentity } from './org-metadata.js'
import type { SalesforceHttp } from './salesforce-http.js'

const FIXES: Readonly<Record<string, string>> = {
  SF_AUTH_FAILED: 'Check the connected app client id and secret, the login URL and the user password.',
  SF_SESSION_EXPIRED: 'Issue a new token, or configure client credentials so the session can be refreshed.',
  SF_API_DISABLED: 'Give the integration user\'s profile or permission set "API Enabled".',
  SF_INSUFFICIENT_ACCESS: "Give the integration user's permission set read access to the object.",
}

function failed(name: string, err: unknown): SalesforceDoctorCheck {
  const code = isSyncError(err) ? err.code : 'SF_UNKNOWN'
  const detail = err instanceof Error ? err.message : String(err)
  return {
    name,
    ok: false,
    detail: `${code}: ${detail}`,
    fix: FIXES[code] ?? 'Read the message and fix the cause.',
  }
}

function objectChecks(
  type: SalesforceDoctorObject,
  d: SalesforceObjectDescription,
  externalIdField: string,
  mapped: readonly string[] | undefined,
): SalesforceDoctorCheck[] {
  const checks: SalesforceDoctorCheck[] = []
  const access = d.createable && d.updateable
  checks.push({
    name: `${type}: create and edit`,
    ok: access,
    detail: `createable=${String(d.createable)}, updateable=${String(d.updateable)}`,
    ...(access ? {} : { fix: `Give the integration user Read, Create and Edit on ${type}.` }),
  })
  const ext = d.fields.get(externalIdField)
  const extOk = ext !== undefined && ext.externalId && ext.unique && ext.createable && ext.updateable
  checks.push({
    name: `${type}: external-id field ${externalIdField}`,
    ok: extOk,
    detail:
      ext === undefined ? 'missing' : `externalId=${String(ext.externalId)}, unique=${String(ext.unique)}`,
    ...(extOk
      ? {}
      : {
          fix:
            `Create a Text(255) field ${externalIdField} on ${type}, marked External ID and Unique, ` +
            'editable by the integration user; creates are upserts on it.',
        }),
  })
  const required = [...d.fields.values()].filter((f) => f.requiredOnCreate).map((f) => f.name)
  const missing = mapped === undefined ? [] : required.filter((f) => !mapped.includes(f))
  checks.push({
    name: `${type}: required fields`,
    ok: missing.length === 0,
    detail: `required on create: ${required.join(', ') || 'none'}`,
    ...(missing.length === 0
      ? {}
      : { fix: `Map ${missing.join(', ')} or give them a default value in Salesforce.` }),
  })
  if (mapped !== undefined) {
    const bad = mapped.filter((name) => {
      const f = d.fields.get(name)
      return f === undefined || !(f.updateable || f.createable)
    })
    checks.push({
      name: `${type}: mapped fields writable`,
      ok: bad.length === 0,
      detail: bad.length === 0 ? `${mapped.length} fields` : `not found or not writable: ${bad.join(', ')}`,
      ...(bad.length === 0
        ? {}
        : { fix: `Create ${bad.join(', ')} on ${type} or grant field-level edit access.` }),
    })
  }
  return checks
}

/** `objects` (default Lead and Contact), then any other object named in mappedFields, each once. */
function objectsToCheck(options: SalesforceDoctorOptions): SalesforceDoctorObject[] {
  const named = Object.keys(options.mappedFields ?? {}) as SalesforceDoctorObject[]
  return [...new Set([...(options.objects ?? ['Lead', 'Contact']), ...named])]
}

/** Not a requirement: says whether person accounts are on, which changes how Accounts sync (B-PA). */
function personAccountsCheck(account: SalesforceObjectDescription): SalesforceDoctorCheck {
  const on = account.fields.has('IsPersonAccount')
  return {
    name: 'Account: person accounts',
    ok: true,
    detail: on
      ? 'enabled: a person account syncs as one HubSpot contact and one company'
      : 'not enabled: every Account is a business account',
  }
}

export async function runDoctor(
  http: SalesforceHttp,
  describe: DescribeCache,
  externalIdField: string,
  options: SalesforceDoctorOptions = {},
): Promise<SalesforceDoctorCheck[]> {
  const checks: SalesforceDoctorCheck[] = []
  try {
    const who = await readIdentity(http)
    checks.push({ name: 'credentials', ok: true, detail: `org ${who.orgId}, user ${who.userId}` })
  } catch (err) {
    // Nothing else can be checked without a working session.
    return [failed('credentials', err)]
  }
  for (const type of objectsToCheck(options)) {
    try {
      const d = await describe.get(type)
      checks.push(...objectChecks(type, d, externalIdField, options.mappedFields?.[type]))
      if (type === 'Account') checks.push(personAccountsCheck(d))
    } catch (err) {
      checks.push(failed(`${type}: describe`, err))
    }
  }
  try {
    const users = await listUsers(http)
    const active = users.filter((u) => u.isActive).length
    checks.push({
      name: 'users readable',
      ok: active > 0,
      detail: `${users.length} users, ${active} active`,
      ...(active > 0
        ? {}
        : { fix: 'Give the integration user "View Setup and Configuration" to read users.' }),
    })
  } catch (err) {
    checks.push(failed('users readable', err))
  }
  return checks
}
