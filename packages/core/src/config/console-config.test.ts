import { describe, expect, it } from 'vitest'

import { minimalConfig, problemsOf } from './config-test-helpers.js'
import { parseConfig } from './parse-config.js'

function parsed(raw: unknown) {
  const result = parseConfig(raw)
  if (!result.ok) return expect.fail(JSON.stringify(result.issues))
  return result.config
}

describe('console: the web console of crmsync run (issue #13)', () => {
  it('defaults to 127.0.0.1:8080 when absent', () => {
    expect(parsed(minimalConfig()).console).toEqual({ port: 8080, host: '127.0.0.1' })
  })

  it('is read at the top level of the single-pair form, and is not part of the connection', () => {
    const config = parsed({ ...minimalConfig(), console: { port: '9090', host: '0.0.0.0' } })
    expect(config.console).toEqual({ port: 9090, host: '0.0.0.0' })
    expect(config.connections[0]).not.toHaveProperty('console')
  })

  it('is read at the top level beside connections:', () => {
    const config = parsed({ connections: [{ id: 'a', ...minimalConfig() }], console: { port: 0 } })
    expect(config.console).toEqual({ port: 0, host: '127.0.0.1' })
  })

  it('refuses a port out of range, unknown keys, and a console inside a connection', () => {
    expect(problemsOf({ ...minimalConfig(), console: { port: 70000, tls: true } })).toEqual([
      expect.stringMatching(/^console\.port: /),
      expect.stringMatching(/^console\.tls: unknown key/),
    ])
    expect(problemsOf({ connections: [{ id: 'a', ...minimalConfig(), console: { port: 1 } }] })).toEqual([
      expect.stringMatching(/^connections\[0\]\.console: unknown key/),
    ])
  })
})
