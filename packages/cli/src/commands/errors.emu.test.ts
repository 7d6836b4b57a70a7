import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { connectSalesforce } from '@crmsync/salesforce'
import { Client } from '@hubspot/api-client'
import { parse } from 'csv-parse/sync'
import type { Connection } from 'jsforce'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import {
  type LocalSandboxes,
  sandboxConfigYaml,
  sandboxTokenEnv,
  startLocalSandboxes,
} from '../demo/local-sandboxes.js'
import { EXIT_CODES } from '../exit-codes.js'
import { BLOCKED_LEADS_RULE, setValidationRules } from '../testing/validation-rules.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
// HubSpot capture stays 5 s behind the server (the search indexing lag, the connector's default).
const SEARCH_LAG_WAIT_MS = 6500

interface HealthJson {
  readonly errors: number
  readonly records: number
  readonly groups: ReadonlyArray<{ label: string; errors: number; records: number }>
  readonly rows: ReadonlyArray<{ code: string; recordId: string; message: string }>
}

describe('crmsync errors and resync over both sandboxes (B-ERR-1)', { timeout: 120_000 }, () => {
  let sandboxes: LocalSandboxes
  let env: Record<string, string>
  let config: string
  let dir: string
  let sf: Connection
  let hs: Client
  /** The HubSpot contact left in error by the first test. */
  let longId = ''

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    env = sandboxTokenEnv(sandboxes)
    dir = mkdtempSync(join(tmpdir(), 'crmsync-errors-emu-'))
    config = join(dir, 'crmsync.yaml')
    writeFileSync(config, sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'state.db')}`))
    sf = await connectSalesforce({
      kind: 'access-token',
      instanceUrl: sandboxes.salesforce.instanceUrl,
      accessToken: sandboxes.salesforce.accessToken,
    })
    hs = new Client({ accessToken: sandboxes.hubspot.accessToken, basePath: sandboxes.hubspot.basePath })
    // Connecting copies nothing: the first cycle starts the cursors, later changes sync.
    const connected = await runCaptured(['sync', '--once', '--config', config], env)
    expect(connected.code, connected.stderr).toBe(EXIT_CODES.ok)
  })
  afterAll(() => sandboxes.close())

  async function health(...args: string[]): Promise<HealthJson> {
    // Listing reads only the store: no CRM token in the environment.
    const run = await runCaptured(['errors', '--config', config, '--json', ...args], {})
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok)
    return JSON.parse(run.stdout) as HealthJson
  }

  it('B-ERR-1: errors the CRMs raised are grouped by type with counts, exported one row each, and a resync after the fix clears them', async () => {
    // An org rule refuses Leads named Blocked (Custom code); a job title longer than Lead.Title (Property values).
    await setValidationRules(sandboxes, [BLOCKED_LEADS_RULE])
    const create = async (properties: Record<string, string>) =>
      (await hs.crm.contacts.basicApi.create({ properties, associations: [] })).id
    const blocked = [
      await create({ email: 'b1@x.com', lastname: 'Blocked', company: 'A' }),
      await create({ email: 'b2@x.com', lastname: 'Blocked', company: 'A' }),
    ]
    const long = await create({
      email: 'long@x.com',
      lastname: 'Long',
      company: 'A',
      jobtitle: 'T'.repeat(200),
    })
    await create({ email: 'fine@x.com', lastname: 'Fine', company: 'A' })
    await sleep(SEARCH_LAG_WAIT_MS)
    const synced = await runCaptured(['sync', '--once', '--config', config], env)
    expect(synced.code, synced.stdout).toBe(EXIT_CODES.recordsInError)

    const before = await health()
    expect(before.groups.map((g) => [g.label, g.errors, g.records])).toEqual([
      ['Property values', 1, 1],
      ['Custom code', 2, 2],
    ])
    expect(
      before.rows
        .filter((r) => r.code === 'SF_VALIDATION')
        .map((r) => r.recordId)
        .sort(),
    ).toEqual([...blocked].sort())
    expect(before.rows.find((r) => r.code === 'SF_VALIDATION')?.message).toContain(
      'FIELD_CUSTOM_VALIDATION_EXCEPTION: Blocked names are refused',
    )
    const file = join(dir, 'errors.csv')
    const exported = await runCaptured(['errors', '--config', config, '--csv', file], {})
    expect(exported.stdout).toContain(`wrote 3 row(s) to ${file}`)
    const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[]
    expect(rows.map((r) => [r['type'], r['code'], r['record']]).sort()).toEqual(
      [
        ['Custom code', 'SF_VALIDATION', blocked[0]],
        ['Custom code', 'SF_VALIDATION', blocked[1]],
        ['Property values', 'VALUE_TOO_LONG', long],
      ].sort(),
    )

    // The admin drops the rule; the two Custom code records are resynced by type and leave the list.
    await setValidationRules(sandboxes, [])
    const resync = await runCaptured(
      ['resync', 'contact', '--errors', 'custom-code', '--config', config],
      env,
    )
    expect(resync.code, resync.stderr).toBe(EXIT_CODES.ok)
    expect(resync.stdout).toContain('Resync of contacts with open custom-code errors: 2 contact(s)')
    const leads = await sf.query<{ Email: string }>("SELECT Email FROM Lead WHERE LastName = 'Blocked'")
    expect(leads.records.map((r) => r.Email).sort()).toEqual(['b1@x.com', 'b2@x.com'])
    const after = await health()
    expect(after.groups.map((g) => [g.label, g.errors, g.records])).toEqual([['Property values', 1, 1]])
    expect(after.rows.map((r) => r.recordId)).toEqual([long])
    longId = long
  })

  it('B-ERR-8: explain shows each record its own status: the record in error with the detail, the others synced', async () => {
    const failing = await runCaptured(['explain', 'long@x.com', '--config', config], env)
    expect(failing.code, failing.stderr).toBe(EXIT_CODES.ok)
    expect(failing.stdout).toContain(`hubspot ${longId}: not linked`)
    expect(failing.stdout).toContain('sync status: error (1 open)')
    expect(failing.stdout).toMatch(
      /VALUE_TOO_LONG \(Property values, \d+ attempt\(s\), next retry .+\): .+ -- what to do: /,
    )
    for (const email of ['fine@x.com', 'b1@x.com']) {
      const synced = await runCaptured(['explain', email, '--config', config], env)
      expect(synced.stdout).toContain('sync status: synced')
      expect(synced.stdout).not.toContain('sync status: error')
    }
  })
})
