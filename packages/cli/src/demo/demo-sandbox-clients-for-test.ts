import { connectSalesforce } from '@crmsync/salesforce'
import { Client } from '@hubspot/api-client'
import type { Connection } from 'jsforce'

import type { DemoForTest } from './start-demo-for-test.js'

/** The official clients on the demo's own sandboxes, as a user editing in either CRM would have them. */
export interface DemoSandboxClients {
  readonly salesforceUrl: string
  readonly hubspotUrl: string
  readonly salesforce: Connection
  readonly hubspot: Client
  /** PUTs the Salesforce org's validation rules (the sandbox's admin API), e.g. to make a record fail. */
  validationRules(rules: readonly object[]): Promise<void>
}

/** A HubSpot token of the test's own (another private app), so the test never needs the demo's. */
const TEST_HUBSPOT_TOKEN = 'browser-test-private-app'

/**
 * Reads the sandboxes' URLs from the demo's output and opens the official clients on them with tokens the
 * sandboxes issue to the test through their admin APIs (the demo's tokens stay in the demo).
 */
export async function openDemoSandboxClients(demo: DemoForTest): Promise<DemoSandboxClients> {
  const [, salesforceUrl = '', hubspotUrl = ''] = await demo.line(
    /Salesforce sandbox (https?:\/\/[^\s,]+),? HubSpot sandbox (https?:\/\/[^\s,]+)/,
  )
  const admin = async (url: string, method: string, body: object): Promise<unknown> => {
    const res = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`)
    return res.json()
  }
  const issued = (await admin(`${salesforceUrl}/__sandbox/tokens`, 'POST', {})) as { accessToken: string }
  await admin(`${hubspotUrl}/__sandbox/tokens`, 'POST', { token: TEST_HUBSPOT_TOKEN })
  return {
    salesforceUrl,
    hubspotUrl,
    salesforce: await connectSalesforce({
      kind: 'access-token',
      instanceUrl: salesforceUrl,
      accessToken: issued.accessToken,
    }),
    hubspot: new Client({ accessToken: TEST_HUBSPOT_TOKEN, basePath: hubspotUrl }),
    validationRules: async (rules) =>
      void (await admin(`${salesforceUrl}/__sandbox/validation-rules`, 'PUT', { rules })),
  }
}
