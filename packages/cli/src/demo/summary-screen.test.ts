import { PassThrough } from 'node:stream'

import { describe, expect, it } from 'vitest'

import { createSummaryScreen } from './summary-screen.js'

/** A stream that says it is a terminal of 40 rows by 100 columns, keeping what was written to it. */
function terminal(size = { rows: 40, columns: 100 }) {
  const stream = Object.assign(new PassThrough(), { isTTY: true, ...size })
  let written = ''
  stream.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')))
  return { stream, written: () => written }
}

/** ESC [ 1 A: cursor up one line, what log-update sends to redraw over the last summary. */
const CURSOR_UP = '\u001b[1A'

describe('the demo summary screen', () => {
  it('appends one block per refresh when stdout is not a terminal (what tests and pipes read)', () => {
    let out = ''
    const screen = createSummaryScreen({ write: (text: string) => (out += text) })
    screen.show(['--- one ---', '  a'])
    screen.show(['--- two ---', '  b'])
    screen.done()
    expect(out).toBe('--- one ---\n  a\n--- two ---\n  b\n')
  })

  it('redraws in place on a terminal, and leaves the last summary on screen when done', () => {
    const tty = terminal()
    const screen = createSummaryScreen(tty.stream)
    screen.show(['--- one ---', '  a'])
    expect(tty.written()).not.toContain(CURSOR_UP)
    screen.show(['--- two ---', '  b'])
    const second = tty.written().slice(tty.written().indexOf('  a'))
    // The first block's lines are erased before the second is written (log-update), not scrolled away.
    expect(second).toContain(CURSOR_UP)
    expect(second.indexOf(CURSOR_UP)).toBeLessThan(second.indexOf('--- two ---'))
    screen.done()
    tty.stream.write('Stopped\n')
    // After done() the next output prints below the last summary instead of over it.
    expect(tty.written().endsWith('  b\nStopped\n')).toBe(true)
  })

  it('escapes CRM text on a terminal too (a newline or ESC in a value cannot move the cursor)', () => {
    const tty = terminal()
    createSummaryScreen(tty.stream).show(['name: evil\u001b[2Jname'])
    expect(tty.written()).toContain('name: evil\\x1b[2Jname')
  })

  it('prints blocks on a terminal that reports no size (log-update would cut every line)', () => {
    const tty = terminal({ rows: 0, columns: 0 })
    const screen = createSummaryScreen(tty.stream)
    screen.show(['--- one ---'])
    screen.show(['--- two ---'])
    expect(tty.written()).toBe('--- one ---\n--- two ---\n')
  })
})
