import { EngineState } from './engine-state.js'
import type { Engine, EngineDeps } from './engine-types.js'
import { ensureIdentity } from './identity.js'
import { CONTACT_KIND } from './kinds/contact/contact-kind.js'
import { kindCycles } from './run/kind-cycle.js'
import type { EngineContext } from './run/run-cycle.js'
import { runSync } from './run/run-sync.js'
import { resolveSetup } from './setup.js'

/** The object kinds in the order of design.md 3.4's passes; companies and deals join here. */
const KINDS = [kindCycles(CONTACT_KIND)]

/**
 * Builds the engine of one connection from one options object: the store, both connectors, the clock, the
 * logger and one frozen connection of the configuration (design.md 3.4). Everything it keeps lives in the
 * returned engine (engine-state.ts), nothing in module scope.
 */
export function createEngine(deps: EngineDeps): Engine {
  const engine: EngineContext = {
    deps,
    base: resolveSetup(deps),
    state: new EngineState(deps),
    kinds: KINDS,
  }
  return {
    checkIdentity: async () => {
      await ensureIdentity(deps, deps.store, engine.state)
    },
    syncOnce: (options = {}) =>
      runSync(engine, {
        dryRun: options.dryRun,
        salesforceImport: options.salesforceImport,
        settleThrough: options.settleThrough,
        onIndexWait: options.onIndexWait,
      }),
    runCycle: () => runSync(engine, {}),
    resync: (hubspotIds, options = {}) => runSync(engine, { dryRun: options.dryRun, resync: hubspotIds }),
  }
}
