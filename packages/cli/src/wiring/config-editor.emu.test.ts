import { readFileSync } from 'node:fs'

import { connectSalesforce } from '@crmsync/salesforce'
import type { ConfigSaveResult } from '@crmsync/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type ConsoleHarness, startConsoleHarness } from '../testing/console-harness.js'
import { ConsoleSession } from '../testing/console-session.js'
import { type ConsoleHost, startConsoleHost } from './console-host.js'
import { SILENT_LOGGER } from './create-connection-runtime.js'

const PASSWORD = 'a console password for the test'

// The console's mapping editor end to end: a rule changed in the browser is written into the file (comments
// kept), the running engine is swapped through its EngineSlot, and the next cycle syncs by the new rule.
describe(
  'the console changes a mapping rule of a running connection (B-MAP-1, B-MAP-3)',
  { timeout: 120_000 },
  () => {
    let h: ConsoleHarness
    let host: ConsoleHost
    let session: ConsoleSession

    beforeAll(async () => {
      h = await startConsoleHarness({
        prefix: 'config-editor',
        file: (yaml) => `# the team's crmsync file: keep this comment\n${yaml}`,
      })
      host = await startConsoleHost({
        connections: [{ runtime: h.runtime, slot: h.slot }],
        password: PASSWORD,
        port: 0,
        host: '127.0.0.1',
        logger: SILENT_LOGGER,
        configFile: { file: h.file, env: h.env, connections: h.config.connections },
        staticDir: undefined,
      })
      session = new ConsoleSession(host.url)
      await session.login(PASSWORD)
    })
    afterAll(async () => {
      await host.close()
      await h.close()
    })

    it('two-way from the next cycle: a HubSpot edit that prefer-salesforce kept out reaches Salesforce', async () => {
      const engine = h.slot.asEngine()
      const created = await h.hubspot.crm.contacts.basicApi.create({
        properties: { email: 'ann@x.com', lastname: 'Lee', jobtitle: 'CTO' },
        associations: [],
      })
      await h.runtime.store.enqueue([
        { connectionId: 'local', objectKind: 'contact', side: 'hubspot', recordId: created.id },
      ])
      expect((await engine.syncOnce()).errors).toEqual([])
      const leadId = (await h.runtime.store.getLink('local', 'contact', 'hubspot', created.id))!.salesforceId
      const sf = await connectSalesforce({
        kind: 'access-token',
        instanceUrl: h.sandboxes.salesforce.instanceUrl,
        accessToken: h.sandboxes.salesforce.accessToken,
      })
      const title = async () => (await sf.sobject('Lead').retrieve(leadId))['Title'] as string

      // B-MAP-1: with the default rule a HubSpot edit does not overwrite a Salesforce value.
      await h.hubspot.crm.contacts.basicApi.update(created.id, { properties: { jobtitle: 'VP' } })
      await engine.syncOnce({ settleThrough: Date.now() })
      expect(await title()).toBe('CTO')

      const res = await session.call<ConfigSaveResult>('PUT', '/api/connections/local/mappings/contact', {
        hubspot: 'jobtitle',
        salesforce: 'Title',
        rule: 'two-way',
      })
      expect(res).toEqual({ status: 200, body: { ok: true, written: true, file: h.file } })
      // The file on disk: the entry added under the list's comment, every other line as it was.
      expect(readFileSync(h.file, 'utf8')).toBe(
        `${h.written}        - hubspot: jobtitle\n          salesforce: Title\n          rule: two-way\n`,
      )
      expect(h.slot.current).not.toBe(h.runtime.engine)
      const view = await session.json<{ objects: { contact: { hubspot: string; rule: string }[] } }>(
        'GET',
        '/api/connections/local/mappings',
      )
      expect(view.objects.contact).toContainEqual(
        expect.objectContaining({ hubspot: 'jobtitle', rule: 'two-way' }),
      )

      // B-MAP-3: the next cycle, on the swapped engine, takes the HubSpot edit to Salesforce.
      await h.hubspot.crm.contacts.basicApi.update(created.id, { properties: { jobtitle: 'CMO' } })
      await engine.syncOnce({ settleThrough: Date.now() })
      expect(await title()).toBe('CMO')
    })

    it('B-MAP-5 with the types the sandboxes describe: number <-> phone refused, phone number <-> phone added', async () => {
      const put = (payload: object) =>
        session.call<ConfigSaveResult>('PUT', '/api/connections/local/mappings/contact', payload)
      const before = readFileSync(h.file, 'utf8')
      const mismatch = await put({
        hubspot: 'associatedcompanyid',
        salesforce: { Contact: 'MobilePhone' },
        rule: 'two-way',
      })
      expect(mismatch.status).toBe(400)
      expect(mismatch.body).toEqual({
        ok: false,
        problems: [
          {
            path: 'connections[0].mappings.contact[1]',
            message: 'type mismatch: number cannot map to phone',
          },
        ],
      })
      const unknown = await put({ hubspot: 'no_such_property', salesforce: 'MobilePhone', rule: 'two-way' })
      expect(unknown.body).toEqual({
        ok: false,
        problems: [
          {
            path: 'connections[0].mappings.contact[1].hubspot',
            message: '"no_such_property" is not a HubSpot contact property',
          },
        ],
      })
      expect(readFileSync(h.file, 'utf8')).toBe(before)
      const mobile = await put({ hubspot: 'mobilephone', salesforce: 'MobilePhone', rule: 'two-way' })
      expect(mobile.body).toEqual({ ok: true, written: true, file: h.file })
      expect(readFileSync(h.file, 'utf8')).toBe(
        `${before}        - hubspot: mobilephone\n          salesforce: MobilePhone\n          rule: two-way\n`,
      )
    })
  },
)
