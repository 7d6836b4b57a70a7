import { describe, expect, it } from 'vitest'

import type { SyncRule } from '../mapping/index.js'
import type { CanonicalValue } from '../model/index.js'
import type { Direction, RuleInput } from './index.js'
import { decideRule } from './index.js'

type Column = 'only-hubspot' | 'only-salesforce' | 'both-hs-later' | 'both-sf-later' | 'both-tie' | 'new-link'

function input(
  column: Column,
  h: CanonicalValue,
  s: CanonicalValue,
  extra: Partial<RuleInput> = {},
): RuleInput {
  const base = {
    h,
    s,
    hChangedAt: 1000,
    sChangedAt: 1000,
    salesforceOwnerActive: true,
    hubspotOwnerActive: true,
  }
  switch (column) {
    case 'only-hubspot':
      return { ...base, hChanged: true, sChanged: false, isNew: false, ...extra }
    case 'only-salesforce':
      return { ...base, hChanged: false, sChanged: true, isNew: false, ...extra }
    case 'both-hs-later':
      return { ...base, hChanged: true, sChanged: true, isNew: false, hChangedAt: 2000, ...extra }
    case 'both-sf-later':
      return { ...base, hChanged: true, sChanged: true, isNew: false, sChangedAt: 2000, ...extra }
    case 'both-tie':
      return { ...base, hChanged: true, sChanged: true, isNew: false, ...extra }
    case 'new-link':
      return { ...base, hChanged: true, sChanged: true, isNew: true, ...extra }
  }
}

// design.md 3.2 with both sides non-blank. A Record (no Partial) so a new rule or column must be decided here.
const TABLE: Record<Exclude<SyncRule, 'owner' | 'opt-out'>, Record<Column, Direction>> = {
  'two-way': {
    'only-hubspot': 'to-salesforce',
    'only-salesforce': 'to-hubspot',
    'both-hs-later': 'to-salesforce',
    'both-sf-later': 'to-hubspot',
    'both-tie': 'to-hubspot',
    'new-link': 'to-hubspot',
  },
  'prefer-salesforce': {
    'only-hubspot': 'to-hubspot',
    'only-salesforce': 'to-hubspot',
    'both-hs-later': 'to-hubspot',
    'both-sf-later': 'to-hubspot',
    'both-tie': 'to-hubspot',
    'new-link': 'to-hubspot',
  },
  'always-salesforce': {
    'only-hubspot': 'none',
    'only-salesforce': 'to-hubspot',
    'both-hs-later': 'to-hubspot',
    'both-sf-later': 'to-hubspot',
    'both-tie': 'to-hubspot',
    'new-link': 'to-hubspot',
  },
  none: {
    'only-hubspot': 'none',
    'only-salesforce': 'none',
    'both-hs-later': 'none',
    'both-sf-later': 'none',
    'both-tie': 'none',
    'new-link': 'none',
  },
}

describe('sync rules: the design.md 3.2 table', () => {
  for (const [rule, columns] of Object.entries(TABLE)) {
    for (const [column, expected] of Object.entries(columns)) {
      it(`${rule} / ${column} -> ${expected}`, () => {
        const outcome = decideRule(rule as SyncRule, input(column as Column, 'h', 's'))
        expect(outcome.action).toBe(expected)
        expect(outcome.reason).not.toBe('')
      })
    }
  }

  it('B-MAP-1: prefer-salesforce fills a blank Salesforce field from HubSpot, and a Salesforce clear clears', () => {
    expect(decideRule('prefer-salesforce', input('only-hubspot', 'h', null)).action).toBe('to-salesforce')
    expect(decideRule('prefer-salesforce', input('new-link', 'h', null)).action).toBe('to-salesforce')
    expect(decideRule('prefer-salesforce', input('only-salesforce', 'h', null)).action).toBe('to-hubspot')
  })

  it('B-MAP-2: always-salesforce never writes HubSpot into a blank Salesforce field', () => {
    expect(decideRule('always-salesforce', input('only-hubspot', 'h', null)).action).toBe('none')
    expect(decideRule('always-salesforce', input('new-link', 'h', null)).action).toBe('none')
    expect(decideRule('always-salesforce', input('only-salesforce', 'h', null)).action).toBe('to-hubspot')
  })

  it('B-MAP-3: two-way conflicts are marked, ties go to Salesforce, a new link takes the non-blank side', () => {
    expect(decideRule('two-way', input('both-tie', 'h', 's'))).toMatchObject({
      action: 'to-hubspot',
      conflict: true,
    })
    expect(decideRule('two-way', input('new-link', 'h', null)).action).toBe('to-salesforce')
    expect(decideRule('two-way', input('new-link', null, 's')).action).toBe('to-hubspot')
    expect(decideRule('two-way', input('new-link', 'h', 's', { hChangedAt: 5000 })).action).toBe(
      'to-salesforce',
    )
    expect(decideRule('two-way', input('only-hubspot', null, 's')).action).toBe('to-salesforce')
  })

  it('B-MAP-4: none never moves a value or a clear', () => {
    for (const column of ['only-hubspot', 'only-salesforce', 'new-link'] as const) {
      expect(decideRule('none', input(column, null, 's')).action).toBe('none')
    }
  })

  it('B-OWN-3/4/6/7/14: the owner rule', () => {
    expect(decideRule('owner', input('only-hubspot', '005B', '005A')).action).toBe('to-salesforce')
    expect(decideRule('owner', input('only-hubspot', 'hubspot:14', '005A')).action).toBe('to-hubspot')
    expect(decideRule('owner', input('only-hubspot', null, '005A')).action).toBe('to-hubspot')
    expect(decideRule('owner', input('only-salesforce', '005B', '005A')).action).toBe('to-hubspot')
    expect(decideRule('owner', input('new-link', '005B', '005A')).action).toBe('to-hubspot')
    expect(
      decideRule('owner', input('new-link', '005B', '005A', { salesforceOwnerActive: false })).action,
    ).toBe('to-salesforce')
    expect(decideRule('owner', input('new-link', null, '005A')).action).toBe('to-hubspot')
    expect(decideRule('owner', input('both-hs-later', '005B', '005A')).action).toBe('to-salesforce')
    expect(decideRule('owner', input('both-hs-later', 'hubspot:14', '005A')).action).toBe('to-hubspot')
    // An HS owner whose Salesforce user is inactive is compared as that user but never written (B-OWN-3).
    expect(
      decideRule('owner', input('only-hubspot', '005OLD', '005A', { hubspotOwnerActive: false })).action,
    ).toBe('to-hubspot')
  })

  it('B-OPT-2/3/4: opt-out: true wins, false never propagates', () => {
    const cases: [Column, CanonicalValue, CanonicalValue, Direction][] = [
      ['only-hubspot', 'true', 'false', 'to-salesforce'],
      ['only-salesforce', 'false', 'true', 'to-hubspot'],
      ['only-salesforce', 'true', 'false', 'none'],
      ['only-hubspot', 'false', 'true', 'none'],
      ['both-tie', 'true', 'false', 'to-salesforce'],
      ['both-hs-later', 'false', 'true', 'to-hubspot'],
      ['new-link', 'false', 'true', 'to-hubspot'],
      ['new-link', 'true', 'false', 'to-salesforce'],
    ]
    for (const [column, h, s, expected] of cases) {
      expect(decideRule('opt-out', input(column, h, s)).action, `${column} h=${h} s=${s}`).toBe(expected)
    }
  })
})
