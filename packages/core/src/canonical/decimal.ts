import type { Result } from './result.js'
import { err, ok } from './result.js'

const PLAIN = /^([+-]?)(\d*)(?:\.(\d*))?$/
const EXPONENT = /^([+-]?)(\d+)(?:\.(\d+))?e([+-]?\d+)$/i

/** Rewrites 1.5e3 as 1500 without going through a float, so no digit is lost. */
function expandExponent(text: string): string {
  const match = EXPONENT.exec(text)
  if (match === null) return text
  const [, sign = '', int = '', frac = '', exp = '0'] = match
  const digits = int + frac
  const point = int.length + Number(exp)
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
}

/** Adds one to a string of decimal digits. */
function increment(digits: string): string {
  const chars = digits.split('')
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] !== '9') {
      chars[i] = String(Number(chars[i]) + 1)
      return chars.join('')
    }
    chars[i] = '0'
  }
  return `1${chars.join('')}`
}

/**
 * The canonical decimal string of a number at a scale (design.md 3.3), rounding half away from zero like
 * Salesforce. Without a scale the value keeps its own digits, trailing zeros removed. Works on the digit
 * string, never on a float.
 */
export function canonicalDecimal(input: string | number, scale: number | undefined): Result<string> {
  if (typeof input === 'number' && !Number.isFinite(input)) return err('VALUE_INVALID_NUMBER', `${input}`)
  const text = expandExponent(String(input).trim().replace(/,/g, ''))
  const match = PLAIN.exec(text)
  if (match === null || !/\d/.test(text))
    return err('VALUE_INVALID_NUMBER', `"${String(input)}" is not a number`)
  const [, sign = '', rawInt = '', rawFrac = ''] = match
  let int = rawInt
  let frac = rawFrac
  if (scale !== undefined) {
    const roundUp = (frac[scale] ?? '0') >= '5'
    frac = frac.slice(0, scale).padEnd(scale, '0')
    if (roundUp) {
      const bumped = increment(int + frac)
      int = bumped.slice(0, bumped.length - scale)
      frac = bumped.slice(bumped.length - scale)
    }
  } else {
    frac = frac.replace(/0+$/, '')
  }
  int = int.replace(/^0+/, '') || '0'
  const isZero = /^0*$/.test(int + frac)
  return ok(`${sign === '-' && !isZero ? '-' : ''}${int}${frac === '' ? '' : `.${frac}`}`)
}

/** Checks the integer digits against a Salesforce precision (total digits) and scale. */
export function checkPrecision(value: string, precision: number | undefined, scale: number): Result<string> {
  if (precision === undefined) return ok(value)
  const intDigits = value.replace(/^-/, '').split('.')[0]?.replace(/^0+/, '').length ?? 0
  if (intDigits <= precision - scale) return ok(value)
  return err('VALUE_OUT_OF_RANGE', `${value} has more than ${precision - scale} digits before the point`)
}
