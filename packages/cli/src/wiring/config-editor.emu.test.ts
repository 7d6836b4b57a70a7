import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { Connection } from '@crmsync/core'
import { connectSalesforce } from '@crmsync/salesforce'
import { type ConfigSaveResult, type ConsoleServer, createConsoleServer } from '@crmsync/server'
import { Client } from '@hubspot/api-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { loadConnection } from '../config/load-config.js'
import {
  type LocalSandboxes,
  sandboxConfigYaml,
  sandboxTokenEnv,
  startLocalSandboxes,
} from '../demo/local-sandboxes.js'
import { createConfigFileAccess, swapEngines } from './config-file-access.js'
import {
  type ConnectionRuntime,
  createConnectionRuntime,
  SILENT_LOGGER,
} from './create-connection-runtime.js'
import { EngineSlot } from './engine-slot.js'
import { hubspotPropertyReader } from './hubspot-properties.js'

const PASSWORD = 'a console password for the test'

/** Logs in as a browser does; returns the headers of a state-changing call. */
async function logIn(server: ConsoleServer): Promise<Record<string, string>> {
  const cookieOf = (h: unknown) => String(Array.isArray(h) ? h[0] : h).split(';')[0]!
  const session = await server.app.inject({ method: 'GET', url: '/auth/session' })
  const login = await server.app.inject({
    method: 'POST',
    url: '/auth/login',
    headers: {
      cookie: cookieOf(session.headers['set-cookie']),
      'x-csrf-token': session.json<{ csrfToken: string }>().csrfToken,
    },
    payload: { password: PASSWORD },
  })
  expect(login.statusCode).toBe(200)
  return {
    cookie: cookieOf(login.headers['set-cookie']),
    'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken,
  }
}

