import { runSalesforceConnectorContract } from './testing/connector-contract.js'
import { startHarness } from './testing/sandbox-harness.js'

// Once in an org without person accounts (the default) and once in one with them (B-PA), whose account,
// contact and doctor checks differ.
for (const personAccounts of [false, true]) {
  runSalesforceConnectorContract(
    personAccounts ? 'salesforce-sandbox with person accounts' : 'salesforce-sandbox',
    async () => {
      const h = await startHarness({ sandbox: { personAccounts } })
      return {
        connector: h.connector,
        connection: h.connection,
        runId: 'emu',
        convertedStatus: 'Closed - Converted',
        personAccounts,
        tick: () => {
          h.clock.advance(1_000)
          return Promise.resolve()
        },
        close: () => h.close(),
      }
    },
  )
}
