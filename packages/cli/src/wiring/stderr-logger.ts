import type { EngineLogger } from '@crmsync/engine'

import type { TextSink } from '../cli-io.js'
import { safeJson } from '../format/safe-json.js'

const LEVELS = ['debug', 'info', 'warn', 'error'] as const
export type LogLevel = (typeof LEVELS)[number]

/**
 * JSON lines on stderr at `level` and above (pino's shape), so stdout stays for results. Messages and fields
 * quote CRM values and error text: safeJson keeps each entry on one line with no raw control character.
 */
export function createStderrLogger(sink: TextSink, level: LogLevel = 'warn'): EngineLogger {
  const min = LEVELS.indexOf(level)
  const line = (at: LogLevel) => (fields: Record<string, unknown>, msg: string) => {
    if (LEVELS.indexOf(at) < min) return
    sink.write(`${safeJson({ level: at, time: new Date().toISOString(), msg, ...fields })}\n`)
  }
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') }
}
