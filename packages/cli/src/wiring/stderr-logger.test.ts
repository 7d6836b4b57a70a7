import { describe, expect, it } from 'vitest'

import { HOSTILE_UNICODE, HOSTILE_UNICODE_PRINTED, RAW_CONTROL } from '../format/hostile-text.js'
import { cliLogger, createLogger } from './stderr-logger.js'

/** A sink that keeps what was written; `isTTY` as a terminal's stderr has it. */
function buffer(isTTY = false) {
  const sink = { text: '', isTTY, write: (text: string) => (sink.text += text) }
  return sink
}

const jsonLines = (text: string) => {
  const lines = text.split('\n')
  expect(lines.pop()).toBe('')
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>)
}

/** pino-pretty's own colours (SGR sequences); anything else starting with ESC would be a CRM's. */
// eslint-disable-next-line no-control-regex -- the colour sequences are what is stripped
const PRETTY_COLOURS = /\x1b\[[0-9;]*m/g

describe('createLogger (pino)', () => {
  it('writes one JSON line per entry: level name, ISO time, msg, fields; below the level nothing', () => {
    const sink = buffer()
    const logger = createLogger(sink, 'info')
    logger.info({ connection: 'main', pollSeconds: 30 }, 'crmsync run: started')
    logger.debug({ connection: 'main' }, 'below the level')
    const [entry, ...rest] = jsonLines(sink.text)
    expect(rest).toEqual([])
    expect(entry).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
      msg: 'crmsync run: started',
      connection: 'main',
      pollSeconds: 30,
    })
  })

  it('JSON: no raw control character reaches stderr, and the exact values parse back', () => {
    const sink = buffer()
    const logger = createLogger(sink, 'info')
    logger.warn(
      { recordId: `003${HOSTILE_UNICODE}`, message: HOSTILE_UNICODE, nested: { value: HOSTILE_UNICODE } },
      `mapping left out ${HOSTILE_UNICODE}`,
    )
    logger.error({ code: 'SF_VALIDATION' }, HOSTILE_UNICODE)
    logger.debug({ message: HOSTILE_UNICODE }, 'below the level: not written')
    expect(sink.text).not.toMatch(RAW_CONTROL)
    const [warn, error, ...rest] = jsonLines(sink.text)
    expect(rest).toEqual([])
    expect(warn).toMatchObject({
      level: 'warn',
      msg: `mapping left out ${HOSTILE_UNICODE}`,
      recordId: `003${HOSTILE_UNICODE}`,
      message: HOSTILE_UNICODE,
      nested: { value: HOSTILE_UNICODE },
    })
    expect(error).toMatchObject({ level: 'error', msg: HOSTILE_UNICODE, code: 'SF_VALIDATION' })
  })

  it('redacts secrets at the top level, one level down and in request headers', () => {
    const sink = buffer()
    createLogger(sink, 'info').warn(
      {
        accessToken: 'tok-top',
        connection: { accessToken: 'tok-1', refreshToken: 'ref-1', clientSecret: 'cs-1', user: 'ann' },
        console: { password: 'pw-1' },
        headers: { authorization: 'Bearer tok-2', accept: 'application/json' },
        webhook: { token: 'tok-3' },
      },
      'connection check',
    )
    expect(sink.text).not.toMatch(/tok-|ref-1|cs-1|pw-1/)
    const [entry] = jsonLines(sink.text)
    expect(entry).toMatchObject({
      accessToken: '[redacted]',
      connection: {
        accessToken: '[redacted]',
        refreshToken: '[redacted]',
        clientSecret: '[redacted]',
        user: 'ann',
      },
      console: { password: '[redacted]' },
      headers: { authorization: '[redacted]', accept: 'application/json' },
      webhook: { token: '[redacted]' },
    })
  })

  it('pretty, in colour: only its own colours reach the terminal; CRM controls are printed escaped', () => {
    const sink = buffer()
    const logger = createLogger(sink, 'info', { pretty: true, colorize: true })
    logger.warn({ recordId: HOSTILE_UNICODE, list: [HOSTILE_UNICODE] }, HOSTILE_UNICODE)
    expect(sink.text).toMatch(PRETTY_COLOURS)
    const plain = sink.text.replace(PRETTY_COLOURS, '')
    // Every line pino-pretty ends is its own; the hostile newlines and separators are escaped.
    expect(plain.replace(/\n/g, '')).not.toMatch(RAW_CONTROL)
    expect(plain).toContain(HOSTILE_UNICODE_PRINTED)
    expect(plain).toContain('WARN')
  })

  it('pretty redacts secrets too', () => {
    const sink = buffer()
    createLogger(sink, 'info', { pretty: true }).info({ connection: { accessToken: 'tok-1' } }, 'check')
    expect(sink.text).not.toContain('tok-1')
    expect(sink.text).toContain('[redacted]')
  })
})

describe('cliLogger (the environment, in the cli only)', () => {
  it('JSON when stderr is no terminal; CRMSYNC_LOG_LEVEL sets the level', () => {
    const sink = buffer()
    const logger = cliLogger({ env: { CRMSYNC_LOG_LEVEL: 'debug' }, stderr: sink }, 'warn')
    logger.debug({}, 'shown at debug')
    expect(jsonLines(sink.text)).toMatchObject([{ level: 'debug', msg: 'shown at debug' }])
  })

  it("the command's default level without CRMSYNC_LOG_LEVEL", () => {
    const sink = buffer()
    const logger = cliLogger({ env: {}, stderr: sink }, 'warn')
    logger.info({}, 'hidden')
    logger.warn({}, 'shown')
    expect(jsonLines(sink.text)).toMatchObject([{ level: 'warn', msg: 'shown' }])
  })

  it('pretty on a terminal unless CRMSYNC_LOG_FORMAT=json', () => {
    const terminal = buffer(true)
    cliLogger({ env: {}, stderr: terminal }, 'info').info({}, 'hello')
    expect(() => JSON.parse(terminal.text) as unknown).toThrow()
    expect(terminal.text).toContain('hello')
    const json = buffer(true)
    cliLogger({ env: { CRMSYNC_LOG_FORMAT: 'json' }, stderr: json }, 'info').info({}, 'hello')
    expect(jsonLines(json.text)).toMatchObject([{ level: 'info', msg: 'hello' }])
  })

  it('an unknown CRMSYNC_LOG_LEVEL is reported and the default used', () => {
    const sink = buffer()
    const logger = cliLogger({ env: { CRMSYNC_LOG_LEVEL: 'loud' }, stderr: sink }, 'info')
    logger.debug({}, 'hidden')
    expect(jsonLines(sink.text)).toMatchObject([
      { level: 'warn', msg: 'CRMSYNC_LOG_LEVEL=loud is not a level; logging at info' },
    ])
  })
})
