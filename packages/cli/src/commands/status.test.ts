import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createStateStore } from '@crmsync/store'
import { beforeAll, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import { EXIT_CODES } from '../exit-codes.js'
import { HOSTILE_TEXT, HOSTILE_TEXT_PRINTED, RAW_CONTROL } from '../format/hostile-text.js'

describe('crmsync status and errors (read from the store only)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-status-'))
  const config = join(dir, 'crmsync.yaml')
  const storeUrl = `sqlite:${join(dir, 'state.db')}`
  const now = Date.now()

  beforeAll(async () => {
    writeFileSync(
      config,
      [
        'connections:',
        '  - id: main',
        '    salesforce: { instanceUrl: "http://127.0.0.1:1", accessToken: t }',
        '    hubspot: { accessToken: t, basePath: "http://127.0.0.1:2" }',
        `    store: "${storeUrl}"`,
        '',
      ].join('\n'),
    )
    const store = createStateStore(storeUrl)
    await store.migrate()
    await store.setIdentity({ connectionId: 'main', salesforceOrgId: '00Dorg', hubspotPortalId: '62515' })
    await store.enqueue([
      { connectionId: 'main', objectKind: 'contact', side: 'hubspot', recordId: '1' },
      { connectionId: 'main', objectKind: 'contact', side: 'salesforce', recordId: '00Q000000000001' },
    ])
    await store.setCursor({
      connectionId: 'main',
      side: 'hubspot',
      stream: 'contact',
      value: JSON.stringify({ modifiedAt: Date.UTC(2026, 0, 2, 3, 4, 5), lastId: null }),
      updatedAt: now,
    })
    await store.addApiCalls('main', 'salesforce', now - 60_000, 7)
    await store.addApiCalls('main', 'salesforce', now - 2 * 24 * 60 * 60 * 1000, 100)
    await store.addApiCalls('main', 'hubspot', now, 3)
    const base = { connectionId: 'main', objectKind: 'contact', at: now } as const
    await store.recordError({
      ...base,
      side: 'salesforce',
      recordId: '00Q1',
      code: 'SF_VALIDATION',
      message: 'bad phone',
    })
    await store.recordError({
      ...base,
      side: 'salesforce',
      recordId: '00Q2',
      code: 'SF_VALIDATION',
      message: 'bad zip',
    })
    await store.recordError({
      ...base,
      side: 'hubspot',
      recordId: '9',
      code: 'HS_VALIDATION',
      message: 'bad value',
    })
    await store.close()
  })

  it('status: inbox depth, API calls in the last 24 h only, open errors by code, cursors', async () => {
    const run = await runCaptured(['status', '--config', config], {})
    expect(run.code).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain('Salesforce org 00Dorg <-> HubSpot portal 62515')
    expect(run.stdout).toContain('inbox: 2 record(s) waiting')
    expect(run.stdout).toContain('API calls in the last 24 h: salesforce 7, hubspot 3')
    expect(run.stdout).toContain('open errors: 3')
    expect(run.stdout).toMatch(/SF_VALIDATION +2 +2/)
    expect(run.stdout).toMatch(/hubspot contact +2026-01-02T03:04:05Z/)
    expect(run.stdout).toMatch(/salesforce Lead +- +-/)
  })

  it('errors groups by Sync Health type; --type narrows to a code or a prefix; an unknown type exits 2', async () => {
    const all = await runCaptured(['errors', '--config', config], {})
    expect(all.stdout).toContain('3 open error(s)')
    expect(all.stdout).toMatch(/^Custom code \(custom-code\): 2 error\(s\) on 2 record\(s\)$/m)
    const sf = await runCaptured(['errors', '--config', config, '--type', 'sf_'], {})
    expect(sf.stdout).toContain('2 open error(s) of type sf_')
    expect(sf.stdout).not.toContain('HS_VALIDATION')
    expect(sf.stdout).toMatch(/salesforce 00Q2 +- +SF_VALIDATION +1 +.* bad zip/)
    const unknown = await runCaptured(['errors', '--config', config, '--type', 'NOPE'], {})
    expect(unknown.code).toBe(EXIT_CODES.usage)
  })
})

