import type { ConfigPath } from './config-issue.js'
import type { Connection } from './parse-config.js'
import { SECRET_KEYS } from './secret-sources.js'

export const REDACTED = '[redacted]'

/** Replaces the value at `path` in a plain copy, if there is one. */
function replaceAt(node: unknown, path: ConfigPath, value: string): unknown {
  if (node === null || typeof node !== 'object') return node
  const [head, ...rest] = path
  if (head === undefined) return node
  const record = node as Record<string | number, unknown>
  if (!(head in record) || record[head] === undefined) return node
  const next = rest.length === 0 ? value : replaceAt(record[head], rest, value)
  return { ...record, [head]: next }
}

function redactUrl(url: string): string {
  if (!URL.canParse(url)) return url
  const parsed = new URL(url)
  if (parsed.password === '') return url
  parsed.password = REDACTED
  return parsed.toString()
}

/**
 * A copy of a connection that is safe to log or show: every secret (SECRET_KEYS) and the password of a
 * store URL replaced by `[redacted]`.
 */
export function redactConnection(connection: Connection): Connection {
  let copy: unknown = connection
  for (const { path } of SECRET_KEYS) copy = replaceAt(copy, path, REDACTED)
  const redacted = copy as Connection
  if (redacted.store.kind !== 'postgres') return redacted
  return { ...redacted, store: { ...redacted.store, url: redactUrl(redacted.store.url) } }
}
