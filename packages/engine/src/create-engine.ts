import type { Engine, EngineDeps } from './engine-types.js'

/** Builds the engine of one connection over injected store, connectors, clock and logger. */
export function createEngine(deps: EngineDeps): Engine {
  const notYet = (): Promise<never> =>
    Promise.reject(new Error(`engine for ${deps.connection.id}: not implemented yet`))
  return { checkIdentity: notYet, syncOnce: notYet, runCycle: notYet }
}
