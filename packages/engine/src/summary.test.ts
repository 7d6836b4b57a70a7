import { describe, expect, it } from 'vitest'

import { MAX_LATENCY_SAMPLES, SummaryBuilder } from './summary.js'

const init = {
  connectionId: 'c1',
  dryRun: false,
  startedAt: 1_000,
  finishedAt: 2_000,
  apiCalls: { hubspot: 0, salesforce: 0 },
}

describe('SummaryBuilder change-to-sync latency', () => {
  it('emits no changeToSyncMs when no record was written to the other side', () => {
    expect(new SummaryBuilder().finish(init)).not.toHaveProperty('changeToSyncMs')
  })

  it('emits one sample per record, in order, and a negative one (source clock ahead) as 0', () => {
    const summary = new SummaryBuilder()
    summary.changeToSync(250)
    summary.changeToSync(0)
    summary.changeToSync(-40)
    expect(summary.finish(init).changeToSyncMs).toEqual([250, 0, 0])
  })

  it(`keeps at most ${MAX_LATENCY_SAMPLES} samples, the first ones`, () => {
    const summary = new SummaryBuilder()
    for (let i = 0; i < MAX_LATENCY_SAMPLES + 5; i++) summary.changeToSync(i)
    const samples = summary.finish(init).changeToSyncMs ?? []
    expect(samples).toHaveLength(MAX_LATENCY_SAMPLES)
    expect(samples.at(-1)).toBe(MAX_LATENCY_SAMPLES - 1)
  })

  it('finish copies the samples: a later sample does not change a summary already made', () => {
    const summary = new SummaryBuilder()
    summary.changeToSync(5)
    const first = summary.finish(init)
    summary.changeToSync(6)
    expect(first.changeToSyncMs).toEqual([5])
  })
})
