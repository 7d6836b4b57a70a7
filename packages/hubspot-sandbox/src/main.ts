import { parseArgs } from 'node:util'

import { startHubSpotSandbox } from './start.js'

// `hubspot-sandbox --port N --seed none|small|large [--time-zone ZONE] [--portal-id ID] [--access-token TOKEN]
// [--scopes a,b] [--daily-limit N] [--user-not-admin]`: prints one ready line, closes on SIGINT/SIGTERM.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string', default: 'none' },
    'rate-limits': { type: 'string', default: 'professional' },
    logger: { type: 'boolean', default: false },
    'time-zone': { type: 'string' },
    'portal-id': { type: 'string' },
    'access-token': { type: 'string' },
    scopes: { type: 'string' },
    'daily-limit': { type: 'string' },
    'user-not-admin': { type: 'boolean', default: false },
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

const positive = (flag: string, raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!Number.isSafeInteger(value) || value < 1) {
    console.error(`--${flag} must be a positive integer (got ${raw})`)
    process.exit(2)
  }
  return value
}
const portalId = positive('portal-id', values['portal-id'])
const daily = positive('daily-limit', values['daily-limit'])
const token = values['access-token']
if (token !== undefined && !/^[\x21-\x7e]+$/.test(token)) {
  console.error('--access-token must be printable ASCII with no spaces')
  process.exit(2)
}
const scopes = values.scopes
  ?.split(',')
  .map((scope) => scope.trim())
  .filter((scope) => scope !== '')

const sandbox = await startHubSpotSandbox({
  port: Number(values.port),
  host: values.host,
  seed: seed,
  logger: values.logger,
  rateLimits: { tier: tier as 'professional', ...(daily === undefined ? {} : { daily }) },
  ...(values['time-zone'] === undefined ? {} : { timeZone: values['time-zone'] }),
  ...(portalId === undefined ? {} : { portalId }),
  ...(token === undefined ? {} : { accessToken: token }),
  ...(scopes === undefined ? {} : { scopes }),
  ...(values['user-not-admin'] ? { user: { superAdmin: false } } : {}),
})
process.stdout.write(
  `${JSON.stringify({
    hubspot: { basePath: sandbox.basePath, accessToken: sandbox.accessToken, portalId: sandbox.portalId },
  })}\n`,
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
