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
}

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
    .action(async (flags: SandboxFlags) => {
      let salesforcePort: number
      let hubspotPort: number
      try {
        salesforcePort = parsePort('salesforce-port', flags.salesforcePort)
        hubspotPort = parsePort('hubspot-port', flags.hubspotPort)
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
      const hubspot = await startHubSpotSandbox({
        port: hubspotPort,
        host: flags.host,
        seed,
        ...(flags.hubspotTimeZone === undefined ? {} : { timeZone: flags.hubspotTimeZone }),
      }).catch(async (err: unknown) => {
        await salesforce.close()
        throw err
      })
      const ready = {
        salesforce: { instanceUrl: salesforce.instanceUrl, accessToken: salesforce.accessToken },
        hubspot: { basePath: hubspot.basePath, accessToken: hubspot.accessToken, portalId: hubspot.portalId },
      }
      io.stdout.write(`${JSON.stringify(ready)}\n`)
      await waitForAbort(io.shutdown)
      await Promise.all([salesforce.close(), hubspot.close()])
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
