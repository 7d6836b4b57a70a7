import { sandboxAdmin, type SandboxPair } from '../testing/sandbox-pair.js'

/** The Salesforce sandbox's admin API (`/__sandbox/...`), as the scenarios of API usage call it. */
export async function salesforceAdmin<T>(
  pair: SandboxPair,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  return (await sandboxAdmin(pair.salesforce.instanceUrl, method, path, body)) as T
}

/** API calls the Salesforce sandbox counted (the org's usage since the last counter reset). */
export async function salesforceCallsCounted(pair: SandboxPair): Promise<number> {
  const counters = await salesforceAdmin<{ apiUsage: { used: number } }>(pair, 'GET', '/counters')
  return counters.apiUsage.used
}

/** Salesforce calls the store holds for the scenario connection in the 24 h before the engine's now. */
export function storedSalesforceCalls(pair: SandboxPair): Promise<number> {
  const now = pair.deps.clock.now()
  return pair.store.sumApiCalls({
    connectionId: 'scenario',
    side: 'salesforce',
    from: now - 24 * 60 * 60_000,
    to: now + 1,
  })
}
