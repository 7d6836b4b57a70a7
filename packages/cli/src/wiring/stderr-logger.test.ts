import { describe, expect, it } from 'vitest'

import { HOSTILE_UNICODE, RAW_CONTROL } from '../format/hostile-text.js'
import { createStderrLogger } from './stderr-logger.js'

describe('createStderrLogger', () => {
  it('writes one JSON line per entry with no raw control character, and the exact values when parsed', () => {
    let written = ''
    const logger = createStderrLogger({ write: (text: string) => (written += text) }, 'info')
    logger.warn(
      { recordId: `003${HOSTILE_UNICODE}`, message: HOSTILE_UNICODE },
      `mapping left out ${HOSTILE_UNICODE}`,
    )
    logger.error({ code: 'SF_VALIDATION' }, HOSTILE_UNICODE)
    logger.debug({ message: HOSTILE_UNICODE }, 'below the level: not written')
    expect(written).not.toMatch(RAW_CONTROL)
    const lines = written.split('\n')
    expect(lines.pop()).toBe('')
    expect(lines).toHaveLength(2)
    const [warn, error] = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(warn).toMatchObject({
      level: 'warn',
      msg: `mapping left out ${HOSTILE_UNICODE}`,
      recordId: `003${HOSTILE_UNICODE}`,
      message: HOSTILE_UNICODE,
    })
    expect(error).toMatchObject({ level: 'error', msg: HOSTILE_UNICODE, code: 'SF_VALIDATION' })
  })
})
