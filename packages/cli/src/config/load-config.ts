import { readFile } from 'node:fs/promises'

import {
  type ConfigIssue,
  type Connection,
  type CrmsyncConfig,
  formatConfigPath,
  parseConfig,
  selectConnection,
} from '@crmsync/core'

import { ConfigError } from './config-error.js'
import { parseYaml } from './parse-yaml.js'
import { type Env, substituteEnv } from './substitute-env.js'

/** Whether `inner` is `outer` or lies below it. */
function isWithin(inner: ReadonlyArray<string | number>, outer: ReadonlyArray<string | number>): boolean {
  return outer.every((segment, index) => inner[index] === segment)
}

/** A path under a connection's `salesforce:` or `hubspot:` block (top level or in `connections:`). */
function isCrmPath(path: ReadonlyArray<string | number>): boolean {
  const crm = (segment: string | number | undefined) => segment === 'salesforce' || segment === 'hubspot'
  return crm(path[0]) || (path[0] === 'connections' && crm(path[2]))
}

/** The document with a stand-in at each path: a URL where the key names one, else a token. Never sent. */
function withStandIns(document: unknown, paths: ReadonlyArray<ReadonlyArray<string | number>>): unknown {
  const copy: unknown = structuredClone(document)
  for (const path of paths) {
    const key = String(path.at(-1) ?? '')
    let node = copy as Record<string | number, unknown>
    for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>
    node[key] = /url|path/i.test(key) ? 'https://variable-not-set.invalid' : 'variable-not-set'
  }
  return copy
}

/**
 * YAML text to a validated configuration: parse, substitute `${NAME}` from `env`, validate. Returns every
 * problem at once, each located in the file where possible. Pure apart from its inputs. With
 * `crmVariablesOptional`, a variable that is not set under `salesforce:` or `hubspot:` is no problem (a
 * stand-in takes its place): for commands that read only the store and never call a CRM.
 */
export function parseConfigText(
  text: string,
  env: Env,
  options: { readonly crmVariablesOptional?: boolean | undefined } = {},
): { ok: true; config: CrmsyncConfig } | { ok: false; issues: ConfigIssue[] } {
  const yaml = parseYaml(text)
  if (yaml.issues.length > 0) return { ok: false, issues: [...yaml.issues] }
  const substituted = substituteEnv(yaml.value, env)
  const optional = substituted.issues.filter(
    (issue) => options.crmVariablesOptional === true && issue.code === 'env-missing' && isCrmPath(issue.path),
  )
  const document =
    optional.length === 0
      ? substituted.value
      : withStandIns(
          substituted.value,
          optional.map((issue) => issue.path),
        )
  const result = parseConfig(document, {
    isLiteral: (path) => !substituted.fromEnv.has(formatConfigPath(path)),
    writtenDefault: (path) => substituted.defaults.get(formatConfigPath(path)),
  })
  const envPaths = substituted.issues.map((issue) => issue.path)
  // A value whose variable is missing is reported once, as missing, not again as invalid.
  const schemaIssues = result.ok
    ? []
    : result.issues.filter((issue) => !envPaths.some((p) => isWithin(issue.path, p)))
  const issues = [...substituted.issues.filter((issue) => !optional.includes(issue)), ...schemaIssues]
  if (issues.length === 0 && result.ok) return result
  const located = issues.map((issue, order) => ({ issue: { ...issue, ...yaml.locate(issue.path) }, order }))
  // File order reads best; issues with no position keep their order at the end.
  located.sort((a, b) => (a.issue.line ?? Infinity) - (b.issue.line ?? Infinity) || a.order - b.order)
  return { ok: false, issues: located.map((entry) => entry.issue) }
}

export interface LoadConfigOptions {
  /** Path of the YAML file, as the user wrote it (messages repeat it). */
  readonly file: string
  /** Variables for `${NAME}` substitution; the CLI passes process.env. */
  readonly env: Env
  /** The command reads only the store: CRM variables that are not set are no problem (parseConfigText). */
  readonly crmVariablesOptional?: boolean | undefined
}

/** Reads and validates a configuration file; throws a ConfigError listing every problem. */
export async function loadConfig(options: LoadConfigOptions): Promise<CrmsyncConfig> {
  let text: string
  try {
    text = await readFile(options.file, 'utf8')
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    throw new ConfigError(
      options.file,
      [{ code: 'unreadable', path: [], message: `cannot read the file: ${reason}` }],
      err,
    )
  }
  const result = parseConfigText(text, options.env, { crmVariablesOptional: options.crmVariablesOptional })
  if (!result.ok) throw new ConfigError(options.file, result.issues)
  return result.config
}

/**
 * Loads the file and picks the connection a command works on: `connection` (from --connection) or the
 * file's only one. Throws a ConfigError when the file is invalid or the choice is missing or unknown.
 */
export async function loadConnection(
  options: LoadConfigOptions & { readonly connection?: string | undefined },
) {
  const config = await loadConfig(options)
  const selected = selectConnection(config, options.connection)
  if (!selected.ok) throw new ConfigError(options.file, [selected.issue])
  return selected.connection
}

/**
 * Loads the file and picks the connections a command works on: the one --connection names (or the file's
 * only one), else every connection of the file in file order (`every`: more than one, none named). Throws a
 * ConfigError when the file is invalid or the named connection is unknown.
 */
export async function loadConnections(
  options: LoadConfigOptions & { readonly connection?: string | undefined },
): Promise<{
  readonly config: CrmsyncConfig
  readonly connections: readonly Connection[]
  readonly every: boolean
}> {
  const config = await loadConfig(options)
  if (options.connection === undefined && config.connections.length > 1)
    return { config, connections: config.connections, every: true }
  const selected = selectConnection(config, options.connection)
  if (!selected.ok) throw new ConfigError(options.file, [selected.issue])
  return { config, connections: [selected.connection], every: false }
}
