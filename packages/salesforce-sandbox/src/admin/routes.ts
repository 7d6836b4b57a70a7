// The test-only admin API under /__sandbox/: reset, seed, clock, faults, counters, org automation.
import type { FastifyInstance } from 'fastify'

import { ControllableClock } from '../clock.js'
import { SfError } from '../errors.js'
import type { FaultSpec } from '../faults.js'
import type { CustomFieldMetadata } from '../metadata/custom-fields.js'
import { setMultiCurrency } from '../metadata/multi-currency.js'
import { orgSettings, setOrgSettings } from '../metadata/organization.js'
import { objectPermissions, setIntegrationUser, setObjectPermissions } from '../metadata/permission-sets.js'
import { setPersonAccounts } from '../metadata/person-accounts.js'
import { setStateCountryPicklists } from '../metadata/state-country.js'
import { setUserPermissions, userPermissions } from '../metadata/user-permissions.js'
import type { SeedSpec } from '../seed/generate.js'
import type { SandboxState } from '../state.js'
import type { AssignmentRuleConfig, ValidationRule } from '../store/org.js'
import { activityAdminRoutes } from './activity-routes.js'
import { invalidInput, objectBody } from './input.js'
import { applyLimits, limitsView } from './limits.js'

/** What the admin API needs from the app besides the state. */
export interface AdminHooks {
  reset(seed: SeedSpec): void
  seed(seed: SeedSpec): void
  addCustomField(fullName: string, metadata: CustomFieldMetadata): string
  setAssignmentRule(config: AssignmentRuleConfig): void
}

function seedSpec(body: unknown): SeedSpec {
  const b = (body ?? {}) as Partial<SeedSpec> & { seed?: unknown }
  const kind = b.kind ?? 'none'
  if (!['none', 'small', 'large'].includes(kind))
    throw new SfError(400, 'INVALID_INPUT', `unknown seed kind ${String(kind)}`)
  const spec: SeedSpec = { kind }
  if (typeof b.seed === 'number') spec.seed = b.seed
  if (typeof b.leads === 'number') spec.leads = b.leads
  return spec
}

