import {
  type CompanyMapping,
  compareConnectionIdentity,
  type Connection,
  type ContactMapping,
  type ContactSalesforceType,
  type HubSpotConnector,
  type SalesforceConnector,
  type StateStore,
} from '@crmsync/core'
import { DEFAULT_EXTERNAL_ID_FIELD } from '@crmsync/salesforce'

import type { CheckResult } from '../format/check-lines.js'
import { activityChecks } from './doctor-activity-checks.js'
import { dealChecks } from './doctor-deal-checks.js'
import { doctorFixes } from './doctor-fix.js'
import { describeFailure, hubspotChecks, hubspotScopeSettings } from './doctor-hubspot-checks.js'
import {
  configuredCompanyMappings,
  configuredContactMappings,
  configuredDealMappings,
} from './doctor-mappings.js'
import { ownerCheck } from './doctor-owner-checks.js'
import { setupChecks } from './doctor-setup-checks.js'

export interface DoctorInput {
  readonly connection: Connection
  readonly store: StateStore
  readonly salesforce: SalesforceConnector
  readonly hubspotIdentity: () => Promise<{ readonly portalId: string }>
  readonly hubspot: Pick<HubSpotConnector, 'readOwners' | 'readDealPipelines' | 'readAccess'>
  /** The config file: --fix writes mappings to it. (Default: no fixes or suggestions) */
  readonly configFile?: string | undefined
  /** --fix: create what is missing (doctor-fix.ts). (Default: false, only suggest) */
  readonly fix?: boolean | undefined
}

export interface DoctorReport {
  readonly checks: readonly CheckResult[]
  /** A credential check failed: nothing behind it could be checked. */
  readonly credentialsFailed: boolean
}

/** The Salesforce fields the mappings write, per object. */
function mappedFields(mappings: readonly ContactMapping[]): Record<ContactSalesforceType, string[]> {
  const fields: Record<ContactSalesforceType, string[]> = { Lead: [], Contact: [] }
  for (const m of mappings) {
    for (const type of ['Lead', 'Contact'] as const) {
      const name = m.salesforce[type]
      if (name !== undefined) fields[type].push(name)
    }
  }
  return fields
}

/** The Account fields the company mappings write. */
function accountFields(mappings: readonly CompanyMapping[]): string[] {
  return [
    ...new Set(mappings.flatMap((m) => (m.salesforce.Account === undefined ? [] : [m.salesforce.Account]))),
  ]
}

/**
 * Every check of `crmsync doctor` for one connection: Salesforce setup (the connector's checks), HubSpot
 * credentials and properties, and whether the org and portal are the ones the store recorded at the
 * first sync (design.md 3.1). With company sync on, Account (its external-id field, the mapped and required
 * fields) and the HubSpot company properties are checked too; with deal sync on, Opportunity, the deal
 * properties and the pipeline of each record type (doctor-deal-checks.ts); with activity sync on, the Task
 * key field and the engagement properties (doctor-activity-checks.ts).
 */
