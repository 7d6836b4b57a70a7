import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'

interface DemoFlags {
  readonly duration?: string
  readonly durationSeconds?: string
  readonly poll: string
  readonly refresh: string
  readonly consolePort: string
  /** false with --no-console. */
  readonly console: boolean
}

/** The demo's console listens on the loopback interface only: the sandboxes' data is nobody else's business. */
const CONSOLE_HOST = '127.0.0.1'

function positive(flag: string, value: string): number | string {
  const n = Number(value)
  return Number.isFinite(n) && n > 0 ? n : `--${flag} must be a positive number of seconds (got ${value})`
}

function port(value: string): number | string {
  const n = Number(value)
  return Number.isInteger(n) && n >= 0 && n <= 65535
    ? n
    : `--console-port must be a port number, 0 to 65535 (0: any free port) (got ${value})`
}

/**
 * `crmsync demo` (what `npm start` runs, design.md 4.1): both sandboxes seeded, the console (its URL and
 * password printed first), an import from both sides, the engine syncing continuously with a little generated
 * traffic, a live summary. Stops on SIGINT/SIGTERM (io.shutdown) or after `--duration-seconds`; exits 0, 2 on a
 * bad flag or a taken console port, or 3 when the engine could not connect.
 */
export function registerDemoCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: ExitCode) => void,
): void {
  program
    .command('demo')
    .description(
      'start both sandboxes with sample data, the engine syncing them and the web console, with live traffic and a summary',
    )
    .option(
      '--duration-seconds <seconds>',
      'after the imports, sync live this many seconds, then stop (default: until Ctrl-C)',
    )
    .option('--duration <seconds>', 'the same as --duration-seconds')
    .option('--poll <seconds>', 'seconds between engine cycles', '3')
    .option('--refresh <seconds>', 'seconds between summaries and traffic rounds', '4')
    .option('--console-port <port>', 'the console port on 127.0.0.1 (0: any free port)', '8080')
    .option('--no-console', 'run without the web console')
    .action(async (flags: DemoFlags) => {
      const duration = flags.durationSeconds ?? flags.duration
      const parsed = [
        duration === undefined ? undefined : positive('duration-seconds', duration),
        positive('poll', flags.poll),
        positive('refresh', flags.refresh),
        port(flags.consolePort),
      ]
      const problem = parsed.find((p) => typeof p === 'string')
      if (typeof problem === 'string') {
        io.stderr.write(`crmsync demo: ${problem}\n`)
        setExitCode(EXIT_CODES.usage)
        return
      }
      const [durationSeconds, pollSeconds, refreshSeconds, consolePort] = parsed as [
        number | undefined,
        number,
        number,
        number,
      ]
      // Loaded here, not at the top: the sandboxes, connectors and engine cost seconds (program.ts).
      const { runDemo } = await import('../demo/run-demo.js')
      const result = await runDemo(io, {
        durationSeconds,
        pollSeconds,
        refreshSeconds,
        console: flags.console ? { host: CONSOLE_HOST, port: consolePort } : undefined,
      })
      setExitCode(result.outcome === 'port-taken' ? EXIT_CODES.usage : EXIT_CODES.ok)
    })
}
