/** One check of `crmsync doctor`: what was found and, when it failed, exactly what to change. */
export interface CheckResult {
  /** Which side the check is about, or `store` for the recorded identity. */
  readonly scope: 'salesforce' | 'hubspot' | 'store'
  readonly name: string
  readonly ok: boolean
  readonly detail: string
  /** What to change when the check failed. (Default: none) */
  readonly fix?: string | undefined
}

/** `ok   salesforce: credentials: org 00D...` or `FAIL ...` followed by an indented `fix:` line. */
export function formatChecks(checks: readonly CheckResult[]): string[] {
  const lines: string[] = []
  for (const check of checks) {
    lines.push(`${check.ok ? 'ok  ' : 'FAIL'} ${check.scope}: ${check.name}: ${check.detail}`)
    if (!check.ok && check.fix !== undefined) lines.push(`     fix: ${check.fix}`)
  }
  const failed = checks.filter((c) => !c.ok).length
  lines.push(
    failed === 0 ? `all ${checks.length} checks passed` : `${failed} of ${checks.length} checks failed`,
  )
  return lines
}
