import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createStateStore } from '@crmsync/store'
import { beforeAll, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import { EXIT_CODES } from '../exit-codes.js'
import { HOSTILE_TEXT, HOSTILE_TEXT_PRINTED, RAW_CONTROL } from '../format/hostile-text.js'

describe('crmsync errors prints CRM text escaped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-errors-'))
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
    const base = { connectionId: 'default', objectKind: 'contact', at: Date.now() } as const
    // Salesforce quotes the offending value in its message; a contact's field can hold anything.
    const message = `Phone: invalid value "${HOSTILE_TEXT}"`
    for (const recordId of ['00Q000000000001', '00Q000000000002']) {
      await store.recordError({ ...base, side: 'salesforce', recordId, code: 'SF_VALIDATION', message })
    }
    await store.recordError({
      ...base,
      side: 'hubspot',
      recordId: `9${HOSTILE_TEXT}`,
      code: 'HS_VALIDATION',
      message: 'bad value',
    })
    await store.close()
  })

  it('one row per record, every control escaped visibly, no raw control character in the output', async () => {
    const run = await runCaptured(['errors', '--config', config], {})
    expect(run.code).toBe(EXIT_CODES.ok)
    expect(run.stdout).not.toMatch(RAW_CONTROL)
    const lines = run.stdout.trimEnd().split('\n')
    // The count line, then per type: a heading, what to do, the table header, one row per error, the resync.
    expect(lines).toHaveLength(1 + (1 + 1 + 1 + 2 + 1) + (1 + 1 + 1 + 1 + 1))
    for (const id of ['00Q000000000001', '00Q000000000002']) {
      const rows = lines.filter((line) => line.includes(id))
      expect(rows).toHaveLength(1)
      expect(rows[0]).toContain(`Phone: invalid value "${HOSTILE_TEXT_PRINTED}"`)
    }
    expect(lines.filter((line) => line.includes(`hubspot 9${HOSTILE_TEXT_PRINTED}`))).toHaveLength(1)
  })

  it('an unknown --type is echoed escaped', async () => {
    const run = await runCaptured(['errors', '--config', config, '--type', 'X\x1b]0;title\x07'], {})
    expect(run.code).toBe(EXIT_CODES.usage)
    expect(run.stderr).toContain('no error type or code X\\x1b]0;title\\x07')
    expect(run.stderr).not.toMatch(RAW_CONTROL)
  })
})
