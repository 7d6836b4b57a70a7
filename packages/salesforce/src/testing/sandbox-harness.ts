// Test harness: a Salesforce sandbox in-process plus a connector pointed at it through jsforce.
// Only *.emu.test.ts files import this; the sandbox is a test-time dependency of the connector.
import type { SalesforceConnector } from '@crmsync/core'
import type { Connection } from 'jsforce'
// eslint-disable-next-line no-restricted-imports -- emulator tests run the connector against the sandbox
import {
  type BuildOptions,
  ControllableClock,
  type Org,
  type RunningSandbox,
  sandboxStates,
  startSalesforceSandbox,
} from 'salesforce-sandbox'

import { connectSalesforce } from '../client.js'
import { createSalesforceConnector, type SalesforceConnectorOptions } from '../salesforce-connector.js'

export interface Harness {
  readonly sandbox: RunningSandbox
  readonly org: Org
  readonly clock: ControllableClock
  readonly connection: Connection
  readonly connector: SalesforceConnector
  /** Calls the sandbox's admin API (`/__sandbox/...`). */
  admin(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<unknown>
  /** Calls per endpoint the sandbox counted, e.g. `PATCH /services/data/:version/composite/sobjects`. */
  counters(): Promise<Record<string, number>>
  close(): Promise<void>
}

export interface HarnessOptions {
  readonly sandbox?: BuildOptions
  readonly connector?: Omit<SalesforceConnectorOptions, 'connection'>
}

/** Retries in tests wait 1 ms instead of seconds. */
const fastSleep = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1))

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  // A fixed start keeps SystemModstamps apart from the wall clock; the clock moves only when told to.
  const clock = new ControllableClock(Date.UTC(2026, 0, 5, 9, 0, 0))
  const sandbox = await startSalesforceSandbox({ clock, ...options.sandbox })
  const state = sandboxStates.get(sandbox.app)
  if (state === undefined) throw new Error('sandbox state not found')
  const connection = await connectSalesforce({
    kind: 'access-token',
    instanceUrl: sandbox.instanceUrl,
    accessToken: sandbox.accessToken,
  })
  const connector = createSalesforceConnector({ connection, sleep: fastSleep, ...options.connector })
  const admin = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${sandbox.instanceUrl}/__sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${await res.text()}`)
    return res.json()
  }
  return {
    sandbox,
    org: state.org,
    clock,
    connection,
    connector,
    admin,
    counters: async () =>
      ((await admin('GET', '/counters')) as { endpoints: Record<string, number> }).endpoints,
    close: () => sandbox.close(),
  }
}
