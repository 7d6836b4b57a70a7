// The `salesforce-sandbox` bin: `salesforce-sandbox --port N --seed none|small|large [--seed-value N]
// [--state-country-picklists] [--person-accounts] [--multi-currency] [--edition E] [--is-sandbox]
// [--no-api-enabled] [--licences N]`.
import { parseArgs } from 'node:util'

import { EDITIONS, isEdition } from './metadata/organization.js'
import type { SeedKind } from './seed/generate.js'
import { startSalesforceSandbox } from './start.js'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string', default: 'none' },
    'seed-value': { type: 'string', default: '42' },
    logger: { type: 'boolean', default: false },
    'state-country-picklists': { type: 'boolean', default: false },
    'person-accounts': { type: 'boolean', default: false },
    'multi-currency': { type: 'boolean', default: false },
    edition: { type: 'string', default: 'Enterprise' },
    'is-sandbox': { type: 'boolean', default: false },
    'no-api-enabled': { type: 'boolean', default: false },
    licences: { type: 'string' },
  },
})

const kind = values.seed as SeedKind
if (!['none', 'small', 'large'].includes(kind)) {
  process.stderr.write(`--seed must be none, small or large (got ${kind})\n`)
  process.exit(2)
}

const edition = values.edition
if (!isEdition(edition)) {
  process.stderr.write(`--edition must be one of ${EDITIONS.join(', ')} (got ${edition})\n`)
  process.exit(2)
}

// B-API-5: with licences the daily API limit follows the edition (api-allocation.ts).
const licences = values.licences === undefined ? undefined : Number(values.licences)
if (licences !== undefined && !(Number.isInteger(licences) && licences >= 0)) {
  process.stderr.write(`--licences must be a whole number (got ${values.licences})\n`)
  process.exit(2)
}

const sandbox = await startSalesforceSandbox({
  port: Number(values.port),
  host: values.host,
  seed: { kind, seed: Number(values['seed-value']) },
  logger: values.logger,
  stateCountryPicklists: values['state-country-picklists'],
  personAccounts: values['person-accounts'],
  multiCurrency: values['multi-currency'],
  edition,
  isSandbox: values['is-sandbox'],
  ...(values['no-api-enabled'] ? { userPermissions: { PermissionsApiEnabled: false } } : {}),
  ...(licences === undefined ? {} : { licences }),
})
process.stdout.write(
  `${JSON.stringify({ salesforce: { instanceUrl: sandbox.instanceUrl, accessToken: sandbox.accessToken } })}\n`,
)

const stop = (): void => {
  void sandbox.close().then(() => process.exit(0))
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
