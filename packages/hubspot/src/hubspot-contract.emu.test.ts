import { type RunningHubSpotSandbox, startHubSpotSandbox } from 'hubspot-sandbox'
import { afterAll, beforeAll } from 'vitest'

import { createHubSpotConnector } from './hubspot-connector.js'
import { runHubSpotConnectorContract } from './testing/hubspot-contract.js'

let sandbox: RunningHubSpotSandbox

beforeAll(async () => {
  sandbox = await startHubSpotSandbox({ seed: 'small' })
})
afterAll(async () => {
  await sandbox.close()
})

runHubSpotConnectorContract({
  target: 'sandbox',
  makeConnector: () =>
    createHubSpotConnector({ accessToken: sandbox.accessToken, basePath: sandbox.basePath }),
})

// On demand, the same contract against a real developer portal, to catch sandbox drift (style guide item 19).
const liveToken = process.env['CRMSYNC_HUBSPOT_LIVE_TOKEN']
if (liveToken !== undefined && liveToken !== '') {
  runHubSpotConnectorContract({
    target: 'live portal',
    makeConnector: () => createHubSpotConnector({ accessToken: liveToken }),
  })
}
