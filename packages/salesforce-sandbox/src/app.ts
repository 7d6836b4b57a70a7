// build(opts): the Salesforce sandbox as a Fastify app, one plugin per API family; no listen here.
import Fastify, { type FastifyInstance, type FastifyPluginCallback } from 'fastify'

import { duplicateRulesRoutes } from './admin/duplicate-rules-routes.js'
import { fieldAccessRoutes } from './admin/field-access-routes.js'
import { adminRoutes } from './admin/routes.js'
import { registerBodyParsers } from './body-parsers.js'
import { type Clock, ControllableClock } from './clock.js'
import { type DuplicateRule, setDuplicateRules } from './dml/duplicate-rules.js'
import type { FaultSpec } from './faults.js'
import { registerHooks } from './hooks.js'
import { addCustomField, type CustomFieldMetadata } from './metadata/custom-fields.js'
import { setFieldHidden, setFieldReadOnly, setPicklistRestricted } from './metadata/field-access.js'
import { setMultiCurrency } from './metadata/multi-currency.js'
import { type Edition, setOrgSettings } from './metadata/organization.js'
import { setObjectPermissions, writeObjectPermissionRows } from './metadata/permission-sets.js'
import { setPersonAccounts } from './metadata/person-accounts.js'
import { setStateCountryPicklists } from './metadata/state-country.js'
import { setUserPermissions } from './metadata/user-permissions.js'
import { compositeRoutes } from './routes/composite.js'
import { discoveryRoutes } from './routes/discovery.js'
import { type OAuthOptions, oauthRoutes } from './routes/oauth.js'
import { queryRoutes } from './routes/query.js'
import { soapRoutes } from './routes/soap.js'
import { sobjectRoutes } from './routes/sobjects.js'
import { createToolingOrg, recordCustomField, toolingRoutes } from './routes/tooling.js'
import { type SeedKind, seedRecords, type SeedSpec } from './seed/generate.js'
import { seedOrgMetadata } from './seed/org-metadata.js'
import { SandboxState } from './state.js'
import type { AssignmentRuleConfig, Org, ValidationRule } from './store/org.js'

export interface BuildOptions {
  /** Source of "now" for every timestamp and the Date header; default a ControllableClock at wall time. */
  clock?: Clock
  /** Sample data: 'none' (metadata only, the default), 'small', 'large', or a kind with a random seed. */
  seed?: SeedKind | SeedSpec
  /** Faults active from the start; default none. */
  faults?: FaultSpec[]
  /** Fastify request logging; default false. */
  logger?: boolean
  /**
   * DailyApiRequests maximum, whatever the edition and licences; default the edition's allocation for
   * `licences`, or 5,000,000 without them.
   */
  apiLimit?: number
  /**
   * Salesforce licences: the daily limit becomes the edition's allocation (api-allocation.ts, B-API-5:
   * Enterprise and Professional 100,000 + 1,000 each, Unlimited 100,000 + 5,000 each, Developer 15,000).
   * Default none.
   */
  licences?: number
  /** Purchased API Call Add-Ons, added to the licences' allocation; default 0. */
  apiAddOnCalls?: number
  /** A request running this long counts as long-running (at most 25 at once, 5 in Developer); default 20,000. */
  longRunningMs?: number
  /** Every SOQL query waits this long before answering, a slow org for concurrency tests; default 0. */
  queryDelayMs?: number
  /** Lifetime of tokens from the OAuth endpoint; default 7200 seconds. */
  tokenTtlSeconds?: number
  /** Credentials the OAuth endpoint (and, for the password, SOAP login) checks; default accepts any. */
  oauth?: OAuthOptions
  /** The pre-issued, non-expiring token; default a fixed `00D…!AQ…` string. */
  accessToken?: string
  /** Extra custom fields created at start (the HubSpot id fields always exist). */
  customFields?: { fullName: string; metadata: CustomFieldMetadata }[]
  /** Validation rules active from the start; default none. */
  validationRules?: ValidationRule[]
  /** The Lead assignment rule; default inactive. */
  assignmentRule?: AssignmentRuleConfig
  /** State and Country/Territory Picklists on from the start (code fields, validated addresses); default off. */
  stateCountryPicklists?: boolean
  /** Person Accounts on from the start (person fields, the PersonAccount record type); default off. */
  personAccounts?: boolean
  /** Multiple currencies on from the start (CurrencyType, CurrencyIsoCode on records); default off. */
  multiCurrency?: boolean
  /** Fields read-only for the integration user by field-level security, as `Object.Field`; default none. */
  readOnlyFields?: string[]
  /** Fields field-level security hides from the integration user (absent from describe), as `Object.Field`. */
  hiddenFields?: string[]
  /** Picklists restricted to their value set besides Salesforce's own, as `Object.Field`; default none. */
  restrictedPicklists?: string[]
  /** Duplicate rules active from the start; default none. */
  duplicateRules?: DuplicateRule[]
  /** The edition; default Enterprise. Group Edition answers every API call with API_DISABLED_FOR_ORG. */
  edition?: Edition
  /** A sandbox org (Organization.IsSandbox true); default production. */
  isSandbox?: boolean
  /** The integration user's system permissions (UserPermissionAccess names); default all granted. */
  userPermissions?: Record<string, boolean>
  /** The integration user's object permissions (`{Opportunity: {PermissionsEdit: false}}`); default full. */
  objectPermissions?: Record<string, Record<string, boolean>>
}

/** The in-process state behind an app built by `build`, for tests and benchmarks that load data directly. */
export const sandboxStates = new WeakMap<FastifyInstance, { state: SandboxState; org: Org }>()

