import { describe, expect, it } from 'vitest'

import { HOSTILE_UNICODE, RAW_CONTROL } from './hostile-text.js'
import { safeJson } from './safe-json.js'

describe('safeJson', () => {
  it('escapes what JSON.stringify leaves raw (C1, DEL, U+2028/2029, bidi) as \\uXXXX, on one line', () => {
    const value = { errors: [{ message: HOSTILE_UNICODE }], [`key${HOSTILE_UNICODE}`]: 1 }
    expect(JSON.stringify(value)).toMatch(RAW_CONTROL)
    const text = safeJson(value)
    expect(text).not.toMatch(RAW_CONTROL)
    expect(text).not.toContain('\n')
    expect(text).toContain('\\u2028line\\u2029para\\u009b31mcsi\\u0085next\\u007fdel\\u2066iso\\u2069')
    expect(text).toContain('\\u202eesrever')
  })

  it('stays valid JSON with the exact value, and leaves other text as JSON.stringify prints it', () => {
    const value = { message: HOSTILE_UNICODE, plain: 'José 山田 שלום 👋 C:\\temp "q"', n: 1.5, none: null }
    expect(JSON.parse(safeJson(value))).toEqual(value)
    const plain = { plain: value.plain, n: 1.5 }
    expect(safeJson(plain)).toBe(JSON.stringify(plain))
    expect(safeJson(undefined)).toBe('null')
  })
})
