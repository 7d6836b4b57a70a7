import { runSalesforceConnectorContract } from './testing/connector-contract.js'
import { startHarness } from './testing/sandbox-harness.js'

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
