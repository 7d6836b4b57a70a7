import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'

const SEEDS = ['none', 'small', 'large'] as const
type Seed = (typeof SEEDS)[number]

interface SandboxFlags {
  readonly salesforcePort: string
  readonly hubspotPort: string
  readonly seed: string
  readonly host: string
  readonly hubspotTimeZone?: string
  readonly hubspotPortalId?: string
  readonly hubspotToken?: string
  readonly hubspotPortals: string
}

/** One HubSpot portal to start: its port, portal id and token. */
interface PortalPlan {
  readonly port: number
  readonly portalId: number | undefined
  readonly accessToken: string | undefined
}

/** The most portals one command starts side by side; more is a typo rather than a plan. */
const MAX_PORTALS = 10

function parsePositive(flag: string, value: string, max: number): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < 1 || n > max) {
    throw new UsageError(`--${flag} must be a whole number from 1 to ${max} (got ${value})`)
  }
  return n
}

/**
 * Portal n (0-based) listens on the next port after portal n-1 (any free port when --hubspot-port is 0),
 * has the next portal id and the token with `-${n + 1}` appended; the first is exactly as the flags say.
 */
function planPortals(flags: SandboxFlags, hubspotPort: number): PortalPlan[] {
  const count = parsePositive('hubspot-portals', flags.hubspotPortals, MAX_PORTALS)
  const portalId =
    flags.hubspotPortalId === undefined
      ? undefined
      : parsePositive('hubspot-portal-id', flags.hubspotPortalId, Number.MAX_SAFE_INTEGER - MAX_PORTALS)
  const token = flags.hubspotToken
  if (token !== undefined && !/^[\x21-\x7e]{1,300}$/.test(token)) {
    throw new UsageError('--hubspot-token must be 1 to 300 printable ASCII characters with no spaces')
  }
  if (hubspotPort !== 0 && hubspotPort + count - 1 > 65_535) {
    throw new UsageError(`--hubspot-port ${hubspotPort} leaves no room for ${count} portals`)
  }
  return Array.from({ length: count }, (_, n) => ({
    port: hubspotPort === 0 ? 0 : hubspotPort + n,
    portalId: n === 0 ? portalId : (portalId ?? DEFAULT_PORTAL_ID) + n,
    accessToken: n === 0 ? token : `${token ?? DEFAULT_TOKEN}-${n + 1}`,
  }))
}

// The HubSpot sandbox's defaults (its options.ts), repeated so this file need not load the sandbox to plan.
const DEFAULT_PORTAL_ID = 62515
const DEFAULT_TOKEN = 'pat-na1-sandbox-0001'

function parsePort(flag: string, value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--${flag} must be a port number between 0 and 65535 (got ${value})`)
  }
  return port
}

class UsageError extends Error {
  override readonly name = 'UsageError'
}

/**
 * `crmsync sandbox`: both sandboxes in the foreground (design.md 4.1). When both listen it prints ONE JSON
 * line on stdout, which scripts and tests parse; it stops when io.shutdown is aborted (SIGINT/SIGTERM).
 * `--hubspot-portals N` starts N HubSpot portals side by side (several portals on one org, B-MULTI-1): the
 * line's `hubspot` is the first, `hubspotPortals` lists them all.
 */
export function registerSandboxCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: ExitCode) => void,
): void {
  program
    .command('sandbox')
    .description('run the Salesforce and HubSpot sandboxes; prints one JSON line with their URLs and tokens')
    .option('--salesforce-port <port>', 'port of the Salesforce sandbox (0 = any free port)', '0')
    .option('--hubspot-port <port>', 'port of the HubSpot sandbox (0 = any free port)', '0')
    .option(
      '--seed <seed>',
      'none | small | large: an empty org and portal with metadata, or sample data',
      'none',
    )
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option(
      '--hubspot-time-zone <zone>',
      "the HubSpot portal's time zone (account info; date <-> datetime mappings go through it) (default: US/Eastern)",
    )
    .option('--hubspot-portal-id <id>', 'the HubSpot portal (hub) id (default: 62515)')
    .option(
      '--hubspot-token <token>',
      'the private-app token the HubSpot portal accepts (a throw-away sandbox token) (default: pat-na1-sandbox-0001)',
    )
    .option(
      '--hubspot-portals <n>',
      'start N HubSpot portals side by side: each next one on the next port (or any free port), with the ' +
        'next portal id and the token with -2, -3... appended',
      '1',
    )
    .action(async (flags: SandboxFlags) => {
      let salesforcePort: number
      let portals: PortalPlan[]
      try {
        salesforcePort = parsePort('salesforce-port', flags.salesforcePort)
        portals = planPortals(flags, parsePort('hubspot-port', flags.hubspotPort))
        if (!SEEDS.includes(flags.seed as Seed)) {
          throw new UsageError(`--seed must be one of ${SEEDS.join(', ')} (got ${flags.seed})`)
        }
        if (flags.hubspotTimeZone !== undefined && !isTimeZone(flags.hubspotTimeZone)) {
          throw new UsageError(`--hubspot-time-zone: unknown time zone ${flags.hubspotTimeZone}`)
        }
      } catch (err) {
        if (!(err instanceof UsageError)) throw err
        io.stderr.write(`crmsync sandbox: ${err.message}\n`)
        setExitCode(EXIT_CODES.usage)
        return
      }
      const seed = flags.seed as Seed
      // Loaded here, not at the top: the sandboxes cost seconds to load (program.ts).
      const [{ startSalesforceSandbox }, { startHubSpotSandbox }] = await Promise.all([
        import('salesforce-sandbox'),
        import('hubspot-sandbox'),
      ])
      const salesforce = await startSalesforceSandbox({
        port: salesforcePort,
        host: flags.host,
        seed: { kind: seed },
      })
      const hubspots: Array<Awaited<ReturnType<typeof startHubSpotSandbox>>> = []
      try {
        // One after another, so a fixed --hubspot-port that is taken fails before the next one starts.
        for (const plan of portals) {
          hubspots.push(
            await startHubSpotSandbox({
              port: plan.port,
              host: flags.host,
              seed,
              ...(flags.hubspotTimeZone === undefined ? {} : { timeZone: flags.hubspotTimeZone }),
              ...(plan.portalId === undefined ? {} : { portalId: plan.portalId }),
              ...(plan.accessToken === undefined ? {} : { accessToken: plan.accessToken }),
            }),
          )
        }
      } catch (err) {
        await Promise.all([salesforce.close(), ...hubspots.map((hubspot) => hubspot.close())])
        throw err
      }
      const described = hubspots.map((hubspot) => ({
        basePath: hubspot.basePath,
        accessToken: hubspot.accessToken,
        portalId: hubspot.portalId,
      }))
      const ready = {
        salesforce: { instanceUrl: salesforce.instanceUrl, accessToken: salesforce.accessToken },
        hubspot: described[0],
        ...(described.length > 1 ? { hubspotPortals: described } : {}),
      }
      io.stdout.write(`${JSON.stringify(ready)}\n`)
      await waitForAbort(io.shutdown)
      await Promise.all([salesforce.close(), ...hubspots.map((hubspot) => hubspot.close())])
      setExitCode(EXIT_CODES.ok)
    })
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

function waitForAbort(signal: AbortSignal | undefined): Promise<void> {
  // Without a signal (a test that only wants the ready line) the sandboxes would run forever; refuse that.
  if (signal === undefined)
    return Promise.reject(new Error('crmsync sandbox needs io.shutdown to know when to stop'))
  if (signal.aborted) return Promise.resolve()
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))
}
