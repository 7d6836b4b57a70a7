// The console `crmsync run` serves, over a real engine and both sandboxes: what only the running process can
// show (issue #13). A save through the editor that carries a hand edit of `console:` is refused (a restart
// takes it), and a record Salesforce refused is resynced from the browser once the cause is fixed (B-ERR-1).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { ConfigSaveResult, HealthReport, ResyncResult } from '@crmsync/server'
import { Client } from '@hubspot/api-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { loadConfig } from '../config/load-config.js'
import {
  type LocalSandboxes,
  sandboxConfigYaml,
  sandboxTokenEnv,
  startLocalSandboxes,
} from '../demo/local-sandboxes.js'
import { ConsoleSession } from '../testing/console-session.js'
import type { ConsoleHost } from './console-host.js'
import {
  type ConnectionRuntime,
  createConnectionRuntime,
  SILENT_LOGGER,
} from './create-connection-runtime.js'
import { EngineSlot } from './engine-slot.js'
import { startRunConsole } from './run-console.js'

const PASSWORD = 'console-host-test-password'

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('the console of crmsync run over a real engine', { timeout: 90_000 }, () => {
  let sandboxes: LocalSandboxes
  let dir: string
  let file: string
  let port: number
  let runtime: ConnectionRuntime
  let slot: EngineSlot
  let host: ConsoleHost
  let session: ConsoleSession
  let hs: Client

  const rules = (list: unknown[]) =>
    fetch(`${sandboxes.salesforce.instanceUrl}/__sandbox/validation-rules`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules: list }),
    })

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    dir = mkdtempSync(join(tmpdir(), 'crmsync-console-host-'))
    file = join(dir, 'crmsync.yaml')
    port = await freePort()
    writeFileSync(
      file,
      `${sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'state.db')}`)}` +
        `console:\n  port: ${String(port)}\n  host: 127.0.0.1\n`,
    )
    const env = sandboxTokenEnv(sandboxes)
    const config = await loadConfig({ file, env })
    runtime = await createConnectionRuntime({ connection: config.connections[0]! })
    slot = new EngineSlot(runtime.engine)
    // Connected first: the first cycle starts the cursors and copies nothing (B-INST-6).
    await slot.asEngine().syncOnce()
    host = (await startRunConsole(
      { enabled: true, config, file },
      [{ runtime, slot }],
      { env: { ...env, CRMSYNC_CONSOLE_PASSWORD: PASSWORD } },
      SILENT_LOGGER,
    ))!
    session = new ConsoleSession(host.url)
    await session.login(PASSWORD)
    hs = new Client({ accessToken: sandboxes.hubspot.accessToken, basePath: sandboxes.hubspot.basePath })
  })
  afterAll(async () => {
    await host.close()
    await runtime.close()
    await sandboxes.close()
    rmSync(dir, { recursive: true, force: true })
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
    expect(
      (
        await rules([
          {
            object: 'Lead',
            name: 'No_Blocked',
            condition: "LastName = 'Blocked'",
            message: 'Blocked names are refused',
          },
        ])
      ).ok,
    ).toBe(true)
    const ids: string[] = []
    for (const email of ['first-blocked@x.com', 'second-blocked@x.com'])
      ids.push(
        (
          await hs.crm.contacts.basicApi.create({
            properties: { email, lastname: 'Blocked', company: 'B' },
            associations: [],
          })
        ).id,
      )
    // Enqueued as capture would, without waiting out HubSpot's search lag.
    await runtime.store.enqueue(
      ids.map((recordId) => ({
        connectionId: 'local',
        objectKind: 'contact' as const,
        side: 'hubspot' as const,
        recordId,
      })),
    )
    await slot.asEngine().syncOnce()
    const health = async () => (await session.call<HealthReport>('GET', '/api/connections/local/health')).body
    expect((await health()).rows.map((r) => [r.code, r.recordId]).sort()).toEqual(
      ids.map((id) => ['SF_VALIDATION', id]).sort(),
    )
    const resync = (body: unknown) =>
      session.call<ResyncResult>('POST', '/api/connections/local/resync', body)
    const first = { record: { objectKind: 'contact', side: 'hubspot', id: ids[0]! } }

    // Before the fix a resync runs and the record is refused again.
    expect((await resync(first)).body).toMatchObject({ resynced: 1, stillFailing: 1 })
    expect(await runtime.store.getLink('local', 'contact', 'hubspot', ids[0]!)).toBeUndefined()

    // The admin drops the rule: the one record, then the rest of its type.
    expect((await rules([])).ok).toBe(true)
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
      expect(await runtime.store.getLink('local', 'contact', 'hubspot', id)).toMatchObject({
        state: 'active',
      })
    const errors = await runtime.store.listErrors({ connectionId: 'local', includeResolved: true })
    for (const id of ids)
      expect(errors.filter((e) => e.recordId === id).map((e) => e.resolvedAt !== null)).toEqual([true])
  })
})
