import { describe, expect, it } from 'vitest'

import type { FieldState } from '../model/index.js'
import type { MergeFieldInput } from './index.js'
import { mergeField, nextFieldState } from './index.js'

const synced: FieldState = {
  ancestor: 'a',
  hubspotShadow: { value: 'a', seenAt: 1 },
  salesforceShadow: { value: 'a', seenAt: 1 },
}
const base: MergeFieldInput = {
  field: 'jobtitle',
  rule: 'two-way',
  h: 'a',
  s: 'a',
  state: synced,
  isNewLink: false,
  now: 10,
}

describe('three-way merge of one field (design.md 3.2)', () => {
  it('h == s writes nothing and sets the ancestor, whatever changed (replays and echoes are no-ops)', () => {
    const d = mergeField({ ...base, h: 'b', s: 'b' })
    expect(d).toMatchObject({ action: 'none', value: 'b' })
    expect(nextFieldState({ state: synced, decision: d, h: 'b', s: 'b', now: 10 })).toEqual({
      ancestor: 'b',
      hubspotShadow: { value: 'b', seenAt: 10 },
      salesforceShadow: { value: 'b', seenAt: 10 },
    })
  })

  it('"changed" means differs from that side’s shadow, not from the ancestor', () => {
    const keptApart: FieldState = { ...synced, hubspotShadow: { value: 'x', seenAt: 1 } }
    const d = mergeField({ ...base, rule: 'always-salesforce', h: 'x', s: 'a', state: keptApart })
    expect(d.action).toBe('none')
    expect(d.dropped).toBeUndefined()
  })

  it('B-MAP-8: a field with no state on an existing link does not backfill', () => {
    const d = mergeField({ ...base, h: 'x', s: null, state: {} })
    expect(d).toMatchObject({ action: 'none' })
    expect(d.reason).toContain('B-MAP-8')
    expect(mergeField({ ...base, h: 'x', s: null, state: {}, isNewLink: true }).action).toBe('to-salesforce')
  })

  it('every change that is not propagated names its side, rule and reason', () => {
    const d = mergeField({ ...base, rule: 'always-salesforce', h: 'x', s: 'a' })
    expect(d).toMatchObject({ action: 'none', rule: 'always-salesforce', dropped: ['hubspot'] })
    const both = mergeField({ ...base, h: 'x', s: 'y', hChangedAt: 5, sChangedAt: 7 })
    expect(both).toMatchObject({ action: 'to-hubspot', value: 'y', conflict: true, dropped: ['hubspot'] })
  })

  it('shadows keep their first-seen time while the value is unchanged', () => {
    const d = mergeField({ ...base, h: 'x', s: 'a' })
    const next = nextFieldState({ state: synced, decision: d, h: 'x', s: 'a', now: 10 })
    expect(next).toEqual({
      ancestor: 'x',
      hubspotShadow: { value: 'x', seenAt: 10 },
      salesforceShadow: { value: 'x', seenAt: 10 },
    })
    const truncated = nextFieldState({
      state: synced,
      decision: d,
      h: 'x',
      s: 'a',
      written: 'x-cut',
      now: 10,
    })
    expect(truncated.salesforceShadow?.value).toBe('x-cut')
    const idle = nextFieldState({ state: synced, decision: mergeField(base), h: 'a', s: 'a', now: 99 })
    expect(idle.hubspotShadow?.seenAt).toBe(1)
  })
})
