import { describe, expect, it } from 'vitest'
import type { z } from 'zod'

import { formatConfigPath } from './config-issue.js'
import { minimalConfig } from './config-test-helpers.js'
import { checkDealsNeedCompanies, DEALS_NEED_COMPANIES } from './deal-settings-rules.js'
import { parseConfig } from './parse-config.js'

/** The issues a rule adds, through a stand-in for zod's refinement context. */
function issuesOf(settings: unknown): unknown[] {
  const issues: unknown[] = []
  const ctx = {
    addIssue: (issue: unknown) => issues.push(issue),
    value: settings,
  } as unknown as z.RefinementCtx
  checkDealsNeedCompanies(settings, ctx)
  return issues
}

describe('deal settings rules', () => {
  it.each([
    {
      name: 'deal sync on, company sync off',
      settings: { deals: { sync: true }, companies: { sync: false } },
    },
    { name: 'deal sync on, companies not given', settings: { deals: { sync: 'true' } } },
  ])('B-INST-5: $name is a cross-field problem at settings.deals.sync', ({ settings }) => {
    expect(issuesOf(settings)).toEqual([
      {
        code: 'custom',
        path: ['deals', 'sync'],
        message: DEALS_NEED_COMPANIES,
        params: { code: 'cross-field' },
      },
    ])
    expect(DEALS_NEED_COMPANIES).toBe(
      'deal sync needs company sync (B-INST-5): set settings.companies.sync: true',
    )
  })

  it.each([
    { name: 'both on', settings: { deals: { sync: true }, companies: { sync: true } } },
    { name: 'deal sync off', settings: { deals: { sync: false }, companies: { sync: false } } },
    { name: 'no deals key', settings: {} },
    { name: 'malformed settings', settings: 'yes' },
  ])('B-INST-5: $name is no problem', ({ settings }) => {
    expect(issuesOf(settings)).toEqual([])
  })

  it('B-INST-5 is listed before deal sync is refused as not supported yet; with company sync on only the refusal remains', () => {
    const problems = (companies: boolean) => {
      const result = parseConfig({
        ...minimalConfig(),
        settings: { deals: { sync: true }, companies: { sync: companies } },
      })
      if (result.ok) return expect.fail('deal sync on was accepted')
      return result.issues.map((i) => `${i.code} ${formatConfigPath(i.path)}`)
    }
    expect(problems(false)).toEqual(['cross-field settings.deals.sync', 'not-supported settings.deals.sync'])
    expect(problems(true)).toEqual(['not-supported settings.deals.sync'])
  })
})
