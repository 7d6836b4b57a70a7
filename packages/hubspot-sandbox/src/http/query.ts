import { validationError } from './errors.js'

export type Query = Record<string, string | string[] | undefined>

/** A multi-valued parameter: repeated keys (`a=1&a=2`, as the client sends them) or a comma list. */
export function listParam(query: Query, name: string): string[] | undefined {
  const raw = query[name]
  if (raw === undefined) return undefined
  const values = (Array.isArray(raw) ? raw : [raw]).flatMap((value) => value.split(','))
  return values.map((value) => value.trim()).filter((value) => value !== '')
}

export function stringParam(query: Query, name: string): string | undefined {
  const raw = query[name]
  return Array.isArray(raw) ? raw[0] : raw
}

export function boolParam(query: Query, name: string): boolean {
  return stringParam(query, name)?.toLowerCase() === 'true'
}

/** An integer parameter with a default and a maximum (above it: 400, as HubSpot does). */
export function intParam(query: Query, name: string, fallback: number, max: number): number {
  const raw = stringParam(query, name)
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1) throw validationError(`${name} must be a positive integer`)
  if (value > max) throw validationError(`${name} must be at most ${max}`)
  return value
}

/** Reads a JSON body that must be an object. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw validationError('Invalid input JSON on line 1, column 1: expected an object')
  }
  return body as Record<string, unknown>
}

/** The `inputs` array of a batch body, with HubSpot's limit check. */
export function batchInputs(body: unknown, limit: number): Array<Record<string, unknown>> {
  const inputs = bodyObject(body)['inputs']
  if (!Array.isArray(inputs)) throw validationError('inputs must be an array')
  if (inputs.length > limit) {
    throw validationError(
      `Batch input size ${inputs.length} exceeds the limit of ${limit} inputs per request`,
    )
  }
  return inputs.map((input) => bodyObject(input))
}

export function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return typeof value === 'string' ? value.split(',') : undefined
  return value.filter((item): item is string => typeof item === 'string')
}

/** A body field as text: strings as-is, numbers and booleans stringified, anything else the fallback. */
export function text(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return fallback
}
