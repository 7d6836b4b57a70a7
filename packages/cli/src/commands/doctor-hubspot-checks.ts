// HubSpot side of `crmsync doctor`. The token's scopes and the connecting user's admin rights come from the
// connector (readAccess, 1 to 3 calls); the property checks read the portal's contact properties through
// the official client: one identity call, one properties call, and one list read when an inclusion list is
// set; with company sync on, one more properties call for companies and one list read for a company
// inclusion list.
import {
  type CompanyMapping,
  type Connection,
  type ContactMapping,
  evaluateHubSpotAccess,
  type HubSpotAccess,
  type HubSpotAccessFinding,
  type HubSpotConnector,
  type HubSpotScopeSettings,
  isSyncError,
  requiredHubSpotScopes,
  SyncError,
} from '@crmsync/core'
import { ACCOUNT_LINK_PROPERTY, LINK_PROPERTY, SALESFORCE_ID_PROPERTY } from '@crmsync/hubspot'
import { Client } from '@hubspot/api-client'

import type { CheckResult } from '../format/check-lines.js'

export interface HubSpotCheckInput {
  readonly accessToken: string
  readonly basePath: string
  readonly mappings: readonly ContactMapping[]
  /** settings.contacts.inclusionList: checked to be an active list (B-CON-16). */
  readonly inclusionList: string | null
  /** The connector's identity call, so the credentials check uses the same code path as the engine. */
  readonly identity: () => Promise<{ readonly portalId: string }>
  /** Company sync is on: its properties and company inclusion list are checked too. (Default: off) */
  readonly companies?: CompanyCheckInput | undefined
  /**
   * The token's scopes and user (the connector's readAccess) and what the connection syncs: the scopes and
   * the user's admin rights are checked right after the credentials (B-INST-2). (Default: not checked)
   */
  readonly access?:
    { readonly read: () => Promise<HubSpotAccess>; readonly settings: HubSpotScopeSettings } | undefined
}

export interface CompanyCheckInput {
  readonly mappings: readonly CompanyMapping[]
  /** settings.companies.inclusionList: checked to be an active company list (B-CMP-15). */
  readonly inclusionList: string | null
}

export interface PropertyLike {
  readonly name: string
  readonly groupName?: string
  readonly hasUniqueValue?: boolean
  readonly modificationMetadata?: { readonly readOnlyValue?: boolean }
}

/** HubSpot's property group of the Salesforce integration (B-MAP-14). */
export const SALESFORCE_GROUP = 'salesforceinformation'
export const SALESFORCE_GROUP_LABEL = 'Salesforce information'

export function check(name: string, ok: boolean, detail: string, fix: string): CheckResult {
  return { scope: 'hubspot', name, ok, detail, ...(ok ? {} : { fix }) }
}

export function describeFailure(err: unknown): string {
  const code = isSyncError(err) ? `${err.code}: ` : ''
  return `${code}${err instanceof Error ? err.message : String(err)}`
}

/** Credentials, then the link properties, the unique Salesforce-id property and every mapped property. */
export async function hubspotChecks(input: HubSpotCheckInput): Promise<{
  checks: CheckResult[]
  portalId: string | undefined
}> {
  let portalId: string
  try {
    portalId = (await input.identity()).portalId
  } catch (err) {
    const fix = 'Use a private app token of this portal with the crm.objects.contacts read and write scopes.'
    return { checks: [check('credentials', false, describeFailure(err), fix)], portalId: undefined }
  }
  const checks = [check('credentials', true, `portal ${portalId}`, '')]
  if (input.access !== undefined) checks.push(...(await accessChecks(input.access)))
  const client = new Client({
    accessToken: input.accessToken,
    basePath: input.basePath,
    numberOfApiCallRetries: 0,
  })
  let properties: ReadonlyMap<string, PropertyLike>
  try {
    const all = await client.crm.properties.coreApi.getAll('contacts')
    properties = new Map(all.results.map((p) => [p.name, p as PropertyLike]))
    checks.push(check('contact properties readable', true, `${properties.size} properties`, ''))
  } catch (err) {
    const fix = 'Give the private app the crm.schemas.contacts.read scope.'
    checks.push(check('contact properties readable', false, describeFailure(err), fix))
    return { checks, portalId }
  }
  const unique = properties.get(SALESFORCE_ID_PROPERTY)
  checks.push(
    check(
      `unique property ${SALESFORCE_ID_PROPERTY}`,
      unique?.hasUniqueValue === true,
      unique === undefined ? 'missing' : `hasUniqueValue=${String(unique.hasUniqueValue ?? false)}`,
      `Create a single-line text contact property ${SALESFORCE_ID_PROPERTY} with "unique values" on; ` +
        'creates from Salesforce are upserts on it.',
    ),
  )
  for (const name of Object.values(LINK_PROPERTY)) {
    const found = properties.get(name)
    checks.push(
      check(
        `link property ${name}`,
        found !== undefined,
        found !== undefined ? 'present' : 'missing',
        `Create a single-line text contact property ${name} in the group "${SALESFORCE_GROUP_LABEL}" ` +
          `(${SALESFORCE_GROUP}); crmsync writes the linked Salesforce id there.`,
      ),
    )
    if (found !== undefined) checks.push(linkGroupCheck(found, 'contacts'))
  }
  const missing = [...new Set(input.mappings.map((m) => m.hubspot))].filter((name) => !properties.has(name))
  checks.push(
    check(
      'mapped properties',
      missing.length === 0,
      missing.length === 0 ? `${input.mappings.length} mappings` : `missing: ${missing.join(', ')}`,
      `Create the contact properties ${missing.join(', ')} or remove their mappings.`,
    ),
  )
  if (input.inclusionList !== null) checks.push(await inclusionListCheck(client, input.inclusionList))
  if (input.companies !== undefined) checks.push(...(await companyChecks(client, input.companies)))
  return { checks, portalId }
}

