/**
 * One problem found in a configuration file (style guide item 8): a stable code, the path of the key
 * (`connections[0].salesforce.accessToken`) and a message. Every problem is reported, not just the first.
 */
export const CONFIG_ISSUE_CODES = [
  'yaml-syntax',
  'env-missing',
  'env-syntax',
  'unknown-key',
  'required',
  'invalid',
  'literal-secret',
  'locked',
  'cross-field',
  'not-supported',
  'unknown-connection',
  'unreadable',
] as const
export type ConfigIssueCode = (typeof CONFIG_ISSUE_CODES)[number]

export type ConfigPath = ReadonlyArray<string | number>

export interface ConfigIssue {
  readonly code: ConfigIssueCode
  /** Path of the key inside the file; empty for the file as a whole. */
  readonly path: ConfigPath
  readonly message: string
  /** 1-based line and column in the file, when the loader could locate the key. */
  readonly line?: number | undefined
  readonly column?: number | undefined
}

/** `connections[0].salesforce.accessToken`; `(file)` for the document itself. */
export function formatConfigPath(path: ConfigPath): string {
  let text = ''
  for (const segment of path) {
    text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`
  }
  return text === '' ? '(file)' : text
}

/** `FILE: path.to.key: message`, the line format of `crmsync validate` and of ConfigError. */
export function formatConfigIssue(file: string, issue: ConfigIssue): string {
  const where = issue.line === undefined ? '' : ` (line ${issue.line})`
  return `${file}: ${formatConfigPath(issue.path)}: ${issue.message}${where}`
}
