import type { EngineLogger } from '@crmsync/engine'
import { pino } from 'pino'
import { prettyFactory } from 'pino-pretty'

import type { CliIo, TextSink } from '../cli-io.js'
import { escapeJsonText } from '../format/safe-json.js'
import { safeText } from '../format/safe-text.js'

const LEVELS = ['debug', 'info', 'warn', 'error'] as const
export type LogLevel = (typeof LEVELS)[number]

/**
 * Secrets that may sit in a logged object (a connection's credentials, a request's headers): pino writes
 * `[redacted]` instead. A `*.` path matches one level down only, so each key is listed at the top level too.
 */
const SECRET_KEYS = ['accessToken', 'refreshToken', 'token', 'password', 'clientSecret', 'privateKey']
export const REDACTED_PATHS: readonly string[] = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`]),
  'headers.authorization',
  '*.headers.authorization',
]

export interface LoggerOptions {
  /** Human-readable lines (pino-pretty) instead of JSON. (Default: false) */
  readonly pretty?: boolean | undefined
  /** Pretty lines in colour. (Default: false) */
  readonly colorize?: boolean | undefined
}

/**
 * A pino logger at `level` and above writing to `sink` (stderr, so stdout stays for results), behind the
 * engine's logger interface. JSON lines are pino's shape with the level's name and an ISO time
 * (`{"level":"warn","time":"...","msg":"...",...fields}`). Messages and fields quote CRM values and error
 * text, which anyone who edits a record chooses:
 * - JSON: every terminal control, line separator and bidi control is a `\uXXXX` escape (safe-json.ts), so an
 *   entry stays on one line and parses back to the exact value;
 * - pretty: pino-pretty prints strings as they are, so each string is escaped visibly first (safe-text.ts:
 *   `\x1b`, `\n`); the only escape sequences on the terminal are pino-pretty's own colours.
 */
export function createLogger(
  sink: TextSink,
  level: LogLevel = 'warn',
  options: LoggerOptions = {},
): EngineLogger {
  const shared = { level, base: null, redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' } }
  if (options.pretty === true) {
    const prettify = prettyFactory({ colorize: options.colorize === true, translateTime: 'SYS:HH:MM:ss.l' })
    const logger = pino(shared, { write: (line: string) => sink.write(prettify(line)) })
    // Escaping walks every field: skipped for a level that is off (the idle cycle's debug line, every poll).
    const entry = (at: LogLevel) => (fields: Record<string, unknown>, msg: string) => {
      if (logger.isLevelEnabled(at)) logger[at](escapedFields(fields), safeText(msg))
    }
    return { debug: entry('debug'), info: entry('info'), warn: entry('warn'), error: entry('error') }
  }
  const logger = pino(
    {
      ...shared,
      formatters: { level: (label: string) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: { streamWrite: escapeJsonText },
    },
    { write: (line: string) => sink.write(line) },
  )
  const entry = (at: LogLevel) => (fields: Record<string, unknown>, msg: string) => logger[at](fields, msg)
  return { debug: entry('debug'), info: entry('info'), warn: entry('warn'), error: entry('error') }
}

/**
 * The logger of a command on stderr: the level from CRMSYNC_LOG_LEVEL (else the command's default: `info`
 * for `run`, `warn` for one-shot commands), pretty in colour when stderr is a terminal unless
 * CRMSYNC_LOG_FORMAT is `json`. A level it does not know is reported once and the default used.
 */
export function cliLogger(io: Pick<CliIo, 'env' | 'stderr'>, defaultLevel: LogLevel): EngineLogger {
  const asked = io.env['CRMSYNC_LOG_LEVEL']?.trim().toLowerCase()
  const known = LEVELS.find((l) => l === asked)
  const terminal = (io.stderr as { isTTY?: unknown }).isTTY === true
  const pretty = terminal && io.env['CRMSYNC_LOG_FORMAT']?.trim().toLowerCase() !== 'json'
  const logger = createLogger(io.stderr, known ?? defaultLevel, { pretty, colorize: pretty })
  if (asked !== undefined && asked !== '' && known === undefined)
    logger.warn({ levels: LEVELS }, `CRMSYNC_LOG_LEVEL=${asked} is not a level; logging at ${defaultLevel}`)
  return logger
}

/** Every string in a logged value escaped visibly, keys too (pretty mode prints them as they are). */
function escapedFields(fields: Record<string, unknown>): Record<string, unknown> {
  return escapedValue(fields) as Record<string, unknown>
}

function escapedValue(value: unknown): unknown {
  if (typeof value === 'string') return safeText(value)
  if (Array.isArray(value)) return value.map(escapedValue)
  if (value instanceof Error) return { type: value.name, message: safeText(value.message) }
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [safeText(k), escapedValue(v)]))
  return value
}
