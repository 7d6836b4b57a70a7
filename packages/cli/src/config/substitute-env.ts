import { type ConfigIssue, type ConfigPath, formatConfigPath } from '@crmsync/core'

/** The environment as the CLI passes it in; libraries never read process.env themselves. */
export type Env = Readonly<Record<string, string | undefined>>

export interface Substitution {
  /** The document with every `${NAME}` replaced; a missing variable leaves its text in place. */
  readonly value: unknown
  /** Problems: variables that are not set, malformed references. */
  readonly issues: ReadonlyArray<ConfigIssue>
  /** Formatted paths of the strings that contained at least one reference (not literal values). */
  readonly fromEnv: ReadonlySet<string>
  /**
   * Formatted path -> the text the file itself supplies there through `${NAME:-default}`: each non-empty
   * default in place of its reference, references without one left out. Only strings with such a default.
   * A default is written in the file whether or not NAME is set, so a secret in it is a literal secret.
   */
  readonly defaults: ReadonlyMap<string, string>
}

// `$${` writes a literal `${`; `${NAME}` and `${NAME:-default}` substitute (shell semantics: the default
// also applies when NAME is set but empty).
const REFERENCE = /\$\$\{|\$\{([^}]*)\}|\$\{/g
const NAME = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s

interface SubstitutedString {
  readonly value: string
  readonly referenced: boolean
  /** The file's own text with defaults in place of their references; undefined with no non-empty default. */
  readonly written: string | undefined
}

function substituteString(
  text: string,
  path: ConfigPath,
  env: Env,
  issues: ConfigIssue[],
): SubstitutedString {
  let referenced = false
  let hasDefault = false
  const written = text.replace(REFERENCE, (match: string, body: string | undefined) => {
    if (match === '$${') return '${'
    const fallback = body === undefined ? undefined : NAME.exec(body)?.[2]
    if (fallback === undefined || fallback === '') return ''
    hasDefault = true
    return fallback
  })
  const value = text.replace(REFERENCE, (match: string, body: string | undefined) => {
    if (match === '$${') return '${'
    referenced = true
    const parsed = body === undefined ? null : NAME.exec(body)
    if (parsed === null) {
      const message = `malformed reference "${match}": write \${NAME} or \${NAME:-default}`
      issues.push({ code: 'env-syntax', path, message })
      return match
    }
    const [, name = '', fallback] = parsed
    const set = env[name]
    if (set !== undefined && !(fallback !== undefined && set === '')) return set
    if (fallback !== undefined) return fallback
    const message = `environment variable ${name} is not set`
    issues.push({ code: 'env-missing', path, message })
    return match
  })
  return { value, referenced, written: hasDefault ? written : undefined }
}

/**
 * Replaces `${NAME}` and `${NAME:-default}` in every string value of a parsed document (keys are left
 * alone). Every missing variable is reported with the path where it was used.
 */
export function substituteEnv(document: unknown, env: Env): Substitution {
  const issues: ConfigIssue[] = []
  const fromEnv = new Set<string>()
  const defaults = new Map<string, string>()
  const walk = (node: unknown, path: ConfigPath): unknown => {
    if (typeof node === 'string') {
      const { value, referenced, written } = substituteString(node, path, env, issues)
      if (referenced) fromEnv.add(formatConfigPath(path))
      if (written !== undefined) defaults.set(formatConfigPath(path), written)
      return value
    }
    if (Array.isArray(node)) return node.map((item: unknown, index) => walk(item, [...path, index]))
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, walk(item, [...path, key])]))
    }
    return node
  }
  return { value: walk(document, []), issues, fromEnv, defaults }
}
