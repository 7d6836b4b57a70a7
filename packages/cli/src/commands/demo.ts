import type { Command } from 'commander'

import type { CliIo } from '../cli-io.js'
import { EXIT_CODES, type ExitCode } from '../exit-codes.js'

/** `crmsync demo` (what `npm start` runs). A placeholder until the sandboxes and engine are wired in. */
export function registerDemoCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: ExitCode) => void,
): void {
  program
    .command('demo')
    .description('start both sandboxes with sample data, the engine and the console')
    .action(() => {
      io.stdout.write(
        'demo not built yet: the sandboxes and the engine are still being built. ' +
          'Meanwhile `crmsync validate --config FILE` checks a configuration file.\n',
      )
      setExitCode(EXIT_CODES.ok)
    })
}
