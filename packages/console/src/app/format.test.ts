import { describe, expect, it } from 'vitest'

import { formatDuration, formatIso, formatPercent, formatSalesforceField, formatValue } from './format'

describe('console formatting', () => {
  it('durations read as people say them', () => {
    expect(formatDuration(850)).toBe('850 ms')
    expect(formatDuration(2300)).toBe('2.3 s')
    expect(formatDuration(245_000)).toBe('4 min 5 s')
    expect(formatDuration(7_800_000)).toBe('2 h 10 min')
    expect(formatDuration(Number.NaN)).toBe('—')
  })

  it('a share without a limit to compare with is a dash, not 0% or Infinity', () => {
    expect(formatPercent(50, 200)).toBe('25%')
    expect(formatPercent(50, null)).toBe('—')
    expect(formatPercent(50, 0)).toBe('—')
  })

  it('ISO on hover is UTC', () => {
    expect(formatIso(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe('2026-01-02T03:04:05.000Z')
  })

  it('CRM values become plain text; empty ones a dash', () => {
    expect(formatValue(null)).toBe('—')
    expect(formatValue(undefined)).toBe('—')
    expect(formatValue('')).toBe('—')
    expect(formatValue('<b>x</b>')).toBe('<b>x</b>')
    expect(formatValue(0)).toBe('0')
    expect(formatValue(false)).toBe('false')
    expect(formatValue(['a', 'b'])).toBe('["a","b"]')
  })

  it('a per-type Salesforce field lists each type', () => {
    expect(formatSalesforceField('Email')).toBe('Email')
    expect(formatSalesforceField({ Lead: 'Company', Contact: 'Account.Name' })).toBe(
      'Lead: Company, Contact: Account.Name',
    )
  })
})
