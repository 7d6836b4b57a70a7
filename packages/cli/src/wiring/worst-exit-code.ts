import { EXIT_CODES, type ExitCode } from '../exit-codes.js'

/**
 * How bad each outcome of one connection is when a command ran several: a connection that could not run at
 * all (3) is worse than one that stopped incomplete (4), which is worse than records in error (1).
 */
const SEVERITY: Readonly<Record<ExitCode, number>> = {
  [EXIT_CODES.ok]: 0,
  [EXIT_CODES.recordsInError]: 1,
  [EXIT_CODES.incomplete]: 2,
  [EXIT_CODES.connection]: 3,
  [EXIT_CODES.usage]: 4,
}

/** The exit code of a command over several connections: the worst of theirs (0 for none). */
export function worstExitCode(codes: readonly ExitCode[]): ExitCode {
  return codes.reduce<ExitCode>(
    (worst, code) => (SEVERITY[code] > SEVERITY[worst] ? code : worst),
    EXIT_CODES.ok,
  )
}