export const DEFAULT_ACCESS_TOKEN_SUFFIX = '!AQsandbox.integration.token'

/** Wraps a route-registering function as an encapsulated Fastify plugin (one per API family). */
function plugin(register: (scope: FastifyInstance) => void): FastifyPluginCallback {
  return (scope, _opts, done) => {
    register(scope)
    done()
  }
}

function toSpec(seed: SeedKind | SeedSpec | undefined): SeedSpec {
  if (seed === undefined) return { kind: 'none' }
  return typeof seed === 'string' ? { kind: seed } : seed
}

export async function build(opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 64 * 1024 * 1024,
    // Salesforce answers `/sobjects/Lead/` as `/sobjects/Lead`; the router option applies that to every
    // route (query strings kept), so no route registers a second, slashed path.
    routerOptions: { maxParamLength: 2000, ignoreTrailingSlash: true },
  })
  const state = new SandboxState(
    opts.clock ?? new ControllableClock(),
    opts.apiLimit,
    opts.tokenTtlSeconds ?? 7200,
    opts.licences,
  )
  state.apiAddOnCalls = opts.apiAddOnCalls ?? 0
  if (opts.longRunningMs !== undefined) state.longRunningMs = opts.longRunningMs
  state.queryDelayMs = opts.queryDelayMs ?? 0
  let tooling = createToolingOrg(state)

  const setAssignmentRule = (config: AssignmentRuleConfig): void => {
    state.org.assignment = {
      active: config.active === true,
      entries: config.entries ?? [],
      ...(config.defaultOwnerId ? { defaultOwnerId: config.defaultOwnerId } : {}),
    }
    const rules = state.org.table('AssignmentRule')!
    for (const row of [...rules.rows()])
      if (row['SobjectType'] === 'Lead') rules.put({ ...row, Active: state.org.assignment.active })
  }
  const addField = (fullName: string, metadata: CustomFieldMetadata): string => {
    addCustomField(state.org, fullName, metadata)
    return recordCustomField(state, tooling, fullName, metadata)
  }
  const reset = (seed: SeedSpec): void => {
    state.org.resetSchema()
    tooling = createToolingOrg(state)
    seedOrgMetadata(state.org)
    state.tokens.clear()
    state.cursors.clear()
    state.counters.clear()
    state.clients.clear()
    state.apiUsed = 0
    state.defaultToken = opts.accessToken ?? `${state.org.orgId.slice(0, 15)}${DEFAULT_ACCESS_TOKEN_SUFFIX}`
    state.tokens.set(state.defaultToken, { userId: state.org.integrationUserId, expiresAt: undefined })
    for (const f of opts.customFields ?? []) addField(f.fullName, f.metadata)
    state.org.validationRules = [...(opts.validationRules ?? [])]
    if (opts.assignmentRule) setAssignmentRule(opts.assignmentRule)
    if (opts.stateCountryPicklists === true) setStateCountryPicklists(state.org, true)
    if (opts.personAccounts === true) setPersonAccounts(state.org, true)
    if (opts.multiCurrency === true) setMultiCurrency(state.org, true)
    for (const field of opts.readOnlyFields ?? []) setFieldReadOnly(state.org, field, true)
    for (const field of opts.hiddenFields ?? []) setFieldHidden(state.org, field, true)
    for (const field of opts.restrictedPicklists ?? []) setPicklistRestricted(state.org, field, true)
    setDuplicateRules(state.org, opts.duplicateRules ?? [])
    // The objects the settings above add get their ObjectPermissions rows.
    writeObjectPermissionRows(state.org)
    setOrgSettings(state.org, {
      ...(opts.edition === undefined ? {} : { edition: opts.edition }),
      ...(opts.isSandbox === undefined ? {} : { isSandbox: opts.isSandbox }),
    })
    if (opts.userPermissions) setUserPermissions(state.org, opts.userPermissions)
    if (opts.objectPermissions) setObjectPermissions(state.org, opts.objectPermissions)
    seedRecords(state.org, seed)
  }
  reset(toSpec(opts.seed))
  if (opts.faults) state.faults.set(opts.faults)
  sandboxStates.set(app, { state, org: state.org })

  registerBodyParsers(app)
  registerHooks(app, state)
  await app.register(plugin((scope) => oauthRoutes(scope, state, opts.oauth ?? {})))
  await app.register(plugin((scope) => discoveryRoutes(scope, state)))
  await app.register(plugin((scope) => sobjectRoutes(scope, state)))
  await app.register(plugin((scope) => queryRoutes(scope, state)))
  await app.register(plugin((scope) => compositeRoutes(scope, state)))
  await app.register(plugin((scope) => toolingRoutes(scope, state, () => tooling)))
  await app.register(plugin((scope) => soapRoutes(scope, state, opts.oauth ?? {})))
  await app.register(
    plugin((scope) =>
      adminRoutes(scope, state, {
        reset,
        seed: (spec) => seedRecords(state.org, spec),
        addCustomField: addField,
        setAssignmentRule,
      }),
    ),
  )
  await app.register(plugin((scope) => fieldAccessRoutes(scope, state)))
  await app.register(plugin((scope) => duplicateRulesRoutes(scope, state)))
  return app
}

/** The access token that build() pre-issues for the integration user. */
export function defaultAccessToken(app: FastifyInstance): string {
  const entry = sandboxStates.get(app)
  if (!entry) throw new Error('not a sandbox app')
  return entry.state.defaultToken
}
