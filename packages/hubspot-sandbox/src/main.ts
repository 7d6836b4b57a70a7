import { parseArgs } from 'node:util'

import { startHubSpotSandbox } from './start.js'

// `hubspot-sandbox --port N --seed none|small|large [--time-zone ZONE]`: prints one ready line, closes on SIGINT/SIGTERM.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string', default: 'none' },
    'rate-limits': { type: 'string', default: 'professional' },
    logger: { type: 'boolean', default: false },
    'time-zone': { type: 'string' },
  },
})

const seed = values.seed
if (seed !== 'none' && seed !== 'small' && seed !== 'large') {
  console.error(`--seed must be none, small or large (got ${seed})`)
  process.exit(2)
}
const tier = values['rate-limits']
if (!['starter', 'professional', 'enterprise', 'unlimited'].includes(tier)) {
  console.error(`--rate-limits must be starter, professional, enterprise or unlimited (got ${tier})`)
  process.exit(2)
}

const sandbox = await startHubSpotSandbox({
  port: Number(values.port),
  host: values.host,
  seed: seed,
  logger: values.logger,
  rateLimits: { tier: tier as 'professional' },
  ...(values['time-zone'] === undefined ? {} : { timeZone: values['time-zone'] }),
})
process.stdout.write(
  `${JSON.stringify({ hubspot: { basePath: sandbox.basePath, accessToken: sandbox.accessToken } })}\n`,
)

let closing = false
const shutdown = (): void => {
  if (closing) return
  closing = true
  sandbox.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err)
      process.exit(1)
    },
  )
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
