import { describe, expect, it } from 'vitest'

import { formatConfigPath } from './config-issue.js'
import { minimalConfig, parseValid } from './config-test-helpers.js'
import { parseConfig } from './parse-config.js'

const remove = (value: string) => `remove the key or set it to ${value}`
const notYet = (feature: string, fix: string) =>
  `not supported yet: ${feature} comes with a later release; ${fix}`

/**
 * One key of a feature the engine does not implement: a value that turns it on, and the message; `before`,
 * the problems a cross-field rule lists ahead of it. (Deals, lifecycle automation and most timeline types are built now.)
 */
const KEYS: ReadonlyArray<{ path: string; on: unknown; message: string; before?: readonly string[] }> = [
  {
    path: 'settings.activities.toSalesforce',
    on: ['call', 'sales_document_view'],
    message: notYet(
      'timeline sync of sales_document_view',
      'remove it (built: form_submission, marketing_email_send, marketing_email_open, marketing_email_click, sales_email_send, ' +
        'sales_email_open, sales_email_click, meeting, call, note, task)',
    ),
  },
  {
    path: 'settings.capture.webhooks',
    on: { clientSecret: 's' },
    message: notYet('webhook capture', remove('null (polling only)')),
  },
  {
    path: 'settings.capture.changeDataCapture',
    on: 'true',
    message: notYet('Salesforce Change Data Capture', remove('false')),
  },
  {
    path: 'salesforce.oauth',
    on: { flow: 'jwt', clientId: 'c', username: 'u@x.com', privateKey: '-----BEGIN' },
    message: 'jwt is not supported yet: use accessToken or client-credentials',
  },
]

/** minimalConfig() with `value` at the dotted `path` (objects on the way are merged, not replaced). */
function withValue(path: string, value: unknown): Record<string, unknown> {
  const root = minimalConfig()
  const keys = path.split('.')
  let node: Record<string, unknown> = root
  for (const key of keys.slice(0, -1)) {
    const next = node[key]
    node[key] = typeof next === 'object' && next !== null ? { ...next } : {}
    node = node[key] as Record<string, unknown>
  }
  const last = keys.at(-1) ?? ''
  if (path === 'salesforce.oauth') delete node['accessToken']
  node[last] = value
  return root
}

describe('keys of features not built yet', () => {
  it.each(KEYS)('$path: refused with "not supported yet" and its path', ({ path, on, message, before }) => {
    const result = parseConfig(withValue(path, on))
    if (result.ok) return expect.fail(`${path} was accepted`)
    const issues = result.issues.map(
      (issue) => `${issue.code} ${formatConfigPath(issue.path)}: ${issue.message}`,
    )
    const where = path === 'salesforce.oauth' ? 'salesforce.oauth.flow' : path
    expect(issues).toEqual([...(before ?? []), `not-supported ${where}: ${message}`])
  })

  it('accepts a file that spells out every default of those keys (false, {}, [], null)', () => {
    const connection = parseValid({
      ...minimalConfig(),
      settings: {
        companies: { sync: false },
        activities: { toSalesforce: [], fromSalesforce: [] },
        capture: { webhooks: null, changeDataCapture: false },
      },
      mappings: { company: [], deal: null },
    })
    expect(connection.settings.activities).toEqual({ toSalesforce: [], fromSalesforce: [] })
  })

  it('says the key is not built even when its value is also malformed', () => {
    const result = parseConfig(withValue('settings.activities.toSalesforce', ['sales_document_view', 'fax']))
    if (result.ok) return expect.fail('accepted')
    expect(result.issues.map((issue) => issue.code)).toEqual(['invalid', 'not-supported'])
  })

  it('accepts the client-credentials flow, the one crmsync runs', () => {
    const oauth = { flow: 'client-credentials', clientId: 'c', clientSecret: 's' }
    expect(parseValid(withValue('salesforce.oauth', oauth)).salesforce.oauth?.flow).toBe('client-credentials')
  })
})
