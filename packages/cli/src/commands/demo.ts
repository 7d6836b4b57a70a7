import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'

interface DemoFlags {
  readonly duration?: string
  readonly poll: string
  readonly refresh: string
}

function positive(flag: string, value: string): number | string {
  const n = Number(value)
  return Number.isFinite(n) && n > 0 ? n : `--${flag} must be a positive number of seconds (got ${value})`
}

/**
 * `crmsync demo` (what `npm start` runs, design.md 4.1): both sandboxes seeded, an import from both sides,
 * the engine syncing continuously with a little generated traffic, a live summary. Stops on SIGINT/SIGTERM
 * (io.shutdown) or after `--duration`; exits 0, or 3 when the engine could not connect.
 */
export function registerDemoCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: ExitCode) => void,
): void {
  program
    .command('demo')
    .description(
      'start both sandboxes with sample data and the engine syncing them, with live traffic and a summary',
    )
    .option('--duration <seconds>', 'stop by itself after this many seconds (default: until Ctrl-C)')
    .option('--poll <seconds>', 'seconds between engine cycles', '3')
    .option('--refresh <seconds>', 'seconds between summaries and traffic rounds', '4')
    .action(async (flags: DemoFlags) => {
      const parsed = [
        flags.duration === undefined ? undefined : positive('duration', flags.duration),
        positive('poll', flags.poll),
        positive('refresh', flags.refresh),
      ]
      const problem = parsed.find((p) => typeof p === 'string')
      if (typeof problem === 'string') {
        io.stderr.write(`crmsync demo: ${problem}\n`)
        setExitCode(EXIT_CODES.usage)
        return
      }
      const [durationSeconds, pollSeconds, refreshSeconds] = parsed as [number | undefined, number, number]
      // Loaded here, not at the top: the sandboxes, connectors and engine cost seconds (program.ts).
      const { runDemo } = await import('../demo/run-demo.js')
      await runDemo(io, { durationSeconds, pollSeconds, refreshSeconds })
      setExitCode(EXIT_CODES.ok)
    })
}