/** The switches the token's scopes depend on; activities are read defensively (absent: none). */
export function hubspotScopeSettings(connection: Connection): HubSpotScopeSettings {
  const { contacts, companies, deals } = connection.settings
  const activities = (connection.settings as { readonly activities?: unknown }).activities
  const list = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
  const record =
    typeof activities === 'object' && activities !== null ? (activities as Record<string, unknown>) : {}
  return {
    contacts: { inclusionList: contacts.inclusionList },
    companies: { sync: companies.sync, inclusionList: companies.inclusionList },
    deals: { sync: deals.sync },
    activities: {
      toSalesforce: list(record['toSalesforce']),
      fromSalesforce: list(record['fromSalesforce']),
    },
  }
}

/**
 * The setup findings of the HubSpot side for the start of `crmsync run` (B-INST-2): the token's scopes
 * against what the connection syncs, the connecting user's account-level admin rights, and the portal against
 * hubspot.portalId. A failed `fatal` finding refuses the run with its `code` (HS_MISSING_SCOPES,
 * HS_USER_NOT_ADMIN, ENGINE_IDENTITY_CHANGED). A failed read (HS_UNAUTHORIZED...) throws as the connector does.
 */
export async function hubspotPreflight(
  hubspot: Pick<HubSpotConnector, 'readAccess'>,
  connection: Connection,
): Promise<HubSpotAccessFinding[]> {
  const access = await hubspot.readAccess()
  const portalId = connection.hubspot.portalId
  return evaluateHubSpotAccess(access, {
    scopes: requiredHubSpotScopes(hubspotScopeSettings(connection)),
    ...(portalId === undefined || portalId === null ? {} : { portalId: String(portalId) }),
  })
}

/**
 * The start of `crmsync run` and `sync --once` (B-INST-2): throws a SyncError (exit 3) for the first fatal
 * HubSpot finding, naming the check, what was found and the fix; else returns the findings (warnings included).
 */
export async function assertHubSpotPreflight(
  hubspot: Pick<HubSpotConnector, 'readAccess'>,
  connection: Connection,
): Promise<HubSpotAccessFinding[]> {
  const findings = await hubspotPreflight(hubspot, connection)
  const fatal = findings.find((f) => !f.ok && f.fatal)
  if (fatal !== undefined)
    throw new SyncError({
      code: fatal.code ?? 'HS_MISSING_SCOPES',
      message: `HubSpot ${fatal.name}: ${fatal.detail}${fatal.fix === undefined ? '' : `. ${fatal.fix}`}`,
      origin: fatal.code === 'ENGINE_IDENTITY_CHANGED' ? 'engine' : 'hubspot',
      retryable: false,
    })
  return findings
}

/** Doctor's lines for the scopes and the user's admin rights; the portal has its own identity check. */
async function accessChecks(input: NonNullable<HubSpotCheckInput['access']>): Promise<CheckResult[]> {
  let access: HubSpotAccess
  try {
    access = await input.read()
  } catch (err) {
    const fix = 'Check that the token is valid for this portal; its scopes and user could not be read.'
    return [check('token scopes and user', false, describeFailure(err), fix)]
  }
  return evaluateHubSpotAccess(access, { scopes: requiredHubSpotScopes(input.settings) }).map(
    (finding): CheckResult => ({
      scope: 'hubspot',
      name: finding.name,
      ok: finding.ok,
      detail: finding.detail,
      ...(finding.fix === undefined ? {} : { fix: finding.fix }),
      ...(finding.warning === true ? { warning: true } : {}),
    }),
  )
}

/**
 * Company sync (B-CMP): the company properties it needs, as for contacts. Creates from Salesforce are upserts
 * on the unique `crmsync_salesforce_id` of companies; the linked Account id is written to
 * `salesforceaccountid` in the Salesforce information group (B-MAP-14); every mapped property must exist.
 */
