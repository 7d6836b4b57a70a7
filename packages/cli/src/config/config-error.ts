import { type ConfigIssue, formatConfigIssue, SyncError } from '@crmsync/core'

/**
 * Every problem of one configuration file (code CONFIG_INVALID, docs/errors.md). The message lists them,
 * one per line, as `FILE: path.to.key: message`; commands exit with code 2.
 */
export class ConfigError extends SyncError {
  override readonly name: string = 'ConfigError'
  readonly file: string
  readonly issues: ReadonlyArray<ConfigIssue>

  constructor(file: string, issues: ReadonlyArray<ConfigIssue>, cause?: unknown) {
    super({
      code: 'CONFIG_INVALID',
      origin: 'config',
      retryable: false,
      message: issues.map((issue) => formatConfigIssue(file, issue)).join('\n'),
      cause,
    })
    this.file = file
    this.issues = issues
  }

  /** One line per problem, in file order. */
  lines(): string[] {
    return this.issues.map((issue) => formatConfigIssue(this.file, issue))
  }
}
