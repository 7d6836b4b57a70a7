import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createStateStore } from '@crmsync/store'
import { beforeAll, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import { EXIT_CODES } from '../exit-codes.js'

describe('crmsync status with activity sync on: Task counts and the activity capture cursors (B-ACT)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-status-activities-'))
  const config = join(dir, 'crmsync.yaml')
  const storeUrl = `sqlite:${join(dir, 'state.db')}`
  const now = Date.now()

  beforeAll(async () => {
    writeFileSync(
      config,
      [
        'salesforce: { instanceUrl: "http://127.0.0.1:1", accessToken: t }',
        'hubspot: { accessToken: t, basePath: "http://127.0.0.1:2" }',
        `store: "${storeUrl}"`,
        'settings: { activities: { toSalesforce: [call, marketing_email_open], fromSalesforce: [task] } }',
        '',
      ].join('\n'),
    )
    const store = createStateStore(storeUrl)
    await store.migrate()
    const pair = (n: number, state: 'pending' | 'claimed' | 'written') => ({
      connectionId: 'default',
      syncKey: `call:${n}@1`,
      activityKey: `call:${n}`,
      contactId: '1',
      state,
      salesforceTaskId: state === 'written' ? `00T00000000000${n}` : null,
      activity: { key: `call:${n}`, type: 'call' as const, contactIds: ['1'], occurredAt: now },
      updatedAt: now,
    })
    await store.putTimelineItems([pair(1, 'written'), pair(2, 'written'), pair(3, 'pending')])
    await store.setCursor({
      connectionId: 'default',
      side: 'hubspot',
      stream: 'activity:email-events',
      value: JSON.stringify({ at: Date.UTC(2026, 4, 6, 7, 8, 9), seen: ['evt-1'] }),
      updatedAt: now,
    })
    await store.close()
  })

  it('counts the Tasks written and waiting, and shows every activity stream with where it stands', async () => {
    const run = await runCaptured(['status', '--config', config], {})
    expect(run.code).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain(
      "activity tasks: 2 written, 1 waiting for their contact's link, 0 being written",
    )
    expect(run.stdout).toMatch(/hubspot activity:email-events +2026-05-06T07:08:09Z/)
    expect(run.stdout).toMatch(/hubspot activity:calls +- +-/)
    expect(run.stdout).toMatch(/salesforce activity:Task +- +-/)
  })
})
