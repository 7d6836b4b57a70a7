// The console `crmsync run` serves, over a real engine and both sandboxes: what only the running process can
// show (issue #13). A save through the editor that carries a hand edit of `console:` is refused (a restart
// takes it), and a record Salesforce refused is resynced from the browser once the cause is fixed (B-ERR-1).
import { readFileSync, writeFileSync } from 'node:fs'

import type { ConfigSaveResult, HealthReport, ResyncResult } from '@crmsync/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type ConsoleHarness, startConsoleHarness } from '../testing/console-harness.js'
import { ConsoleSession } from '../testing/console-session.js'
import { freePort } from '../testing/free-port.js'
import { BLOCKED_LEADS_RULE, setValidationRules } from '../testing/validation-rules.js'
import type { ConsoleHost } from './console-host.js'
import { SILENT_LOGGER } from './create-connection-runtime.js'
import { startRunConsole } from './run-console.js'

const PASSWORD = 'console-host-test-password'

describe('the console of crmsync run over a real engine', { timeout: 90_000 }, () => {
  let h: ConsoleHarness
  let file: string
  let port: number
  let host: ConsoleHost
  let session: ConsoleSession

  beforeAll(async () => {
    port = await freePort()
    h = await startConsoleHarness({
      prefix: 'console-host',
      file: (yaml) => `${yaml}console:\n  port: ${String(port)}\n  host: 127.0.0.1\n`,
    })
    file = h.file
    host = (await startRunConsole(
      { enabled: true, config: h.config, file },
      [{ runtime: h.runtime, slot: h.slot }],
      { env: { ...h.env, CRMSYNC_CONSOLE_PASSWORD: PASSWORD } },
      SILENT_LOGGER,
    ))!
    session = new ConsoleSession(host.url)
    await session.login(PASSWORD)
  })
  afterAll(async () => {
    await host.close()
    await h.close()
  })

  it('refuses a settings save when the file it would write has a hand-edited console: block (a restart takes it)', async () => {
    const before = readFileSync(file, 'utf8')
    const handEdited = before.replace(`port: ${String(port)}`, `port: ${String(port + 1)}`)
    writeFileSync(file, handEdited)
    try {
      const save = await session.call<ConfigSaveResult>('PATCH', '/api/connections/local/settings', {
        changes: { 'capture.pollSeconds': 7 },
      })
      expect(save.status).toBe(400)
      expect(save.body).toEqual({
        ok: false,
        problems: [
          {
            path: 'console',
            message: 'console changes take a restart of crmsync run: change it in the file and restart',
          },
        ],
      })
      expect(readFileSync(file, 'utf8')).toBe(handEdited)
    } finally {
      writeFileSync(file, before)
    }
  })

  it('B-ERR-1: a contact Salesforce refused is resynced from the console after the fix, by record and by error type', async () => {
    await setValidationRules(h.sandboxes, [BLOCKED_LEADS_RULE])
    const ids: string[] = []
    for (const email of ['first-blocked@x.com', 'second-blocked@x.com'])
      ids.push(
        (
          await h.hubspot.crm.contacts.basicApi.create({
            properties: { email, lastname: 'Blocked', company: 'B' },
            associations: [],
          })
        ).id,
      )
    // Enqueued as capture would, without waiting out HubSpot's search lag.
    await h.runtime.store.enqueue(
      ids.map((recordId) => ({
        connectionId: 'local',
        objectKind: 'contact' as const,
        side: 'hubspot' as const,
        recordId,
      })),
    )
    await h.slot.asEngine().syncOnce()
    const health = async () => (await session.call<HealthReport>('GET', '/api/connections/local/health')).body
    expect((await health()).rows.map((r) => [r.code, r.recordId]).sort()).toEqual(
      ids.map((id) => ['SF_VALIDATION', id]).sort(),
    )
    const resync = (body: unknown) =>
      session.call<ResyncResult>('POST', '/api/connections/local/resync', body)
    const first = { record: { objectKind: 'contact', side: 'hubspot', id: ids[0]! } }

    // Before the fix a resync runs and the record is refused again.
    expect((await resync(first)).body).toMatchObject({ resynced: 1, stillFailing: 1 })
    expect(await h.runtime.store.getLink('local', 'contact', 'hubspot', ids[0]!)).toBeUndefined()

    // The admin drops the rule: the one record, then the rest of its type.
    await setValidationRules(h.sandboxes, [])
    expect(await resync(first)).toEqual({
      status: 200,
      body: { resynced: 1, stillFailing: 0, message: 'resynced 1 record(s), 0 still with an open error' },
    })
    expect((await health()).rows.map((r) => r.recordId)).toEqual([ids[1]])
    expect(await resync({ errors: { type: 'custom-code' } })).toEqual({
      status: 200,
      body: { resynced: 1, stillFailing: 0, message: 'resynced 1 record(s), 0 still with an open error' },
    })
    expect(await health()).toMatchObject({ errors: 0, records: 0, rows: [] })
    for (const id of ids)
      expect(await h.runtime.store.getLink('local', 'contact', 'hubspot', id)).toMatchObject({
        state: 'active',
      })
    const errors = await h.runtime.store.listErrors({ connectionId: 'local', includeResolved: true })
    for (const id of ids)
      expect(errors.filter((e) => e.recordId === id).map((e) => e.resolvedAt !== null)).toEqual([true])
  })
})
