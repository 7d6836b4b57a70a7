/** Any stored or input value as text: strings as they are, objects as JSON, null/undefined as ''. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value)
  if (typeof value === 'object' && value !== null) return JSON.stringify(value)
  return ''
}
