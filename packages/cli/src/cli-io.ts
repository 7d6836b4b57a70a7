import type { Env } from './config/substitute-env.js'

/** Something text can be written to: process.stdout in main.ts, a string buffer in tests. */
export interface TextSink {
  write(text: string): unknown
}

/**
 * The page sizes of the bulk commands and the reference limits they compare against. main.ts sets none; a
 * test makes them small to show paging past a limit without 200,000 records.
 */
export interface CliTuning {
  /** Records per engine call of `resync`. (Default: RESYNC_PAGE_SIZE, 2000) */
  readonly resyncPageSize?: number | undefined
  /** Links per store read while `resync --mapping` walks every linked record. (Default: LINK_PAGE_SIZE, 1000) */
  readonly linkPageSize?: number | undefined
  /**
   * B-BULK-5: the companies at which HubSpot's connector stops a bulk resync of a company mapping.
   * (Default: REFERENCE_BULK_RESYNC_CAP, 200,000)
   */
  readonly referenceBulkResyncCap?: number | undefined
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
  /** (Default: the built-in sizes and limits) */
  readonly tuning?: CliTuning | undefined
}
