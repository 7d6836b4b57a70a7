import { vi } from 'vitest'

import { runSalesforceConnectorContract } from './testing/connector-contract.js'
import { startHarness } from './testing/sandbox-harness.js'

vi.hoisted(() => {
  for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy'])
    delete process.env[name]
})

runSalesforceConnectorContract('salesforce-sandbox', async () => {
  const h = await startHarness()
  return {
    connector: h.connector,
    connection: h.connection,
    runId: 'emu',
    convertedStatus: 'Closed - Converted',
    tick: () => {
      h.clock.advance(1_000)
      return Promise.resolve()
    },
    close: () => h.close(),
  }
})
