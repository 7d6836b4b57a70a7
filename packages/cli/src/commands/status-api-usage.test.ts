import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createStateStore } from '@crmsync/store'
import { beforeAll, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import { EXIT_CODES } from '../exit-codes.js'

describe('crmsync status: the Salesforce allocation and the limits each side reported (from the store)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-status-api-'))
  const storeUrl = `sqlite:${join(dir, 'state.db')}`
  const now = Date.now()
  const config = (allocation: string) => {
    const file = join(dir, `crmsync-${allocation || 'none'}.yaml`)
    writeFileSync(
      file,
      [
        'connections:',
        '  - id: main',
        `    salesforce: { instanceUrl: "http://127.0.0.1:1", accessToken: t${allocation} }`,
        '    hubspot: { accessToken: t, basePath: "http://127.0.0.1:2" }',
        `    store: "${storeUrl}"`,
        '',
      ].join('\n'),
    )
    return file
  }

  beforeAll(async () => {
    const store = createStateStore(storeUrl)
    await store.migrate()
    await store.addApiCalls('main', 'salesforce', now - 60_000, 760)
    await store.addApiCalls('main', 'hubspot', now - 60_000, 40)
    await store.saveApiLimitReading({
      connectionId: 'main',
      side: 'salesforce',
      seenAt: Date.UTC(2026, 0, 2, 3, 4, 5),
      daily: { used: 12_345, limit: 150_000 },
      burst: undefined,
    })
    await store.saveApiLimitReading({
      connectionId: 'main',
      side: 'hubspot',
      seenAt: Date.UTC(2026, 0, 2, 3, 4, 6),
      daily: undefined,
      burst: { remaining: 100, max: 110, intervalMs: 10_000 },
    })
    await store.close()
  })

  it('B-API-1, B-API-2: allocated 1,000 with 760 used: 240 left, and automatic retries stop above 750', async () => {
    const run = await runCaptured(['status', '--config', config(', apiCallAllocation: 1000')], {})
    expect(run.code).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain('API calls in the last 24 h: salesforce 760, hubspot 40')
    expect(run.stdout).toContain('allocated to crmsync: 1,000 per 24 h, 760 used, 240 left')
    expect(run.stdout).toContain(
      'automatic retries stop above 750 calls in 24 h (75 % of the allocation): stopped now',
    )
    expect(run.stdout).toContain(
      'org (Sforce-Limit-Info): 12,345 of 150,000 used in 24 h (8 %), as of 2026-01-02T03:04:05Z',
    )
    // An OAuth app gets no daily quota headers from HubSpot: only the burst window is shown.
    expect(run.stdout).toContain('daily: not reported (HubSpot sends no daily quota to OAuth apps)')
    expect(run.stdout).toContain('burst: 100 of 110 left per 10 s, as of 2026-01-02T03:04:06Z')
  })

  it('B-API-1: an allocation spent says that writes wait for the window', async () => {
    const run = await runCaptured(['status', '--config', config(', apiCallAllocation: 700')], {})
    expect(run.stdout).toContain(
      'allocated to crmsync: 700 per 24 h, 760 used, 0 left (writes wait for the window to free calls)',
    )
  })

  it('B-API-1, B-API-6: --json gives the same figures as one object', async () => {
    const run = await runCaptured(['status', '--json', '--config', config(', apiCallAllocation: 1000')], {})
    expect(run.code).toBe(EXIT_CODES.ok)
    const report = JSON.parse(run.stdout) as Record<string, unknown>
    expect(report).toMatchObject({
      connection: 'main',
      salesforceOrgId: null,
      hubspotPortalId: null,
      inbox: 0,
      openErrors: [],
    })
    expect(report['apiUsage']).toEqual({
      salesforce: {
        callsLast24h: 760,
        allocated: 1000,
        left: 240,
        retriesStopAbove: 750,
        retriesStopped: true,
        org: { used: 12_345, limit: 150_000, seenAt: Date.UTC(2026, 0, 2, 3, 4, 5) },
      },
      hubspot: {
        callsLast24h: 40,
        daily: null,
        burst: { remaining: 100, max: 110, intervalMs: 10_000 },
        seenAt: Date.UTC(2026, 0, 2, 3, 4, 6),
      },
    })
  })

  it('B-API-2: without an allocation retries stop above 5,000 calls, and are not stopped at 760', async () => {
    const run = await runCaptured(['status', '--config', config('')], {})
    expect(run.stdout).toContain(
      'allocated to crmsync: no limit set (salesforce.apiCallAllocation); 760 used in 24 h',
    )
    expect(run.stdout).toContain('automatic retries stop above 5,000 calls in 24 h (no allocation set)\n')
  })
})
