import { describe, expect, it } from 'vitest'

import { HOSTILE_TEXT, HOSTILE_TEXT_PRINTED, RAW_CONTROL } from './hostile-text.js'
import { formatTable } from './table.js'

describe('formatTable', () => {
  it('pads every column to its widest cell, two spaces apart, with no trailing spaces', () => {
    expect(
      formatTable(
        ['a', 'long header'],
        [
          ['wide cell', 'x'],
          ['b', ''],
        ],
        '  ',
      ),
    ).toEqual(['  a          long header', '  wide cell  x', '  b'])
  })

  it('prints a CRM value with newlines and escape sequences on its own row, escaped, widths included', () => {
    const lines = formatTable(
      ['record', 'message'],
      [
        ['00Q1', HOSTILE_TEXT],
        ['00Q2', 'ok'],
      ],
    )
    expect(lines).toEqual(['record  message', `00Q1    ${HOSTILE_TEXT_PRINTED}`, '00Q2    ok'])
    expect(lines.join('\n')).not.toMatch(RAW_CONTROL)
    expect(formatTable([HOSTILE_TEXT], [])).toEqual([HOSTILE_TEXT_PRINTED])
  })
})
