import type { PropertyProblem } from '../http/errors.js'
import type { PropertyDefinition } from '../model/property-definition.js'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const DAY = 86_400_000

/** Parses a date or datetime value (epoch ms or ISO) to epoch ms, or NaN. */
export function parseTime(value: string): number {
  return /^-?\d+$/.test(value) ? Number(value) : Date.parse(value)
}

/**
 * Turns a written value into the string HubSpot stores, or reports why it is invalid. Values arrive as
 * strings (the client sends strings) but numbers and booleans are accepted and stringified.
 */
export function normalizeValue(def: PropertyDefinition, raw: string): { value: string } | PropertyProblem {
  const problem = (code: string, message: string): PropertyProblem => ({ name: def.name, code, message })
  switch (def.type) {
    case 'number':
      return Number.isFinite(Number(raw)) && raw.trim() !== ''
        ? { value: raw.trim() }
        : problem('INVALID_NUMBER', `${raw} is not a valid number`)
    case 'bool': {
      const lower = raw.toLowerCase()
      return lower === 'true' || lower === 'false'
        ? { value: lower }
        : problem('INVALID_BOOLEAN', `${raw} is not a valid boolean`)
    }
    case 'datetime': {
      const ms = parseTime(raw)
      return Number.isFinite(ms)
        ? { value: new Date(ms).toISOString() }
        : problem('INVALID_DATETIME', `${raw} is not a valid datetime`)
    }
    case 'date': {
      const ms = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? Date.parse(`${raw}T00:00:00Z`) : parseTime(raw)
      if (!Number.isFinite(ms)) return problem('INVALID_DATE', `${raw} is not a valid date`)
      if (ms % DAY !== 0) return problem('INVALID_DATE', `${raw} is at a time other than midnight UTC`)
      return { value: new Date(ms).toISOString().slice(0, 10) }
    }
    case 'enumeration': {
      if (def.externalOptions) return { value: raw }
      const allowed = def.options.map((option) => option.value)
      const parts = def.fieldType === 'checkbox' ? raw.split(';') : [raw]
      const bad = parts.find((part) => !allowed.includes(part))
      return bad === undefined
        ? { value: raw }
        : problem('INVALID_OPTION', `${bad} was not one of the allowed options: [${allowed.join(', ')}]`)
    }
    case 'string':
      if (def.name === 'email') {
        return EMAIL.test(raw)
          ? { value: raw.toLowerCase() }
          : problem('INVALID_EMAIL', `Email address ${raw} is invalid`)
      }
      return { value: raw }
  }
}
