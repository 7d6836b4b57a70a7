import { describe, expect, it } from 'vitest'

import { HOSTILE_TEXT as HOSTILE, HOSTILE_TEXT_PRINTED, RAW_CONTROL } from './hostile-text.js'
import { safeLines, safeText } from './safe-text.js'

describe('safeText', () => {
  it('escapes newlines, ESC sequences, BEL and a right-to-left override visibly', () => {
    expect(safeText(HOSTILE)).toBe(
      'Ann\\nforged row\\rback\\x1b[31mred\\x1b]8;;http://evil\\x07link\\u202eesrever',
    )
    expect(safeText(HOSTILE)).toBe(HOSTILE_TEXT_PRINTED)
  })

  it('escapes every C0 and C1 control, DEL, line and paragraph separators, bidi overrides, isolates and marks', () => {
    const controls = [
      ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)),
      ...Array.from({ length: 0x21 }, (_, offset) => String.fromCharCode(0x7f + offset)),
      '\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u200e\u200f',
    ].join('')
    const escaped = safeText(controls)
    expect(escaped).not.toMatch(RAW_CONTROL)
    expect(escaped).not.toContain('\n')
    expect(escaped).toContain('\\x00')
    expect(escaped).toContain('\\t')
    expect(escaped).toContain('\\x7f')
    expect(escaped).toContain('\\x9b')
    expect(escaped).toContain('\\u2028')
    expect(escaped).toContain('\\u2069')
  })

  it('keeps printable text, accents, other scripts and emoji as they are, and is idempotent', () => {
    const plain = 'José Müller <jose@example.com> 山田 — שלום 👋 C:\\temp'
    expect(safeText(plain)).toBe(plain)
    expect(safeText(safeText(HOSTILE))).toBe(safeText(HOSTILE))
  })

  it('safeLines: each line made safe, one newline after each', () => {
    expect(safeLines(['a\nb', 'c\x1b'])).toBe('a\\nb\nc\\x1b\n')
  })
})