describe('crmsync status prints what came from the CRMs escaped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-status-hostile-'))
  const config = join(dir, 'crmsync.yaml')
  const storeUrl = `sqlite:${join(dir, 'state.db')}`

  beforeAll(async () => {
    writeFileSync(
      config,
      [
        'salesforce: { instanceUrl: "http://127.0.0.1:1", accessToken: t }',
        'hubspot: { accessToken: t, basePath: "http://127.0.0.1:2" }',
        `store: "${storeUrl}"`,
        '',
      ].join('\n'),
    )
    const store = createStateStore(storeUrl)
    await store.migrate()
    await store.setIdentity({
      connectionId: 'default',
      salesforceOrgId: `00D${HOSTILE_TEXT}`,
      hubspotPortalId: '62515',
    })
    // A cursor that is not JSON is shown as its first 40 characters.
    await store.setCursor({
      connectionId: 'default',
      side: 'salesforce',
      stream: 'Lead',
      value: HOSTILE_TEXT,
      updatedAt: Date.now(),
    })
    await store.close()
  })

  it('the org id and a cursor value, escaped, each on its own line', async () => {
    const run = await runCaptured(['status', '--config', config], {})
    expect(run.code).toBe(EXIT_CODES.ok)
    expect(run.stdout).not.toMatch(RAW_CONTROL)
    expect(run.stdout).toContain(`Salesforce org 00D${HOSTILE_TEXT_PRINTED} <-> HubSpot portal 62515`)
    const leadRows = run.stdout.split('\n').filter((line) => line.includes('salesforce Lead '))
    expect(leadRows).toHaveLength(1)
    expect(leadRows[0]).toContain('Ann\\nforged row\\rback\\x1b[31mred')
  })
})

describe('crmsync status with company sync on: links and inbox per object kind (B-CMP)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-status-companies-'))
  const config = join(dir, 'crmsync.yaml')
  const off = join(dir, 'off.yaml')
  const storeUrl = `sqlite:${join(dir, 'state.db')}`
  const now = Date.now()

  beforeAll(async () => {
    const base = [
      'salesforce: { instanceUrl: "http://127.0.0.1:1", accessToken: t }',
      'hubspot: { accessToken: t, basePath: "http://127.0.0.1:2" }',
      `store: "${storeUrl}"`,
    ]
    writeFileSync(config, [...base, 'settings: { companies: { sync: true } }', ''].join('\n'))
    writeFileSync(off, [...base, ''].join('\n'))
    const store = createStateStore(storeUrl)
    await store.migrate()
    const link = (objectKind: 'contact' | 'company', i: number, state: 'active' | 'tombstoned') => ({
      connectionId: 'default',
      objectKind,
      hubspotId: `${objectKind === 'contact' ? 1 : 5}${String(i).padStart(4, '0')}`,
      salesforceType: objectKind === 'contact' ? 'Contact' : 'Account',
      salesforceId: `${objectKind === 'contact' ? '003' : '001'}${String(i).padStart(12, '0')}`,
      state,
      fields: {},
      createdAt: now,
      updatedAt: now,
    })
    // More links than one store read holds (1000), so the count walks pages.
    await store.upsertLinks([
      ...Array.from({ length: 1003 }, (_, i) => link('contact', i, i < 1001 ? 'active' : 'tombstoned')),
      ...Array.from({ length: 3 }, (_, i) => link('company', i, 'active')),
    ])
    await store.enqueue([
      { connectionId: 'default', objectKind: 'contact', side: 'hubspot', recordId: '1' },
      { connectionId: 'default', objectKind: 'company', side: 'salesforce', recordId: '001000000000009' },
      { connectionId: 'default', objectKind: 'company', side: 'hubspot', recordId: '59' },
      { connectionId: 'default', objectKind: 'contact-company', side: 'hubspot', recordId: '10001' },
    ])
    await store.setCursor({
      connectionId: 'default',
      side: 'hubspot',
      stream: 'company',
      value: JSON.stringify({ modifiedAt: Date.UTC(2026, 1, 3, 4, 5, 6), lastId: null }),
      updatedAt: now,
    })
    await store.close()
  })

  it('counts links per kind and state, the inbox per kind, and shows the company capture cursors', async () => {
    const run = await runCaptured(['status', '--config', config], {})
    expect(run.code).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain('inbox: 4 record(s) waiting (contact 1, company 2, contact-company 1)')
    expect(run.stdout).toContain('links (company sync on):')
    expect(run.stdout).toMatch(/^ {4}kind +active +broken +tombstoned +total$/m)
    expect(run.stdout).toMatch(/^ {4}contact +1001 +0 +2 +1003$/m)
    expect(run.stdout).toMatch(/^ {4}company +3 +0 +0 +3$/m)
    expect(run.stdout).toMatch(/hubspot company +2026-02-03T04:05:06Z/)
    expect(run.stdout).toMatch(/salesforce Account +- +-/)
  })

  it('with company sync off, company links that exist are still counted', async () => {
    const run = await runCaptured(['status', '--config', off], {})
    expect(run.code).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain('links (company sync off):')
    expect(run.stdout).toMatch(/^ {4}company +3 +0 +0 +3$/m)
  })
})