async function companyChecks(client: Client, input: CompanyCheckInput): Promise<CheckResult[]> {
  const checks: CheckResult[] = []
  let properties: ReadonlyMap<string, PropertyLike>
  try {
    const all = await client.crm.properties.coreApi.getAll('companies')
    properties = new Map(all.results.map((p) => [p.name, p as PropertyLike]))
    checks.push(check('company properties readable', true, `${properties.size} properties`, ''))
  } catch (err) {
    const fix = 'Give the private app the crm.schemas.companies.read scope (company sync is on).'
    checks.push(check('company properties readable', false, describeFailure(err), fix))
    return checks
  }
  const unique = properties.get(SALESFORCE_ID_PROPERTY)
  checks.push(
    check(
      `company unique property ${SALESFORCE_ID_PROPERTY}`,
      unique?.hasUniqueValue === true,
      unique === undefined ? 'missing' : `hasUniqueValue=${String(unique.hasUniqueValue ?? false)}`,
      `Create a single-line text company property ${SALESFORCE_ID_PROPERTY} with "unique values" on; ` +
        'companies created from Salesforce accounts are upserts on it.',
    ),
  )
  const link = properties.get(ACCOUNT_LINK_PROPERTY)
  checks.push(
    check(
      `company link property ${ACCOUNT_LINK_PROPERTY}`,
      link !== undefined,
      link !== undefined ? 'present' : 'missing',
      `Create a single-line text company property ${ACCOUNT_LINK_PROPERTY} in the group ` +
        `"${SALESFORCE_GROUP_LABEL}" (${SALESFORCE_GROUP}); crmsync writes the linked Account id there.`,
    ),
  )
  if (link !== undefined) checks.push(linkGroupCheck(link, 'companies'))
  const missing = [...new Set(input.mappings.map((m) => m.hubspot))].filter((name) => !properties.has(name))
  checks.push(
    check(
      'company mapped properties',
      missing.length === 0,
      missing.length === 0 ? `${input.mappings.length} mappings` : `missing: ${missing.join(', ')}`,
      `Create the company properties ${missing.join(', ')}: company sync maps them to Account fields.`,
    ),
  )
  if (input.inclusionList !== null) checks.push(await companyInclusionListCheck(client, input.inclusionList))
  return checks
}

/** B-CMP-15: the company inclusion list must be an active (DYNAMIC) list of companies (0-2). */
async function companyInclusionListCheck(client: Client, listId: string): Promise<CheckResult> {
  const name = `company inclusion list ${listId}`
  try {
    const { list } = await client.crm.lists.listsApi.getById(listId)
    const dynamic = list.processingType === 'DYNAMIC'
    const companies = list.objectTypeId === '0-2'
    const problem = !companies
      ? ` (a list of ${list.objectTypeId === '0-1' ? 'contacts' : list.objectTypeId}, not companies)`
      : dynamic
        ? ''
        : ' (a static list)'
    return check(
      name,
      dynamic && companies,
      `"${list.name}", ${list.processingType}${problem}`,
      'Only an active (DYNAMIC) company list can be the company inclusion list (B-CMP-15): create one in ' +
        'HubSpot and put its id in settings.companies.inclusionList.',
    )
  } catch (err) {
    const fix = 'Put the id of an existing active company list in settings.companies.inclusionList.'
    return check(name, false, describeFailure(err), fix)
  }
}

/**
 * B-MAP-14: the Salesforce id properties (and the mapped properties the integration creates) live in the
 * "Salesforce information" group, where users look for them and which survives an uninstall.
 */
export function linkGroupCheck(
  property: PropertyLike,
  objectType: 'contacts' | 'companies' | 'deals',
): CheckResult {
  const group = property.groupName ?? '(none)'
  const noun = objectType === 'contacts' ? 'contact' : objectType === 'companies' ? 'company' : 'deal'
  return check(
    // Contacts' checks keep their names; a company or deal property is named as one.
    `property group of ${objectType === 'contacts' ? '' : `${noun} `}${property.name}`,
    group === SALESFORCE_GROUP,
    group,
    `Move the ${noun} property ${property.name} to the group "${SALESFORCE_GROUP_LABEL}" ` +
      `(${SALESFORCE_GROUP}): in HubSpot, Settings > Properties > ${property.name} > Group, or ` +
      `PATCH /crm/v3/properties/${objectType}/${property.name} with {"groupName":"${SALESFORCE_GROUP}"}.`,
  )
}

/** B-CON-16: only an active (DYNAMIC) list can be the inclusion list; the engine refuses any other. */
async function inclusionListCheck(client: Client, listId: string): Promise<CheckResult> {
  const name = `inclusion list ${listId}`
  try {
    const { list } = await client.crm.lists.listsApi.getById(listId)
    const dynamic = list.processingType === 'DYNAMIC'
    return check(
      name,
      dynamic,
      `"${list.name}", ${list.processingType}${dynamic ? '' : ' (a static list)'}`,
      'Only an active (DYNAMIC) list can be the inclusion list (B-CON-16): create an active list with the ' +
        'same criteria in HubSpot and put its id in settings.contacts.inclusionList.',
    )
  } catch (err) {
    const fix = 'Put the id of an existing active list in settings.contacts.inclusionList.'
    return check(name, false, describeFailure(err), fix)
  }
}
