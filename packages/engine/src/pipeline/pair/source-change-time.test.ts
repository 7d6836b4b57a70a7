import { describe, expect, it } from 'vitest'

import { sourceChangeTime } from './source-change-time.js'

const at = Date.parse('2026-03-01T10:00:00.000Z')

describe('sourceChangeTime (change-to-sync latency source)', () => {
  const changedAt = sourceChangeTime({
    changes: [
      { side: 'salesforce', id: 'sf1', event: 'changed' },
      { side: 'hubspot', id: 'hs1', event: 'changed' },
      { side: 'hubspot', id: 'hs2', event: 'changed' },
      { side: 'hubspot', id: 'hs3', event: 'resync' },
      { side: 'hubspot', id: 'hs4', event: 'changed' },
    ],
    hubspot: new Map([
      ['hs1', { properties: { lastmodifieddate: '2026-03-01T10:00:00.000Z' } }],
      ['hs2', { properties: { hs_lastmodifieddate: String(at) } }],
      ['hs3', { properties: { lastmodifieddate: '2026-03-01T10:00:00.000Z' } }],
      ['hs4', { properties: { lastmodifieddate: 'not a date' } }],
      ['hs5', { properties: { lastmodifieddate: '2026-03-01T10:00:00.000Z' } }],
    ]),
    salesforce: new Map([
      ['sf1', { modifiedAt: at }],
      ['sf2', { modifiedAt: at }],
    ]),
  })

  it('dates a Salesforce change by its SystemModstamp, a HubSpot change by its last-modified date (ISO or ms)', () => {
    expect(changedAt('salesforce', 'sf1')).toBe(at)
    expect(changedAt('hubspot', 'hs1')).toBe(at)
    expect(changedAt('hubspot', 'hs2')).toBe(at)
  })

  it('knows no time for a record not changed in the batch, a resync, or an unreadable date', () => {
    expect(changedAt('salesforce', 'sf2')).toBeUndefined()
    expect(changedAt('hubspot', 'hs5')).toBeUndefined()
    expect(changedAt('hubspot', 'hs3')).toBeUndefined()
    expect(changedAt('hubspot', 'hs4')).toBeUndefined()
    expect(changedAt('hubspot', 'sf1')).toBeUndefined()
  })
})