describe('crmsync status with deal sync on: deal links and the deal capture cursors (B-DEAL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-status-deals-'))
  const config = join(dir, 'crmsync.yaml')
  const off = join(dir, 'off.yaml')
  const storeUrl = `sqlite:${join(dir, 'state.db')}`
  const now = Date.now()

  beforeAll(async () => {
    const base = [
      'salesforce: { instanceUrl: "http://127.0.0.1:1", accessToken: t }',
      'hubspot: { accessToken: t, basePath: "http://127.0.0.1:2" }',
      `store: "${storeUrl}"`,
    ]
    writeFileSync(
      config,
      [...base, 'settings: { companies: { sync: true }, deals: { sync: true } }', ''].join('\n'),
    )
    writeFileSync(off, [...base, 'settings: { companies: { sync: true } }', ''].join('\n'))
    const store = createStateStore(storeUrl)
    await store.migrate()
    await store.upsertLinks(
      Array.from({ length: 3 }, (_, i) => ({
        connectionId: 'default',
        objectKind: 'deal' as const,
        hubspotId: `7${i}`,
        salesforceType: 'Opportunity',
        salesforceId: `006${String(i).padStart(12, '0')}`,
        state: i === 2 ? ('tombstoned' as const) : ('active' as const),
        fields: {},
        createdAt: now,
        updatedAt: now,
      })),
    )
    await store.enqueue([
      { connectionId: 'default', objectKind: 'deal', side: 'salesforce', recordId: '006000000000009' },
    ])
    await store.setCursor({
      connectionId: 'default',
      side: 'hubspot',
      stream: 'deal',
      value: JSON.stringify({ modifiedAt: Date.UTC(2026, 2, 4, 5, 6, 7), lastId: null }),
      updatedAt: now,
    })
    await store.close()
  })

  it('counts deal links per state, deals waiting, and shows the Opportunity, deal and contact-role cursors', async () => {
    const run = await runCaptured(['status', '--config', config], {})
    expect(run.code).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain('inbox: 1 record(s) waiting (deal 1)')
    expect(run.stdout).toContain('links (company sync on, deal sync on):')
    expect(run.stdout).toMatch(/^ {4}deal +2 +0 +1 +3$/m)
    expect(run.stdout).toMatch(/^ {4}company +0 +0 +0 +0$/m)
    expect(run.stdout).toMatch(/hubspot deal +2026-03-04T05:06:07Z/)
    expect(run.stdout).toMatch(/salesforce Opportunity +- +-/)
    expect(run.stdout).toMatch(/salesforce OpportunityContactRole +- +-/)
  })

  it('with deal sync off, deal links that exist and their cursor are still shown', async () => {
    const run = await runCaptured(['status', '--config', off], {})
    expect(run.code).toBe(EXIT_CODES.ok)
    expect(run.stdout).toContain('links (company sync on, deal sync off):')
    expect(run.stdout).toMatch(/^ {4}deal +2 +0 +1 +3$/m)
    expect(run.stdout).toMatch(/hubspot deal +2026-03-04T05:06:07Z/)
    expect(run.stdout).not.toContain('salesforce Opportunity ')
  })
})