export function adminRoutes(app: FastifyInstance, state: SandboxState, hooks: AdminHooks): void {
  const base = '/__sandbox'
  app.post(`${base}/reset`, (request) => {
    hooks.reset(seedSpec(request.body))
    return { ok: true }
  })
  app.post(`${base}/seed`, (request) => {
    hooks.seed(seedSpec(request.body))
    return {
      ok: true,
      counts: Object.fromEntries([...state.org.tables.values()].map((t) => [t.def.name, t.size])),
    }
  })

  app.get(`${base}/clock`, () => ({ now: new Date(state.clock.now()).toISOString() }))
  app.post(`${base}/clock`, (request) => {
    const body = (request.body ?? {}) as { advanceMs?: number; advanceSeconds?: number; set?: string }
    const clock = state.clock
    if (!(clock instanceof ControllableClock))
      throw new SfError(400, 'INVALID_INPUT', 'this sandbox was built with a fixed clock')
    try {
      if (body.set !== undefined) clock.set(Date.parse(body.set))
      clock.advance((body.advanceMs ?? 0) + (body.advanceSeconds ?? 0) * 1000)
    } catch (err) {
      throw invalidInput(err)
    }
    return { now: new Date(clock.now()).toISOString() }
  })

  app.get(`${base}/faults`, () => ({ faults: state.faults.list() }))
  app.put(`${base}/faults`, (request) => {
    const body = (request.body ?? {}) as { faults?: FaultSpec[]; seed?: number }
    state.faults.set(body.faults ?? [], body.seed)
    return { faults: state.faults.list() }
  })
  app.delete(`${base}/faults`, () => {
    state.faults.clear()
    return { faults: [] }
  })

  app.get(`${base}/counters`, () => ({
    apiUsage: { used: state.apiUsed, max: state.apiMax },
    requests: {
      inFlight: state.inFlight.size,
      longRunning: state.inFlight.longRunning(performance.now(), state.longRunningMs),
    },
    endpoints: Object.fromEntries(state.counters),
    clients: Object.fromEntries(state.clients),
  }))
  app.delete(`${base}/counters`, () => {
    state.counters.clear()
    state.clients.clear()
    state.apiUsed = 0
    return { ok: true }
  })

  app.get(`${base}/limits`, () => limitsView(state))
  app.put(`${base}/limits`, (request) => {
    applyLimits(state, request.body ?? {})
    return limitsView(state)
  })

  app.post(`${base}/tokens`, (request) => {
    const body = (request.body ?? {}) as { userId?: string; ttlSeconds?: number }
    return { accessToken: state.issueToken(body.userId ?? state.org.integrationUserId, body.ttlSeconds) }
  })
  app.delete(`${base}/tokens`, () => {
    // Expires every token, the default one included: the next API call answers INVALID_SESSION_ID.
    for (const info of state.tokens.values()) info.expiresAt = state.clock.now()
    return { ok: true }
  })

  app.put(`${base}/assignment-rule`, (request) => {
    hooks.setAssignmentRule((request.body ?? { active: false, entries: [] }) as AssignmentRuleConfig)
    return state.org.assignment
  })
  app.put(`${base}/validation-rules`, (request) => {
    const body = (request.body ?? {}) as { rules?: ValidationRule[] }
    state.org.validationRules = body.rules ?? []
    return { rules: state.org.validationRules }
  })
  app.get(`${base}/state-country-picklists`, () => ({ enabled: state.org.stateCountryPicklists }))
  app.put(`${base}/state-country-picklists`, (request) => {
    const body = (request.body ?? {}) as { enabled?: unknown }
    if (typeof body.enabled !== 'boolean')
      throw new SfError(400, 'INVALID_INPUT', 'enabled must be true or false')
    setStateCountryPicklists(state.org, body.enabled)
    return { enabled: state.org.stateCountryPicklists }
  })
  app.get(`${base}/person-accounts`, () => ({ enabled: state.org.personAccounts }))
  app.put(`${base}/person-accounts`, (request) => {
    const body = (request.body ?? {}) as { enabled?: unknown }
    if (typeof body.enabled !== 'boolean')
      throw new SfError(400, 'INVALID_INPUT', 'enabled must be true or false')
    setPersonAccounts(state.org, body.enabled)
    return { enabled: state.org.personAccounts }
  })
  app.get(`${base}/multi-currency`, () => ({ enabled: state.org.multiCurrency }))
  app.put(`${base}/multi-currency`, (request) => {
    const body = (request.body ?? {}) as { enabled?: unknown }
    if (typeof body.enabled !== 'boolean')
      throw new SfError(400, 'INVALID_INPUT', 'enabled must be true or false')
    setMultiCurrency(state.org, body.enabled)
    return { enabled: state.org.multiCurrency }
  })
  app.get(`${base}/user-permissions`, () => userPermissions(state.org))
  app.put(`${base}/user-permissions`, (request) => {
    const body = objectBody(request.body ?? {}, 'permission names to true or false')
    try {
      setUserPermissions(state.org, body)
    } catch (err) {
      throw invalidInput(err)
    }
    return userPermissions(state.org)
  })
  app.get(`${base}/org`, () => orgSettings(state.org))
  app.put(`${base}/org`, (request) => {
    try {
      return setOrgSettings(state.org, objectBody(request.body, 'org setting names (edition, isSandbox)'))
    } catch (err) {
      throw invalidInput(err)
    }
  })
  app.get(`${base}/object-permissions`, () => objectPermissions(state.org))
  app.put(`${base}/object-permissions`, (request) => {
    try {
      setObjectPermissions(state.org, objectBody(request.body, 'object names to permission objects'))
    } catch (err) {
      throw invalidInput(err)
    }
    return objectPermissions(state.org)
  })
  app.put(`${base}/integration-user`, (request) => {
    const { userId } = (request.body ?? {}) as { userId?: unknown }
    if (typeof userId !== 'string') throw new SfError(400, 'INVALID_INPUT', 'userId must be a User id')
    try {
      setIntegrationUser(state.org, userId)
    } catch (err) {
      throw invalidInput(err)
    }
    // A token of the new user: the old user's tokens stay valid but are no longer the integration user's.
    return {
      userId: state.org.integrationUserId,
      accessToken: state.issueToken(state.org.integrationUserId, undefined),
    }
  })
  app.post(`${base}/custom-fields`, (request) => {
    const body = (request.body ?? {}) as { fullName?: string; metadata?: CustomFieldMetadata }
    return { id: hooks.addCustomField(body.fullName ?? '', body.metadata ?? {}) }
  })
  activityAdminRoutes(app, state)
}
