import { describe, expect, it } from 'vitest'

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
})
