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
  ])('B-DEAL-15: $name is a cross-field problem at settings.deals.sync', ({ settings }) => {
    expect(issuesOf(settings)).toEqual([
      {
        code: 'custom',
        path: ['deals', 'sync'],
        message: DEALS_NEED_COMPANIES,
        params: { code: 'cross-field' },
      },
    ])
    expect(DEALS_NEED_COMPANIES).toBe(
      "deal sync needs company sync (a deal's company is its opportunity's account, B-DEAL-15): set settings.companies.sync: true",
    )
  })

  it.each([
    { name: 'both on', settings: { deals: { sync: true }, companies: { sync: true } } },
    { name: 'deal sync off', settings: { deals: { sync: false }, companies: { sync: false } } },
    { name: 'no deals key', settings: {} },
    { name: 'malformed settings', settings: 'yes' },
  ])('B-DEAL-15: $name is no problem', ({ settings }) => {
    expect(issuesOf(settings)).toEqual([])
  })

  it('B-DEAL-15 through parseConfig: deal sync without company sync is refused at settings.deals.sync; with it, accepted', () => {
    const parse = (companies: boolean) =>
      parseConfig({ ...minimalConfig(), settings: { deals: { sync: true }, companies: { sync: companies } } })
    const refused = parse(false)
    if (refused.ok) return expect.fail('deal sync without company sync was accepted')
    expect(refused.issues.map((i) => `${i.code} ${formatConfigPath(i.path)}: ${i.message}`)).toEqual([
      `cross-field settings.deals.sync: ${DEALS_NEED_COMPANIES}`,
    ])
    const accepted = parse(true)
    if (!accepted.ok) return expect.fail(JSON.stringify(accepted.issues))
    expect(accepted.config.connections[0]?.settings.deals).toEqual({
      sync: true,
      pipelines: {},
      maxSyncedPipelines: null,
    })
  })
})