// The console's mapping editor end to end: a rule changed in the browser is written into the file (comments
// kept), the running engine is swapped through its EngineSlot, and the next cycle syncs by the new rule.
describe(
  'the console changes a mapping rule of a running connection (B-MAP-1, B-MAP-3)',
  { timeout: 120_000 },
  () => {
    let sandboxes: LocalSandboxes
    let runtime: ConnectionRuntime
    let server: ConsoleServer
    let file: string
    let written: string
    let slot: EngineSlot
    let current: Connection
    let hs: Client

    beforeAll(async () => {
      sandboxes = await startLocalSandboxes()
      const dir = mkdtempSync(join(tmpdir(), 'crmsync-config-editor-'))
      file = join(dir, 'crmsync.yaml')
      written = `# the team's crmsync file: keep this comment\n${sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'state.db')}`)}`
      writeFileSync(file, written)
      const env = sandboxTokenEnv(sandboxes)
      current = await loadConnection({ file, env })
      runtime = await createConnectionRuntime({ connection: current })
      slot = new EngineSlot(runtime.engine)
      const swappable = new Map([
        ['local', { runtime, slot, adopt: (saved: Connection) => (current = saved) }],
      ])
      server = await createConsoleServer({
        connections: () => [
          {
            id: 'local',
            connection: () => current,
            store: runtime.store,
            exclusive: (fn) => slot.exclusive(fn),
            crm: {
              salesforce: runtime.salesforce,
              hubspot: runtime.hubspot,
              hubspotProperties: hubspotPropertyReader(current),
            },
          },
        ],
        configFile: createConfigFileAccess({
          file,
          env,
          connections: [current],
          onSaved: (saved) => swapEngines(swappable, saved),
        }),
        password: PASSWORD,
        logger: SILENT_LOGGER,
        now: () => Date.now(),
        ready: () => true,
      })
      hs = new Client({ accessToken: sandboxes.hubspot.accessToken, basePath: sandboxes.hubspot.basePath })
    })
    afterAll(async () => {
      await server.close()
      await runtime.close()
      await sandboxes.close()
    })

    it('two-way from the next cycle: a HubSpot edit that prefer-salesforce kept out reaches Salesforce', async () => {
      const engine = slot.asEngine()
      await engine.syncOnce()
      const created = await hs.crm.contacts.basicApi.create({
        properties: { email: 'ann@x.com', lastname: 'Lee', jobtitle: 'CTO' },
        associations: [],
      })
      await runtime.store.enqueue([
        { connectionId: 'local', objectKind: 'contact', side: 'hubspot', recordId: created.id },
      ])
      expect((await engine.syncOnce()).errors).toEqual([])
      const leadId = (await runtime.store.getLink('local', 'contact', 'hubspot', created.id))!.salesforceId
      const sf = await connectSalesforce({
        kind: 'access-token',
        instanceUrl: sandboxes.salesforce.instanceUrl,
        accessToken: sandboxes.salesforce.accessToken,
      })
      const title = async () => (await sf.sobject('Lead').retrieve(leadId))['Title'] as string

      // B-MAP-1: with the default rule a HubSpot edit does not overwrite a Salesforce value.
      await hs.crm.contacts.basicApi.update(created.id, { properties: { jobtitle: 'VP' } })
      await engine.syncOnce({ settleThrough: Date.now() })
      expect(await title()).toBe('CTO')

      const headers = await logIn(server)
      const res = await server.app.inject({
        method: 'PUT',
        url: '/api/connections/local/mappings/contact',
        headers,
        payload: { hubspot: 'jobtitle', salesforce: 'Title', rule: 'two-way' },
      })
      expect(res.statusCode).toBe(200)
      expect(res.json<ConfigSaveResult>()).toEqual({ ok: true, written: true, file })
      // The file on disk: the entry added under the list's comment, every other line as it was.
      expect(readFileSync(file, 'utf8')).toBe(
        `${written}        - hubspot: jobtitle\n          salesforce: Title\n          rule: two-way\n`,
      )
      expect(slot.current).not.toBe(runtime.engine)
      const view = await server.app.inject({ method: 'GET', url: '/api/connections/local/mappings', headers })
      expect(
        view.json<{ objects: { contact: { hubspot: string; rule: string }[] } }>().objects.contact,
      ).toContainEqual(expect.objectContaining({ hubspot: 'jobtitle', rule: 'two-way' }))

      // B-MAP-3: the next cycle, on the swapped engine, takes the HubSpot edit to Salesforce.
      await hs.crm.contacts.basicApi.update(created.id, { properties: { jobtitle: 'CMO' } })
      await engine.syncOnce({ settleThrough: Date.now() })
      expect(await title()).toBe('CMO')
    })

    it('B-MAP-5 with the types the sandboxes describe: number <-> phone refused, phone number <-> phone added', async () => {
      const headers = await logIn(server)
      const put = (payload: object) =>
        server.app.inject({ method: 'PUT', url: '/api/connections/local/mappings/contact', headers, payload })
      const before = readFileSync(file, 'utf8')
      const mismatch = await put({
        hubspot: 'associatedcompanyid',
        salesforce: { Contact: 'MobilePhone' },
        rule: 'two-way',
      })
      expect(mismatch.statusCode).toBe(400)
      expect(mismatch.json<ConfigSaveResult>()).toEqual({
        ok: false,
        problems: [
          {
            path: 'connections[0].mappings.contact[1]',
            message: 'type mismatch: number cannot map to phone',
          },
        ],
      })
      const unknown = await put({ hubspot: 'no_such_property', salesforce: 'MobilePhone', rule: 'two-way' })
      expect(unknown.json<ConfigSaveResult>()).toEqual({
        ok: false,
        problems: [
          {
            path: 'connections[0].mappings.contact[1].hubspot',
            message: '"no_such_property" is not a HubSpot contact property',
          },
        ],
      })
      expect(readFileSync(file, 'utf8')).toBe(before)
      const mobile = await put({ hubspot: 'mobilephone', salesforce: 'MobilePhone', rule: 'two-way' })
      expect(mobile.json<ConfigSaveResult>()).toEqual({ ok: true, written: true, file })
      expect(readFileSync(file, 'utf8')).toBe(
        `${before}        - hubspot: mobilephone\n          salesforce: MobilePhone\n          rule: two-way\n`,
      )
    })
  },
)
