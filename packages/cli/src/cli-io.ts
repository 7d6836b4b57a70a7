import type { Env } from './config/substitute-env.js'

/** Something text can be written to: process.stdout in main.ts, a string buffer in tests. */
export interface TextSink {
  write(text: string): unknown
}

/** Everything a command may touch of the outside world, passed in so the CLI runs inside a test. */
export interface CliIo {
  /** Arguments after the executable and script, e.g. ['validate', '--config', 'crmsync.yaml']. */
  readonly argv: ReadonlyArray<string>
  readonly env: Env
  readonly stdout: TextSink
  readonly stderr: TextSink
  /** Aborted when the process is asked to stop (SIGINT/SIGTERM); long-running commands end then. */
  readonly shutdown?: AbortSignal
}