export async function runDoctor(input: DoctorInput): Promise<DoctorReport> {
  const { connection } = input
  const mappings = configuredContactMappings(connection).filter(
    (m) => m.rule !== 'none' && m.viaAssociation !== true,
  )
  // Edition and API access, sandbox or production, the integration user's permissions (B-INST-1, 4, 8, 9).
  const setup = await setupChecks(input)
  // --fix creates first, so the checks below see what it made; without it, suggestions only (B-INST-11).
  if (input.configFile !== undefined && !setup.some((c) => !c.ok && c.name === 'org edition and API access'))
    setup.push(
      ...(await doctorFixes({
        connection,
        salesforce: input.salesforce,
        configFile: input.configFile,
        apply: input.fix === true,
      })),
    )
  const companies = connection.settings.companies.sync
  const companyMappings = companies
    ? configuredCompanyMappings(connection).filter((m) => m.rule !== 'none')
    : []
  const salesforce = (
    await input.salesforce.doctor({
      ...(companies ? { objects: ['Lead', 'Contact', 'Account'] } : {}),
      mappedFields: {
        ...mappedFields(mappings),
        ...(companies ? { Account: accountFields(companyMappings) } : {}),
      },
    })
  ).map((c): CheckResult => ({ scope: 'salesforce', ...c }))
  const hubspot = await hubspotChecks({
    accessToken: connection.hubspot.accessToken,
    basePath: connection.hubspot.basePath,
    mappings,
    inclusionList: connection.settings.contacts.inclusionList,
    identity: input.hubspotIdentity,
    access: { read: () => input.hubspot.readAccess(), settings: hubspotScopeSettings(connection) },
    ...(companies
      ? {
          companies: {
            mappings: companyMappings,
            inclusionList: connection.settings.companies.inclusionList,
          },
        }
      : {}),
  })
  const checks = [...setup, ...salesforce, ...hubspot.checks]
  const sfCredentials = salesforce.find((c) => c.name === 'credentials')
  const credentialsFailed = sfCredentials?.ok !== true || hubspot.portalId === undefined
  if (!credentialsFailed) {
    if (connection.settings.deals.sync) {
      const { pipelines, maxSyncedPipelines } = connection.settings.deals
      checks.push(
        ...(await dealChecks({
          salesforce: input.salesforce,
          hubspot: input.hubspot,
          accessToken: connection.hubspot.accessToken,
          basePath: connection.hubspot.basePath,
          mappings: configuredDealMappings(connection).filter((m) => m.rule !== 'none'),
          settings: { pipelines, maxSyncedPipelines },
          externalIdField: DEFAULT_EXTERNAL_ID_FIELD,
        })),
      )
    }
    // Activity sync on: the Task key field and the engagement properties (what --fix creates).
    checks.push(...(await activityChecks(connection, input.salesforce)))
    checks.push(await identityCheck(input, hubspot.portalId))
    // A token without the owners scope must not hide the other checks' lines (the scopes check names it).
    checks.push(
      await ownerCheck(input.salesforce, input.hubspot).catch((err: unknown): CheckResult => ({
        scope: 'salesforce',
        name: 'owners',
        ok: false,
        detail: describeFailure(err),
        fix: 'Fix what the credentials and HubSpot token scopes checks report, then run doctor again.',
      })),
    )
  }
  return { checks, credentialsFailed }
}

async function identityCheck(input: DoctorInput, portalId: string | undefined): Promise<CheckResult> {
  const connectionId = input.connection.id
  const org = await input.salesforce.identity()
  const observed = { connectionId, salesforceOrgId: org.orgId, hubspotPortalId: portalId ?? '' }
  const expectedPortal = input.connection.hubspot.portalId
  if (expectedPortal !== undefined && String(expectedPortal) !== observed.hubspotPortalId) {
    return {
      scope: 'store',
      name: 'org and portal identity',
      ok: false,
      detail: `the HubSpot token belongs to portal ${observed.hubspotPortalId}, the config says ${expectedPortal}`,
      fix: 'Use a token of the configured portal, or correct hubspot.portalId.',
    }
  }
  const stored = await input.store.getIdentity(connectionId)
  const comparison = compareConnectionIdentity(stored, observed)
  const now = `org ${observed.salesforceOrgId}, portal ${observed.hubspotPortalId}`
  if (comparison.kind === 'new')
    return {
      scope: 'store',
      name: 'org and portal identity',
      ok: true,
      detail: `${now} (recorded at the first sync)`,
    }
  if (comparison.kind === 'unchanged')
    return { scope: 'store', name: 'org and portal identity', ok: true, detail: `${now}, as recorded` }
  return {
    scope: 'store',
    name: 'org and portal identity',
    ok: false,
    detail:
      `${comparison.fields.join(' and ')} changed: the store recorded org ${stored?.salesforceOrgId ?? '?'}, ` +
      `portal ${stored?.hubspotPortalId ?? '?'}; the credentials now reach ${now}`,
    fix:
      'Point the credentials back at the recorded org and portal; a different org or portal (e.g. a ' +
      'full-copy sandbox) needs its own connection and store.',
  }
}
