import { describe, expect, it } from 'vitest'

import { substituteEnv } from './substitute-env.js'

describe('substituteEnv', () => {
  it('replaces ${NAME} anywhere in a string and records the path as coming from the environment', () => {
    const result = substituteEnv(
      { hubspot: { accessToken: '${HS_TOKEN}', basePath: 'http://${HOST}:${PORT}' }, list: ['${HOST}'] },
      { HS_TOKEN: 'pat-1', HOST: '127.0.0.1', PORT: '4020' },
    )
    expect(result.issues).toEqual([])
    expect(result.value).toEqual({
      hubspot: { accessToken: 'pat-1', basePath: 'http://127.0.0.1:4020' },
      list: ['127.0.0.1'],
    })
    expect([...result.fromEnv].sort()).toEqual(['hubspot.accessToken', 'hubspot.basePath', 'list[0]'])
  })

  it('uses ${NAME:-default} when NAME is unset or empty, and the value when it is set', () => {
    const document = { a: '${A:-sqlite:./x.db}', b: '${B:-fallback}', c: '${C:-}' }
    const result = substituteEnv(document, { A: 'postgres://db/crm', B: '' })
    expect(result.value).toEqual({ a: 'postgres://db/crm', b: 'fallback', c: '' })
    expect(result.issues).toEqual([])
  })

  it('records the text each ${NAME:-default} writes in the file, whether NAME is set or not', () => {
    const document = {
      token: '${HS_TOKEN:-pat-na1-abc}',
      store: 'postgres://crm:${PGPASSWORD}@${DB_HOST:-db.internal}/crm',
      plain: '${PLAIN}',
      empty: '${EMPTY:-}',
    }
    for (const env of [{}, { HS_TOKEN: 'pat-from-env', PGPASSWORD: 'pw', PLAIN: 'p', EMPTY: 'e' }]) {
      const result = substituteEnv(document, env)
      expect(Object.fromEntries(result.defaults)).toEqual({
        token: 'pat-na1-abc',
        store: 'postgres://crm:@db.internal/crm',
      })
    }
  })

  it('keeps literal strings, keys and non-strings as they are; $${ writes a literal ${', () => {
    const document = { '${KEY}': 'plain', n: 15, flag: true, none: null, escaped: 'cost $${X}' }
    const result = substituteEnv(document, { KEY: 'k', X: 'x' })
    expect(result.value).toEqual({ '${KEY}': 'plain', n: 15, flag: true, none: null, escaped: 'cost ${X}' })
    expect(result.fromEnv.size).toBe(0)
  })

  it('reports every missing variable with the path where it was used', () => {
    const result = substituteEnv(
      {
        salesforce: { accessToken: '${SF_TOKEN}' },
        connections: [{ hubspot: { accessToken: '${HS_TOKEN}' } }],
      },
      {},
    )
    expect(result.issues).toEqual([
      {
        code: 'env-missing',
        path: ['salesforce', 'accessToken'],
        message: 'environment variable SF_TOKEN is not set',
      },
      {
        code: 'env-missing',
        path: ['connections', 0, 'hubspot', 'accessToken'],
        message: 'environment variable HS_TOKEN is not set',
      },
    ])
  })

  it('reports malformed references', () => {
    const result = substituteEnv({ a: '${not a name}', b: 'x ${UNCLOSED' }, { UNCLOSED: 'u' })
    expect(result.issues.map((issue) => [issue.code, issue.path.join('.')])).toEqual([
      ['env-syntax', 'a'],
      ['env-syntax', 'b'],
    ])
  })
})
