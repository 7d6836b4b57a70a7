import { safeText } from './safe-text.js'

/** One check of `crmsync doctor`: what was found and, when it failed, exactly what to change. */
export interface CheckResult {
  /** Which side the check is about, or `store` for the recorded identity. */
  readonly scope: 'salesforce' | 'hubspot' | 'store'
  readonly name: string
  readonly ok: boolean
  readonly detail: string
  /** What to change when the check failed or warns. (Default: none) */
  readonly fix?: string | undefined
  /** Passed, but something will not sync as a user may expect: printed as `warn`, never fails. */
  readonly warning?: boolean | undefined
}

/**
 * `ok   salesforce: credentials: org 00D...` or `FAIL ...` followed by an indented `fix:` line. Details and
 * fixes quote the CRMs (owner names, list names, error messages), so each line is made safe.
 */
export function formatChecks(checks: readonly CheckResult[]): string[] {
  const lines: string[] = []
  for (const check of checks) {
    const status = !check.ok ? 'FAIL' : check.warning === true ? 'warn' : 'ok  '
    lines.push(safeText(`${status} ${check.scope}: ${check.name}: ${check.detail}`))
    if ((!check.ok || check.warning === true) && check.fix !== undefined) {
      lines.push(safeText(`     fix: ${check.fix}`))
    }
  }
  const failed = checks.filter((c) => !c.ok).length
  const warned = checks.filter((c) => c.ok && c.warning === true).length
  const warnings = warned === 0 ? '' : ` (${warned} with a warning)`
  lines.push(
    failed === 0
      ? `all ${checks.length} checks passed${warnings}`
      : `${failed} of ${checks.length} checks failed${warnings}`,
  )
  return lines
}
