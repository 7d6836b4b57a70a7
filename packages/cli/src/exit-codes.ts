/** Process exit codes of every command (design.md 4.1); scripts and tests depend on them. */
export const EXIT_CODES = {
  ok: 0,
  /** The run finished but records are in error (new ones from this run). */
  recordsInError: 1,
  /** Configuration or usage error; the message names the file, path and problem. */
  usage: 2,
  /**
   * A connection error: credentials, permissions, org or portal identity (also `crmsync resume` when a side
   * still refuses), or the connection is disconnected (ENGINE_DISCONNECTED).
   */
  connection: 3,
  /**
   * Incomplete: the API budget is exhausted or the connection is suspended (`suspended:<reason>`,
   * docs/errors.md "Suspensions"); a run on a suspended connection only probes.
   */
  incomplete: 4,
} as const

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES]
