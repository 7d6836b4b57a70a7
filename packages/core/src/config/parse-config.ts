import type { z } from 'zod'

import type { ConfigIssue, ConfigPath } from './config-issue.js'
import {
  CONNECTION_KEYS,
  type ConnectionConfig,
  multiConnectionFileSchema,
  singleConnectionFileSchema,
} from './connection-schema.js'
import type { ConsoleConfig } from './console-schema.js'
import { deepFreeze, type DeepReadonly } from './deep-freeze.js'
import { isRecord } from './primitives.js'
import { listSchemaKeys, type SchemaKey } from './schema-keys.js'
import { checkSecretSources } from './secret-sources.js'
import { suggestKey } from './suggest-key.js'
import { convertZodIssue } from './zod-issues.js'

/**
 * A validated configuration: always a list of connections, whichever form the file used, and the process's
 * console settings (top level in both forms). Frozen.
 */
export type CrmsyncConfig = DeepReadonly<{ connections: ConnectionConfig[]; console: ConsoleConfig }>
export type Connection = CrmsyncConfig['connections'][number]

export type ParseConfigResult =
  | { readonly ok: true; readonly config: CrmsyncConfig }
  | { readonly ok: false; readonly issues: ReadonlyArray<ConfigIssue> }

export interface ParseConfigOptions {
  /**
   * Whether the string at a path was written literally rather than substituted from `${NAME}`; used to
   * refuse literal secrets. (Default: nothing is literal, as for a config built in code.)
   */
  readonly isLiteral?: (path: ConfigPath) => boolean
  /**
   * The text the file itself supplies at a path through `${NAME:-default}` defaults (each default in place
   * of its reference), or undefined when no non-empty default is written there. A default is a literal,
   * used or not, so a secret in it is refused like a literal secret. (Default: none, as for code.)
   */
  readonly writtenDefault?: (path: ConfigPath) => string | undefined
}

let schemaKeys: { single: SchemaKey[]; multi: SchemaKey[] } | undefined

/** An unknown key with a near miss among the known ones at that place gets a "did you mean". */
function withSuggestion(issue: ConfigIssue, multi: boolean): ConfigIssue {
  if (issue.code !== 'unknown-key') return issue
  schemaKeys ??= {
    // `connection:` in a single-pair file is most likely a misspelt list form.
    single: [...listSchemaKeys(singleConnectionFileSchema), { path: 'connections', description: undefined }],
    multi: listSchemaKeys(multiConnectionFileSchema),
  }
  const suggestion = suggestKey(multi ? schemaKeys.multi : schemaKeys.single, issue.path)
  return suggestion === undefined ? issue : { ...issue, message: `unknown key (did you mean ${suggestion}?)` }
}

/** The schema's issues, with a clearer message for keys of the single form written beside `connections:`. */
function schemaIssues(error: z.ZodError, multi: boolean): ConfigIssue[] {
  return error.issues
    .flatMap((issue) => convertZodIssue(issue))
    .map((issue) => withSuggestion(issue, multi))
    .map((issue) =>
      multi &&
      issue.code === 'unknown-key' &&
      issue.path.length === 1 &&
      CONNECTION_KEYS.includes(issue.path[0] as never)
        ? { ...issue, message: 'cannot sit beside connections: move it into each connection' }
        : issue,
    )
}

/**
 * Top-level keys starting with `x-` are ignored, as in docker-compose files: a place for YAML anchors
 * that several connections merge (`settings: { <<: *shared }`).
 */
function withoutExtensions(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('x-')))
}

/**
 * Validates a parsed configuration document (after `${ENV}` substitution) and normalises it to a list of
 * connections. Pure: reads nothing, reports every problem at once.
 */
export function parseConfig(document: unknown, options: ParseConfigOptions = {}): ParseConfigResult {
  if (document === undefined || document === null) {
    return { ok: false, issues: [{ code: 'required', path: [], message: 'the configuration is empty' }] }
  }
  if (!isRecord(document)) {
    return { ok: false, issues: [{ code: 'invalid', path: [], message: 'expected a mapping of keys' }] }
  }
  const raw = withoutExtensions(document)
  const multi = 'connections' in raw
  const secretIssues = checkSecretSources(
    raw,
    options.isLiteral ?? (() => false),
    options.writtenDefault ?? (() => undefined),
  )
  if (multi) {
    const parsed = multiConnectionFileSchema.safeParse(raw, { reportInput: true })
    if (!parsed.success) return { ok: false, issues: [...schemaIssues(parsed.error, true), ...secretIssues] }
    if (secretIssues.length > 0) return { ok: false, issues: secretIssues }
    return {
      ok: true,
      config: deepFreeze({ connections: parsed.data.connections, console: parsed.data.console }),
    }
  }
  const parsed = singleConnectionFileSchema.safeParse(raw, { reportInput: true })
  if (!parsed.success) return { ok: false, issues: [...schemaIssues(parsed.error, false), ...secretIssues] }
  if (secretIssues.length > 0) return { ok: false, issues: secretIssues }
  const { console: consoleConfig, ...connection } = parsed.data
  return { ok: true, config: deepFreeze({ connections: [connection], console: consoleConfig }) }
}

/**
 * The connection a command works on: the one named by `--connection`, or the only one. Returns an issue
 * when the id is unknown or the file has several connections and none was named.
 */
export function selectConnection(
  config: CrmsyncConfig,
  id: string | undefined,
):
  | { readonly ok: true; readonly connection: Connection }
  | { readonly ok: false; readonly issue: ConfigIssue } {
  const ids = config.connections.map((connection) => connection.id).join(', ')
  if (id === undefined) {
    const [only, ...rest] = config.connections
    if (only !== undefined && rest.length === 0) return { ok: true, connection: only }
    const message = `the file has several connections (${ids}): choose one with --connection ID`
    return { ok: false, issue: { code: 'unknown-connection', path: ['connections'], message } }
  }
  const found = config.connections.find((connection) => connection.id === id)
  if (found !== undefined) return { ok: true, connection: found }
  const message = `no connection "${id}" (the file has: ${ids})`
  return { ok: false, issue: { code: 'unknown-connection', path: ['connections'], message } }
}
