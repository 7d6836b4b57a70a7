import { describe, expect, it } from 'vitest'

import { formatConfigPath } from './config-issue.js'
import { problemsOf } from './config-test-helpers.js'
import { parseConfig } from './parse-config.js'
import { checkSecretSources } from './secret-sources.js'

const everythingLiteral = { isLiteral: () => true }
const message =
  'secrets must come from the environment: write ${NAME} and set NAME ' +
  '(literal values are accepted only for localhost sandboxes)'

describe('secrets come from the environment', () => {
  const production = {
    salesforce: { instanceUrl: 'https://example.my.salesforce.com', accessToken: 'literal' },
    hubspot: { accessToken: 'literal' },
  }

  it('refuses literal tokens for real APIs', () => {
    expect(problemsOf(production, everythingLiteral)).toEqual([
      `salesforce.accessToken: ${message}`,
      `hubspot.accessToken: ${message}`,
    ])
  })

  it('accepts the same values when they were substituted from ${NAME}', () => {
    expect(parseConfig(production, { isLiteral: () => false }).ok).toBe(true)
  })

  it('accepts literal tokens for local sandboxes', () => {
    const sandbox = {
      salesforce: { instanceUrl: 'http://127.0.0.1:4010', accessToken: 'sandbox' },
      hubspot: { accessToken: 'sandbox', basePath: 'http://localhost:4020' },
    }
    expect(parseConfig(sandbox, everythingLiteral).ok).toBe(true)
  })

  it('checks OAuth secrets against the login host and each connection of the list form', () => {
    const oauth = { flow: 'refresh-token', clientId: 'c', refreshToken: 'r', loginUrl: 'http://127.0.0.1:1' }
    const raw = {
      connections: [
        { id: 'a', salesforce: { instanceUrl: 'http://127.0.0.1:1', oauth }, hubspot: { accessToken: 'x' } },
      ],
    }
    const issues = checkSecretSources(
      raw,
      (path) => formatConfigPath(path) !== 'connections[0].hubspot.accessToken',
    )
    expect(issues).toEqual([])
    const remote = { ...oauth, loginUrl: 'https://login.salesforce.com' }
    const paths = checkSecretSources(
      { connections: [{ id: 'a', salesforce: { instanceUrl: 'http://127.0.0.1:1', oauth: remote } }] },
      () => true,
    ).map((issue) => formatConfigPath(issue.path))
    expect(paths).toEqual(['connections[0].salesforce.oauth.refreshToken'])
  })

  it('refuses a secret that comes from a ${NAME:-default}: the default is written in the file', () => {
    const fromDefault = (path: ReadonlyArray<string | number>) =>
      formatConfigPath(path) === 'hubspot.accessToken' ? 'pat-na1-abc' : undefined
    expect(problemsOf(production, { isLiteral: () => false, writtenDefault: fromDefault })).toEqual([
      `hubspot.accessToken: ${message}`,
    ])
    const sandbox = { ...production, hubspot: { accessToken: 'x', basePath: 'http://127.0.0.1:4020' } }
    expect(parseConfig(sandbox, { isLiteral: () => false, writtenDefault: fromDefault }).ok).toBe(true)
  })

  it('refuses a literal password in a postgres store URL, unless it comes from ${NAME} or the host is local', () => {
    const raw = {
      salesforce: { instanceUrl: 'https://example.my.salesforce.com', accessToken: 't' },
      hubspot: { accessToken: 'h' },
      store: 'postgres://crm:hunter2@db.internal/crmsync',
    }
    const onlyStoreLiteral = { isLiteral: (path: ReadonlyArray<string | number>) => path[0] === 'store' }
    expect(problemsOf(raw, onlyStoreLiteral)).toEqual([`store: ${message}`])
    expect(parseConfig({ ...raw, store: 'postgres://crm@db.internal/crmsync' }, onlyStoreLiteral).ok).toBe(
      true,
    )
    expect(parseConfig({ ...raw, store: 'postgres://crm:pw@127.0.0.1/crmsync' }, onlyStoreLiteral).ok).toBe(
      true,
    )
    expect(parseConfig(raw, { isLiteral: () => false }).ok).toBe(true)
  })
})
