import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createStateStore } from '@crmsync/store'
import { beforeAll, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import { EXIT_CODES } from '../exit-codes.js'

describe('crmsync status --json (the console Overview read model, from the store only)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-status-json-'))
  const config = join(dir, 'crmsync.yaml')
  const storeUrl = `sqlite:${join(dir, 'state.db')}`

  beforeAll(async () => {
    // The CRM tokens come from variables that are not set: status reads only the store.
    writeFileSync(
      config,
      [
        'salesforce: { instanceUrl: "${SF_URL}", accessToken: "${SF_TOKEN}" }',
        'hubspot: { accessToken: "${HS_TOKEN}" }',
        `store: "${storeUrl}"`,
        '',
      ].join('\n'),
    )
    const store = createStateStore(storeUrl)
    await store.migrate()
    const at = Date.now()
    await store.upsertLinks(
      ['1', '2'].map((hubspotId) => ({
        connectionId: 'default',
        objectKind: 'contact' as const,
        hubspotId,
        salesforceType: 'Lead',
        salesforceId: `00Q00000000000${hubspotId}AAA`,
        state: 'active' as const,
        fields: {},
        createdAt: at,
        updatedAt: at,
      })),
    )
    await store.recordError({
      connectionId: 'default',
      objectKind: 'contact',
      side: 'hubspot',
      recordId: '2',
      code: 'SF_VALIDATION',
      message: 'bad phone',
      at,
    })
    await store.close()
  })

  it('works with the CRM tokens unset and gives the per-kind counts the Overview shows', async () => {
    const run = await runCaptured(['status', '--json', '--config', config], { CRMSYNC_UNUSED: '1' })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(EXIT_CODES.ok)
    const body = JSON.parse(run.stdout) as { objects: unknown; state: { status: string } }
    expect(body.objects).toEqual([{ kind: 'contact', linked: 2, inSync: 1, pending: 0, failing: 1 }])
    expect(body.state.status).toBe('active')
  })

  it('the text form works with the tokens unset too', async () => {
    const run = await runCaptured(['status', '--config', config], {})
    expect(run.code).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain('state: active')
  })
})
