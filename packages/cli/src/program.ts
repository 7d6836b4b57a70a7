import { Command, CommanderError } from 'commander'

import type { CliIo } from './cli-io.js'
import { registerConnectionLifeCommands } from './commands/connection-life.js'
import { registerDemoCommand } from './commands/demo.js'
import { registerDoctorCommand } from './commands/doctor.js'
import { registerErrorsCommand } from './commands/errors.js'
import { registerExplainCommand } from './commands/explain.js'
import { registerImportCommand } from './commands/import.js'
import { registerResyncCommand } from './commands/resync.js'
import { registerRunCommand } from './commands/run.js'
import { registerSandboxCommand } from './commands/sandbox.js'
import { registerStatusCommand } from './commands/status.js'
import { registerSyncCommand } from './commands/sync.js'
import { registerValidateCommand } from './commands/validate.js'
import { ConfigError } from './config/config-error.js'
import { EXIT_CODES, type ExitCode } from './exit-codes.js'

export interface CliProgram {
  readonly program: Command
  /** Parses io.argv, runs the command and resolves to the process exit code (design.md 4.1). */
  run(): Promise<ExitCode>
}

/** Builds the `crmsync` program over the given I/O; nothing is read from the process. */
export function buildProgram(io: CliIo): CliProgram {
  let exitCode: ExitCode = EXIT_CODES.ok
  const setExitCode = (code: ExitCode): void => {
    exitCode = code
  }
  const program = new Command('crmsync')
    .description('Two-way sync between HubSpot and Salesforce, and stateful sandboxes of both.')
    // Set before the subcommands are added, which inherit both settings.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
  // Every command's definition (name, options, help) is registered up front, but a command's action
  // imports the engine, connectors, store or sandboxes it needs only when it runs: loading them all costs
  // seconds of CPU that `validate` and `--help` do not need. program-lazy-load.test.ts keeps it so.
  registerDemoCommand(program, io, setExitCode)
  registerSandboxCommand(program, io, setExitCode)
  registerValidateCommand(program, io, setExitCode)
  registerSyncCommand(program, io, setExitCode)
  registerRunCommand(program, io, setExitCode)
  registerDoctorCommand(program, io, setExitCode)
  registerExplainCommand(program, io, setExitCode)
  registerImportCommand(program, io, setExitCode)
  registerResyncCommand(program, io, setExitCode)
  registerStatusCommand(program, io, setExitCode)
  registerErrorsCommand(program, io, setExitCode)
  registerConnectionLifeCommands(program, io, setExitCode)

  const run = async (): Promise<ExitCode> => {
    try {
      await program.parseAsync([...io.argv], { from: 'user' })
      return exitCode
    } catch (err) {
      if (err instanceof ConfigError) {
        for (const line of err.lines()) io.stderr.write(`${line}\n`)
        return EXIT_CODES.usage
      }
      if (err instanceof CommanderError) {
        // --help and --version end the parse through exitOverride too; they are successes.
        const shown = err.code === 'commander.helpDisplayed' || err.code === 'commander.version'
        return shown ? EXIT_CODES.ok : EXIT_CODES.usage
      }
      throw err
    }
  }
  return { program, run }
}

/** Runs one command line; the whole CLI as a function, for main.ts and for tests. */
export function runCli(io: CliIo): Promise<ExitCode> {
  return buildProgram(io).run()
}
