// The connector contract against a real Salesforce sandbox org, on demand (style item 19). Skipped unless
// CRMSYNC_SF_LIVE_LOGIN_URL, CRMSYNC_SF_LIVE_CLIENT_ID and CRMSYNC_SF_LIVE_CLIENT_SECRET are set (a connected app
// with the client-credentials flow). It writes test Leads, Contacts and Accounts into that org.
// CRMSYNC_SF_LIVE_PERSON_ACCOUNTS=true|false states whether the org has person accounts (unset: not checked).
import { describe, it } from 'vitest'

import { connectSalesforce } from './client.js'
import { createSalesforceConnector } from './salesforce-connector.js'
import { runSalesforceConnectorContract } from './testing/connector-contract.js'

const env = {
  loginUrl: process.env['CRMSYNC_SF_LIVE_LOGIN_URL'],
  clientId: process.env['CRMSYNC_SF_LIVE_CLIENT_ID'],
  clientSecret: process.env['CRMSYNC_SF_LIVE_CLIENT_SECRET'],
}
const { loginUrl, clientId, clientSecret } = env
const personAccounts = process.env['CRMSYNC_SF_LIVE_PERSON_ACCOUNTS']

if (loginUrl === undefined || clientId === undefined || clientSecret === undefined) {
  describe('Salesforce connector contract: live org', () => {
    it.skip('needs CRMSYNC_SF_LIVE_LOGIN_URL, CRMSYNC_SF_LIVE_CLIENT_ID and CRMSYNC_SF_LIVE_CLIENT_SECRET', () => {})
  })
} else {
  runSalesforceConnectorContract('live org', async () => {
    const connection = await connectSalesforce({
      kind: 'client-credentials',
      loginUrl,
      clientId,
      clientSecret,
    })
    return {
      connector: createSalesforceConnector({ connection }),
      connection,
      runId: `live${Date.now().toString(36)}`,
      convertedStatus: process.env['CRMSYNC_SF_LIVE_CONVERTED_STATUS'] ?? 'Closed - Converted',
      personAccounts: personAccounts === undefined ? undefined : personAccounts === 'true',
      tick: () => new Promise((resolve) => setTimeout(resolve, 1_100)),
      close: () => Promise.resolve(),
    }
  })
}
