import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { SyncErrorCode } from '@crmsync/core'
import { createStateStore } from '@crmsync/store'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import { EXIT_CODES } from '../exit-codes.js'

// `crmsync errors` as the Sync Health view (B-ERR-1) over a real SQLite store; the sandboxed scenario with
// real CRM errors and a resync is in packages/engine/src/scenarios/sync-health.emu.test.ts.
describe('crmsync errors: Sync Health types, filters, JSON and CSV (B-ERR-1)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-health-'))
  const config = join(dir, 'crmsync.yaml')
  const storeUrl = `sqlite:${join(dir, 'state.db')}`

  beforeAll(async () => {
    // The CRM tokens come from variables this test never sets: listing reads only the store.
    writeFileSync(
      config,
      [
        'salesforce: { instanceUrl: "${SF_INSTANCE_URL}", accessToken: "${SF_TOKEN}" }',
        'hubspot: { accessToken: "${HUBSPOT_TOKEN}" }',
        `store: "${storeUrl}"`,
        '',
      ].join('\n'),
    )
    const store = createStateStore(storeUrl)
    await store.migrate()
    const at = Date.parse('2026-03-01T10:00:00Z')
    const error = (code: SyncErrorCode, recordId: string, message: string) =>
      store.recordError({
        connectionId: 'default',
        objectKind: 'contact',
        side: 'hubspot',
        recordId,
        code,
        message,
        at,
      })
    await store.upsertLinks([
      {
        connectionId: 'default',
        objectKind: 'contact',
        hubspotId: '11',
        salesforceType: 'Lead',
        salesforceId: '00Q000000000011AAA',
        state: 'active',
        fields: {},
        createdAt: at,
        updatedAt: at,
      },
    ])
    await error('SF_INSUFFICIENT_ACCESS', '11', 'insufficient access rights on cross-reference id')
    await error('SF_INVALID_FIELD', '11', "No such column 'Title' on sobject of type Lead")
    await error('SF_INSUFFICIENT_ACCESS', '12', 'insufficient access, "quoted", with commas')
    await error('HS_DUPLICATE_EMAIL', '13', 'Contact already exists: a@x.com')
    await store.close()
  })

  const run = (...args: string[]) => runCaptured(['errors', '--config', config, ...args], {})

  it('B-ERR-1: groups 3 permission errors on 2 records and 1 duplicate as {Permissions: 3/2, Duplicates: 1/1}', async () => {
    const json = await run('--json')
    expect(json.code).toBe(EXIT_CODES.ok)
    const body = JSON.parse(json.stdout) as {
      errors: number
      records: number
      groups: { label: string; errors: number; records: number; action: string }[]
      rows: { code: string; recordId: string; linkedId?: string; message: string; action: string }[]
    }
    expect(body.groups.map((g) => [g.label, g.errors, g.records])).toEqual([
      ['Permissions', 3, 2],
      ['Duplicates', 1, 1],
    ])
    expect(body).toMatchObject({ errors: 4, records: 3 })
    const hidden = body.rows.find((r) => r.code === 'SF_INVALID_FIELD')
    expect(hidden).toMatchObject({ recordId: '11', linkedId: '00Q000000000011AAA' })
    expect(hidden?.action).toMatch(/field-level security/)
    const text = await run()
    expect(text.stdout).toMatch(/^4 open error\(s\) on 3 record\(s\)$/m)
    expect(text.stdout).toMatch(/^Permissions \(permission\): 3 error\(s\) on 2 record\(s\)$/m)
    expect(text.stdout).toMatch(/^Duplicates \(duplicate\): 1 error\(s\) on 1 record\(s\)$/m)
    expect(text.stdout).toContain('HS_DUPLICATE_EMAIL: Remove the email from the other HubSpot contact')
    expect(text.stdout).toContain('crmsync resync contact --errors permission')
  })

  it('B-ERR-1: --csv writes one row per error, values quoted so they read back unchanged', async () => {
    const file = join(dir, 'errors.csv')
    const result = await run('--csv', file)
    expect(result.stdout).toContain(`wrote 4 row(s) to ${file}`)
    const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[]
    expect(rows).toHaveLength(4)
    expect(rows.map((r) => r['message'])).toContain('insufficient access, "quoted", with commas')
    expect(rows.filter((r) => r['type'] === 'Permissions')).toHaveLength(3)
  })

  it('filters by type (a type, its label or a code), object and record', async () => {
    const ofType = async (...args: string[]) =>
      (JSON.parse((await run('--json', ...args)).stdout) as { rows: { code: string }[] }).rows
        .map((r) => r.code)
        .sort()
    expect(await ofType('--type', 'duplicates')).toEqual(['HS_DUPLICATE_EMAIL'])
    expect(await ofType('--type', 'Permissions')).toHaveLength(3)
    expect(await ofType('--type', 'SF_INVALID_FIELD')).toEqual(['SF_INVALID_FIELD'])
    expect(await ofType('--object', 'deals')).toEqual([])
    expect(await ofType('--object', 'contacts')).toHaveLength(4)
    // A record by its Salesforce id finds the errors stored against its HubSpot id.
    expect(await ofType('--record', '00Q000000000011AAA')).toEqual([
      'SF_INSUFFICIENT_ACCESS',
      'SF_INVALID_FIELD',
    ])
  })

  it('a CSV file that cannot be written is a usage error, not a crash', async () => {
    const result = await run('--csv', join(dir, 'no-such-dir', 'errors.csv'))
    expect(result.code).toBe(EXIT_CODES.usage)
    expect(result.stderr).toContain('crmsync errors: cannot write')
  })

  it('refuses an unknown object', async () => {
    const result = await run('--object', 'widget')
    expect(result.code).toBe(EXIT_CODES.usage)
    expect(result.stderr).toContain('--object widget: one of contact, company')
  })
})
