import { describe, expect, it } from 'vitest'

import { formatConfigPath } from './config-issue.js'
import { minimalConfig, parseValid } from './config-test-helpers.js'
import { parseConfig } from './parse-config.js'

const withActivities = (activities: Record<string, unknown>) => ({
  ...minimalConfig(),
  settings: { activities },
})

describe('settings.activities (B-ACT-3)', () => {
  it('B-ACT-3: a type is a switch; a filter or a field mapping for activities is refused by name', () => {
    for (const extra of [
      { filter: { type: 'call', subject: 'Demo*' } },
      { mappings: [{ hubspot: 'hs_call_title', salesforce: 'Subject' }] },
      { toSalesforceFilters: { call: 'x' } },
    ]) {
      const result = parseConfig(withActivities({ toSalesforce: ['call'], ...extra }))
      if (result.ok) return expect.fail(`accepted ${JSON.stringify(extra)}`)
      const key = Object.keys(extra)[0]!
      expect(result.issues.map((i) => [i.code, formatConfigPath(i.path)])).toEqual([
        ['unknown-key', `settings.activities.${key}`],
      ])
    }
  })

  it('B-ACT-3: a type is either on or off, listed once: an object per type is refused', () => {
    expect(parseConfig(withActivities({ toSalesforce: [{ type: 'call', filter: 'x' }] })).ok).toBe(false)
    expect(parseConfig(withActivities({ toSalesforce: ['call', 'call'] })).ok).toBe(false)
  })

  it('the built types are accepted as given', () => {
    const connection = parseValid(withActivities({ toSalesforce: ['call', 'marketing_email_open', 'note'] }))
    expect(connection.settings.activities.toSalesforce).toEqual(['call', 'marketing_email_open', 'note'])
  })
})
