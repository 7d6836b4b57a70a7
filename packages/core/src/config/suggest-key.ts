import type { ConfigPath } from './config-issue.js'
import type { SchemaKey } from './schema-keys.js'

/** Edit distance (insert, delete, substitute), enough to catch a typo in a key. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/** `['mappings', 'contact', 0]` as `mappings.contact[]`, the form listSchemaKeys uses. */
function schemaPathOf(path: ConfigPath): string {
  let text = ''
  for (const segment of path) {
    if (typeof segment === 'number') text += '[]'
    else text += text === '' ? segment : `.${segment}`
  }
  return text
}

/**
 * The known key closest to an unknown one at the same place, when it is close enough to be a typo
 * (`createInSalesforceAS` -> `createInSalesforceAs`), else undefined.
 */
export function suggestKey(keys: ReadonlyArray<SchemaKey>, unknownPath: ConfigPath): string | undefined {
  const unknown = unknownPath[unknownPath.length - 1]
  if (typeof unknown !== 'string') return undefined
  const parent = schemaPathOf(unknownPath.slice(0, -1))
  const prefix = parent === '' ? '' : `${parent}.`
  const siblings = keys
    .map((key) => key.path)
    .filter((path) => path.startsWith(prefix) && !/[.[]/.test(path.slice(prefix.length)))
    .map((path) => path.slice(prefix.length))
  const tolerance = unknown.length >= 6 ? 2 : 1
  let best: { name: string; score: number } | undefined
  for (const name of siblings) {
    const score = name.toLowerCase() === unknown.toLowerCase() ? 0 : distance(name, unknown)
    if (score <= tolerance && (best === undefined || score < best.score)) best = { name, score }
  }
  return best?.name
}
