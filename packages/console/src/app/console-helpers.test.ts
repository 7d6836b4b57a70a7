import { describe, expect, it } from 'vitest'

import type { LiveEvent } from './api/api-types'
import { mergeHourly } from './api-usage'
import { type FeedItem, parseLiveEvent, pushLiveEvent } from './live-feed'
import { changedSettings, flattenSettings, parseSettingInput } from './settings-values'
import { otherSideName, tryItStatusPath } from './try-it-status'

const change: LiveEvent = {
  type: 'change',
  connectionId: 'default',
  objectKind: 'contact',
  hubspotId: '1',
  salesforceId: null,
  field: 'email',
  direction: 'to-salesforce',
  newValue: 'a@example.com',
  at: 1,
}

describe('live feed', () => {
  it('keeps the newest first and drops the oldest beyond the limit', () => {
    let feed: readonly FeedItem[] = []
    for (let seq = 1; seq <= 5; seq += 1) feed = pushLiveEvent(feed, { seq, event: change }, 3)
    expect(feed.map((item) => item.seq)).toEqual([5, 4, 3])
  })

  it('skips data that is not a cycle or change event', () => {
    expect(parseLiveEvent(JSON.stringify(change))).toEqual(change)
    expect(parseLiveEvent('not json')).toBeNull()
    expect(parseLiveEvent('{"type":"hello"}')).toBeNull()
    expect(parseLiveEvent('null')).toBeNull()
  })
})

describe('settings editor', () => {
  it('edits nested settings as the dotted paths PATCH /settings takes', () => {
    const flat = flattenSettings({
      conflicts: { rule: 'last-writer-wins', window: 5 },
      dryRun: false,
      tags: ['a'],
    })
    expect([...flat.entries()]).toEqual([
      ['conflicts.rule', 'last-writer-wins'],
      ['conflicts.window', 5],
      ['dryRun', false],
      ['tags', ['a']],
    ])
  })

  it('sends only what changed, numbers as numbers', () => {
    const original = flattenSettings({ a: { n: 5 }, b: true, c: 'x' })
    const edited = new Map(original)
    edited.set('a.n', parseSettingInput(5, '7'))
    edited.set('b', true)
    expect(changedSettings(original, edited)).toEqual({ 'a.n': 7 })
    expect(parseSettingInput(5, 'abc')).toBe('abc')
    expect(parseSettingInput('x', '7')).toBe('7')
  })
})

describe('overview chart data', () => {
  it('puts both sides on one hour axis, oldest first, missing hours as 0', () => {
    const rows = mergeHourly({
      salesforce: {
        used24h: 5,
        allocation: null,
        hourly: [
          { hour: 7200, calls: 2 },
          { hour: 3600, calls: 3 },
        ],
      },
      hubspot: { used24h: 4, dailyLimit: 1000, hourly: [{ hour: 7200, calls: 4 }] },
    })
    expect(rows).toEqual([
      { hour: 3600, salesforce: 3, hubspot: 0 },
      { hour: 7200, salesforce: 2, hubspot: 4 },
    ])
  })
})

describe('Try it', () => {
  it('asks for the status of exactly the saved edit', () => {
    const path = tryItStatusPath(
      { connectionId: 'default', hubspotId: '42', side: 'salesforce', field: 'firstname', value: 'Zoë & co' },
      { editedAt: 1700 },
    )
    const url = new URL(path, 'http://x')
    expect(url.pathname).toBe('/api/try-it/edit-status')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      connectionId: 'default',
      hubspotId: '42',
      side: 'salesforce',
      field: 'firstname',
      value: 'Zoë & co',
      editedAt: '1700',
    })
    expect(otherSideName('salesforce')).toBe('HubSpot')
    expect(otherSideName('hubspot')).toBe('Salesforce')
  })
})
