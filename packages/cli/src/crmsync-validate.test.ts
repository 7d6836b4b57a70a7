import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

// Runs the real executable, as a user would (design.md 4.1), through a child process.
const bin = fileURLToPath(new URL('../bin/crmsync.js', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'crmsync-cli-'))

function crmsync(args: string[], env: Record<string, string> = {}) {
  // Only PATH and HOME from the outside, so no stray SALESFORCE_ACCESS_TOKEN satisfies the config.
  const base = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' }
  const result = spawnSync(process.execPath, [bin, ...args], { env: { ...base, ...env }, encoding: 'utf8' })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

function configFile(name: string, text: string): string {
  const file = join(dir, name)
  writeFileSync(file, text)
  return file
}

// Each run starts node and tsx from cold; on a loaded machine that takes seconds.
describe('crmsync validate (the real binary)', { timeout: 60_000 }, () => {
  it('lists three mistakes, each naming its path, and exits 2', () => {
    const file = configFile(
      'three-mistakes.yaml',
      [
        'salesforce:',
        '  instanceUrl: https://example.my.salesforce.com',
        '  accessToken: ${SALESFORCE_ACCESS_TOKEN}',
        'hubspot:',
        '  accessToken: ${HUBSPOT_ACCESS_TOKEN}',
        'store: mysql://db.internal/crmsync',
        'mappings:',
        '  contact:',
        '    - { hubspot: favorite_color, salesforce: Favorite_Color__c, rule: salesforce-wins }',
        '',
      ].join('\n'),
    )
    const run = crmsync(['validate', '--config', file], { HUBSPOT_ACCESS_TOKEN: 'hs-token' })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `${file}: salesforce.accessToken: environment variable SALESFORCE_ACCESS_TOKEN is not set (line 3)`,
      `${file}: store: unsupported store "mysql://db.internal/crmsync": use sqlite:PATH (e.g. sqlite:./crmsync.db) ` +
        'or postgres://user@host/db (line 6)',
      `${file}: mappings.contact[0].rule: must be one of two-way, prefer-salesforce, always-salesforce, none (line 9)`,
    ])
  })

  it('prints one OK line and exits 0 for a valid file', () => {
    const file = configFile(
      'valid.yaml',
      [
        'connections:',
        '  - id: emea',
        '    salesforce: { instanceUrl: https://emea.my.salesforce.com, accessToken: "${SF_EMEA}" }',
        '    hubspot: { accessToken: "${HS_EMEA}" }',
        '  - id: sandbox',
        '    salesforce: { instanceUrl: "http://127.0.0.1:4010", accessToken: sandbox-token }',
        '    hubspot: { accessToken: sandbox-token, basePath: "http://127.0.0.1:4020" }',
        '    store: postgres://crm:secret@127.0.0.1/crmsync',
        '',
      ].join('\n'),
    )
    const run = crmsync(['validate', '--config', file], { SF_EMEA: 'a', HS_EMEA: 'b' })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(
      `OK ${file}: 2 connections (emea: Salesforce https://emea.my.salesforce.com <-> HubSpot ` +
        'https://api.hubapi.com, store sqlite; sandbox: Salesforce http://127.0.0.1:4010 <-> HubSpot ' +
        'http://127.0.0.1:4020, store postgres)\n',
    )
    // The store URL may carry a password; the summary must not print it.
    expect(run.stdout).not.toContain('secret')
  })
})
