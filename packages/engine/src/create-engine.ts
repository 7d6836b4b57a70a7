import { EngineState } from './engine-state.js'
import type { Engine, EngineDeps } from './engine-types.js'
import { ensureIdentity } from './identity.js'
import { ACTIVITY_KIND } from './kinds/activity/activity-kind.js'
import { COMPANY_KIND } from './kinds/company/company-kind.js'
import { CONTACT_KIND } from './kinds/contact/contact-kind.js'
import { ASSOCIATION_KIND } from './kinds/contact-company/association-kind.js'
import { DEAL_KIND } from './kinds/deal/deal-kind.js'
import { DEAL_CONTACT_KIND } from './kinds/deal-contact/deal-contact-kind.js'
import { disconnectConnection, pauseConnection, resumeConnection } from './run/connection-control.js'
import { beforeFirstCycle } from './run/connection-life.js'
import { kindCycles } from './run/kind-cycle.js'
import type { EngineContext } from './run/run-cycle.js'
import { runSync } from './run/run-sync.js'
import { resolveSetup } from './setup.js'

/**
 * The object kinds in the order of design.md 3.4's passes: owners and contacts, then companies, then the
 * contacts' company references and deals (pass 3). Companies run only while company sync is on, deals only
 * while deal sync is on too.
 */
const CONTACTS_ONLY = [kindCycles(CONTACT_KIND)]
const WITH_COMPANIES = [kindCycles(CONTACT_KIND), kindCycles(COMPANY_KIND), kindCycles(ASSOCIATION_KIND)]
/** Deals need company sync (B-DEAL-15): they run after the contacts' company references. */
const WITH_DEALS = [...WITH_COMPANIES, kindCycles(DEAL_KIND), kindCycles(DEAL_CONTACT_KIND)]

/** Activity sync in either direction is switched on (settings.activities). */
function activitiesOn(deps: EngineDeps): boolean {
  const { toSalesforce, fromSalesforce } = deps.connection.settings.activities
  return toSalesforce.length > 0 || fromSalesforce.length > 0
}

/**
 * Builds the engine of one connection from one options object: the store, both connectors, the clock, the
 * logger and one frozen connection of the configuration (design.md 3.4). Everything it keeps lives in the
 * returned engine (engine-state.ts), nothing in module scope.
 */
export function createEngine(deps: EngineDeps): Engine {
  const base = resolveSetup(deps)
  const engine: EngineContext = {
    deps,
    base,
    state: new EngineState(deps),
    kinds: [
      ...(base.companies === undefined
        ? CONTACTS_ONLY
        : base.deals === undefined
          ? WITH_COMPANIES
          : WITH_DEALS),
      // Timeline sync last, after every contact it may have triggered (B-ACT-9) has had its pass.
      ...(activitiesOn(deps) ? [kindCycles(ACTIVITY_KIND)] : []),
    ],
  }
  return {
    checkIdentity: () =>
      beforeFirstCycle(engine, async () => {
        await ensureIdentity(deps, deps.store, engine.state)
      }),
    beforeFirstCycle: (check) => beforeFirstCycle(engine, check),
    syncOnce: (options = {}) =>
      runSync(engine, {
        dryRun: options.dryRun,
        salesforceImport: options.salesforceImport,
        settleThrough: options.settleThrough,
        onIndexWait: options.onIndexWait,
      }),
    runCycle: () => runSync(engine, {}),
    pause: () => pauseConnection(engine),
    resume: (options) => resumeConnection(engine, options),
    disconnect: () => disconnectConnection(engine),
    resync: (hubspotIds, options = {}) =>
      runSync(engine, { dryRun: options.dryRun, resync: hubspotIds, resyncKind: options.objectKind }),
  }
}
