// SOQL date literals as half-open UTC ranges [from, to) in epoch milliseconds.
import { SfError } from '../errors.js'

const DAY = 86_400_000

/** The range a date literal covers, relative to `now`. */
export function dateLiteralRange(literal: string, now: number): [number, number] {
  const today = Math.floor(now / DAY) * DAY
  const [name, arg] = literal.toUpperCase().split(':')
  const n = Number(arg ?? 0)
  switch (name) {
    case 'TODAY':
      return [today, today + DAY]
    case 'YESTERDAY':
      return [today - DAY, today]
    case 'TOMORROW':
      return [today + DAY, today + 2 * DAY]
    case 'LAST_N_DAYS':
      return [today - n * DAY, today + DAY]
    case 'NEXT_N_DAYS':
      return [today, today + (n + 1) * DAY]
    case 'LAST_WEEK':
      return [today - 7 * DAY, today]
    case 'THIS_WEEK':
      return [today - 6 * DAY, today + DAY]
    default:
      throw new SfError(400, 'MALFORMED_QUERY', `unsupported date literal: ${literal}`)
  }
}
