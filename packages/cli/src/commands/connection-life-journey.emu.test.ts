import { createHmac, timingSafeEqual } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createStateStore } from '@crmsync/store'
import { Client } from '@hubspot/api-client'
import { type RunningHubSpotSandbox, startHubSpotSandbox } from 'hubspot-sandbox'
import { Connection } from 'jsforce'
import { type RunningSandbox, startSalesforceSandbox } from 'salesforce-sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import { EXIT_CODES } from '../exit-codes.js'

/**
 * The journey of docs/operations.md as a new user takes it, through the command line and both sandboxes: two
 * HubSpot portals on one Salesforce org in one file, activities on, a signed webhook; `crmsync run` syncs
 * both, the org's daily allocation runs out (the sandbox's admin /limits), the connections suspend with the
 * reason in `crmsync status` and one signed notification each, edits on both sides go on, the allocation
 * returns and the run resumes by itself at its next probe, and every edit arrives once.
 */

const SECRET = 'journey-webhook-secret-0123456789'
const PROBE_SECONDS = 3

interface Delivery {
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

/** A webhook receiver as an admin would write it: keeps each raw body and its headers. */
async function startReceiver(): Promise<{ server: Server; url: string; deliveries: Delivery[] }> {
  const deliveries: Delivery[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body })
      res.end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { server, url: `http://127.0.0.1:${String(port)}/crmsync`, deliveries }
}

/** The check docs/configuration.md gives a receiver, written out here rather than taken from crmsync. */
function signedWell(delivery: Delivery): boolean {
  const timestamp = String(delivery.headers['x-crmsync-timestamp'])
  const signature = String(delivery.headers['x-crmsync-signature'])
  const expected =
    'sha256=' + createHmac('sha256', SECRET).update(`${timestamp}.${delivery.body}`).digest('hex')
  return (
    expected.length === signature.length &&
    timingSafeEqual(Buffer.from(expected), Buffer.from(signature)) &&
    Math.abs(Date.now() / 1000 - Number(timestamp)) <= 300
  )
}

/** Re-reads until the running process has done it: the run's own timing, no fixed sleep. */
async function until(what: string, check: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

const TO_CONTACT = { calls: 194, notes: 202 } as const

describe(
  'the connection-life journey: two portals on one org, the allocation runs out and comes back',
  {
    timeout: 90_000,
  },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'crmsync-journey-'))
    const config = join(dir, 'crmsync.yaml')
    let salesforce: RunningSandbox
    let portals: RunningHubSpotSandbox[]
    let receiver: Awaited<ReturnType<typeof startReceiver>>
    let sf: Connection
    let hs: Client[]
    let env: Record<string, string>

    beforeAll(async () => {
      salesforce = await startSalesforceSandbox({})
      sf = new Connection({ instanceUrl: salesforce.instanceUrl, accessToken: salesforce.accessToken })
      portals = await Promise.all(
        [8101, 8102].map((portalId) =>
          startHubSpotSandbox({
            portalId,
            accessToken: `pat-na1-journey-${String(portalId)}`,
            rateLimits: { tier: 'unlimited' },
          }),
        ),
      )
      hs = portals.map((p) => new Client({ accessToken: p.accessToken, basePath: p.basePath }))
      receiver = await startReceiver()
      const connection = (id: string, index: number, createInHubSpot: boolean) => [
        `  - id: ${id}`,
        `    salesforce: { instanceUrl: ${salesforce.instanceUrl}, accessToken: '\${SALESFORCE_ACCESS_TOKEN}' }`,
        `    hubspot: { basePath: ${portals[index]!.basePath}, accessToken: '\${HUBSPOT_TOKEN_${String(index + 1)}}', portalId: ${String(portals[index]!.portalId)} }`,
        `    store: sqlite:${join(dir, 'crmsync.db')}`,
        '    settings:',
        `      contacts: { createInHubSpot: ${String(createInHubSpot)} }`,
        `      capture: { pollSeconds: 1, suspensionProbeSeconds: ${String(PROBE_SECONDS)} }`,
        '      activities: { toSalesforce: [call, note] }',
        '    notifications:',
        `      webhook: { url: ${receiver.url}, secret: '\${CRMSYNC_WEBHOOK_SECRET}' }`,
      ]
      // B-MULTI-2's advice: one connection of the org creates HubSpot contacts from Salesforce.
      writeFileSync(
        config,
        ['connections:', ...connection('emea', 0, true), ...connection('us', 1, false), ''].join('\n'),
      )
      env = {
        SALESFORCE_ACCESS_TOKEN: salesforce.accessToken,
        HUBSPOT_TOKEN_1: portals[0]!.accessToken,
        HUBSPOT_TOKEN_2: portals[1]!.accessToken,
        CRMSYNC_WEBHOOK_SECRET: SECRET,
      }
    })

    afterAll(async () => {
      await Promise.all([salesforce?.close(), ...(portals ?? []).map((p) => p.close())])
      await new Promise((resolve) => receiver?.server.close(resolve))
    })

    const limits = async (body: { apiMax: number; apiUsed?: number }) => {
      const res = await fetch(`${salesforce.instanceUrl}/__sandbox/limits`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      expect(res.status).toBe(200)
    }
    const leads = async (email: string) =>
      (
        await sf.query<{ Id: string; Title: string | null; HubSpot_Id__c: string | null }>(
          `SELECT Id, Title, HubSpot_Id__c FROM Lead WHERE Email = '${email}'`,
        )
      ).records
    const contacts = async (portal: number, email: string) =>
      (
        await hs[portal]!.crm.contacts.searchApi.doSearch({
          filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ' as never, value: email }] }],
          properties: ['email', 'jobtitle'],
          limit: 10,
        })
      ).results
    const createContact = async (portal: number, email: string) =>
      (
        await hs[portal]!.crm.contacts.basicApi.create({
          properties: { email, lastname: 'Journey', company: 'J' },
          associations: [],
        })
      ).id
    const log = async (portal: number, type: keyof typeof TO_CONTACT, contactId: string, body: string) =>
      (
        await hs[portal]!.crm.objects.basicApi.create(type, {
          properties: {
            hs_timestamp: new Date().toISOString(),
            ...(type === 'calls' ? { hs_call_title: body, hs_call_body: body } : { hs_note_body: body }),
          },
          associations: [
            {
              to: { id: contactId },
              types: [
                { associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: TO_CONTACT[type] },
              ],
            },
          ],
        })
      ).id
    const tasks = async () =>
      (
        await sf.query<{ crmsync_HubSpot_Activity_Id__c: string; WhoId: string }>(
          'SELECT WhoId, crmsync_HubSpot_Activity_Id__c FROM Task WHERE crmsync_HubSpot_Activity_Id__c != null',
        )
      ).records
    const status = (connection: string) =>
      runCaptured(['status', '--config', config, '--connection', connection], env)
    const events = (type: string) =>
      receiver.deliveries
        .map((d) => ({ d, body: JSON.parse(d.body) as { type: string; connectionId: string } }))
        .filter(({ body }) => body.type === type)

    it('B-API-4 / B-ERR-11 / B-MULTI-1 / B-ACT-1: suspends with its reason in status, one signed notification, resumes by itself, nothing lost', async () => {
      // Set up as docs/operations.md says: doctor per connection, a first sync connects (B-INST-6), then run.
      // doctor --fix checks every connection of the file in turn and creates the Task field timeline sync
      // keys its Tasks by, once for the org.
      const fix = await runCaptured(['doctor', '--fix', '--config', config], env)
      expect(fix.code, fix.stdout + fix.stderr).toBe(EXIT_CODES.ok)
      expect(fix.stdout).toMatch(/^connection emea:\n[\s\S]*\n\nconnection us:\n/)
      expect(fix.stdout.split('fix: Activity.crmsync_HubSpot_Activity_Id__c: created')).toHaveLength(2)
      expect((await runCaptured(['sync', '--once', '--config', config], env)).code).toBe(EXIT_CODES.ok)
      const stop = new AbortController()
      const running = runCaptured(['run', '--no-console', '--config', config], env, stop.signal)

      // Before: a contact and a call in each portal, a lead in Salesforce.
      const ann = await createContact(0, 'ann@journey.test')
      const bob = await createContact(1, 'bob@journey.test')
      const callBefore = await log(0, 'calls', ann, 'Call before the suspension')
      const cat = await sf
        .sobject('Lead')
        .create({ LastName: 'Cat', Company: 'J', Email: 'cat@journey.test' })
      if (!cat.success) throw new Error(`lead: ${JSON.stringify(cat)}`)
      await until('the edits made before the suspension', async () => {
        const [annLead] = await leads('ann@journey.test')
        return (
          annLead?.HubSpot_Id__c === `8101:${ann}` &&
          (await leads('bob@journey.test'))[0]?.HubSpot_Id__c === `8102:${bob}` &&
          (await contacts(0, 'cat@journey.test')).length === 1 &&
          (await tasks()).some((t) => t.crmsync_HubSpot_Activity_Id__c === `8101:call:${callBefore}@${ann}`)
        )
      })

      // The org's daily allocation runs out: every client of the org is refused from now on (a refused call
      // still counts, as the sandbox keeps it).
      await limits({ apiMax: 5_000, apiUsed: 5_000 })
      await until('both connections suspended and told', () => events('suspension_entered').length === 2)
      // One edit in Salesforce while suspended: the sandbox counts every client, so the admin lets exactly that
      // one call through (a person's edit in Salesforce's UI costs no API call). Made at once: the first probe
      // is PROBE_SECONDS after each suspension began, so it cannot take that call.
      await limits({ apiMax: 5_001, apiUsed: 5_000 })
      await sf.sobject('Lead').update({ Id: cat.id, Title: 'Salesforce title while suspended' })
      for (const id of ['emea', 'us']) {
        const shown = await status(id)
        expect(shown.code).toBe(EXIT_CODES.ok)
        expect(shown.stdout).toMatch(
          /state: suspended:api_limit since \S+ \(SF_RATE_LIMITED: .*TotalRequests Limit exceeded\.\); next probe at/,
        )
        expect(shown.stdout).toMatch(/org \(Sforce-Limit-Info\): ([\d,]+) of \1 used in 24 h \(100 %\)/)
        expect(shown.stdout).toContain(
          `Salesforce organization API limit exceeded: nothing is written on either side until a probe finds the cause gone and the sync resumes by itself; \`crmsync resume --config FILE --connection ${id}\` clears it now`,
        )
        const json = await runCaptured(['status', '--config', config, '--connection', id, '--json'], env)
        expect(JSON.parse(json.stdout)).toMatchObject({
          state: { status: 'suspended', suspension: { reason: 'api_limit', code: 'SF_RATE_LIMITED' } },
        })
      }

      // Edits in both portals while suspended.
      await hs[0]!.crm.contacts.basicApi.update(ann, {
        properties: { jobtitle: 'Title set while suspended' },
      })
      const callDuring = await log(0, 'calls', ann, 'Call while suspended')
      const noteDuring = await log(1, 'notes', bob, 'Note while suspended')
      const dan = await createContact(1, 'dan@journey.test')

      // Each connection's probe finds the allocation still spent: still suspended, no second notification.
      const store = createStateStore(`sqlite:${join(dir, 'crmsync.db')}`)
      try {
        await until('a probe of each connection', async () => {
          const states = await Promise.all(['emea', 'us'].map((id) => store.getConnectionState(id)))
          return states.every((state) => state.suspension?.lastProbeAt !== undefined)
        })
      } finally {
        await store.close()
      }
      // `crmsync resume` while the cause is there changes nothing, and says so.
      const early = await runCaptured(['resume', '--config', config, '--connection', 'us'], env)
      expect(early.code).toBe(EXIT_CODES.connection)
      expect(early.stderr).toContain('REQUEST_LIMIT_EXCEEDED')
      expect(early.stderr).toContain('connection us stays suspended:api_limit')
      expect(events('suspension_entered')).toHaveLength(2)
      expect(events('suspension_cleared')).toHaveLength(0)

      // The allocation returns (the rolling 24 h frees calls): the run resumes by itself, without `resume`.
      const returnedAt = Date.now()
      await limits({ apiMax: 100_000, apiUsed: 0 })
      await until('both connections resumed', () => events('suspension_cleared').length === 2)
      const resumeMs = Date.now() - returnedAt
      // At the first probe after it returned: within one probe interval plus a poll and a cycle (a margin for a
      // loaded CI machine), not the default 5 minutes.
      expect(resumeMs).toBeLessThan((PROBE_SECONDS + 5) * 1000)
      await until('every edit made while suspended', async () => {
        const [annLead] = await leads('ann@journey.test')
        const [catContact] = await contacts(0, 'cat@journey.test')
        const keys = (await tasks()).map((t) => t.crmsync_HubSpot_Activity_Id__c)
        return (
          annLead?.Title === 'Title set while suspended' &&
          catContact?.properties['jobtitle'] === 'Salesforce title while suspended' &&
          (await leads('dan@journey.test'))[0]?.HubSpot_Id__c === `8102:${dan}` &&
          (await contacts(0, 'dan@journey.test')).length === 1 &&
          keys.includes(`8101:call:${callDuring}@${ann}`) &&
          keys.includes(`8102:note:${noteDuring}@${bob}`)
        )
      })
      stop.abort()
      const done = await running
      expect(done.code).toBe(EXIT_CODES.ok)

      // Exactly one signed notification per connection for the suspension, and one for its end, by the probe.
      const entered = events('suspension_entered')
      expect(entered.map(({ body }) => body.connectionId).sort()).toEqual(['emea', 'us'])
      for (const { d, body } of entered) {
        expect(signedWell(d)).toBe(true)
        expect(d.headers['x-crmsync-event']).toBe('suspension_entered')
        expect(body).toMatchObject({
          suspension: { state: 'suspended:api_limit', side: 'salesforce', code: 'SF_RATE_LIMITED' },
        })
      }
      const cleared = events('suspension_cleared')
      expect(cleared.map(({ body }) => body.connectionId).sort()).toEqual(['emea', 'us'])
      for (const { d, body } of cleared) {
        expect(signedWell(d)).toBe(true)
        expect(body).toMatchObject({ reason: 'api_limit', by: 'probe' })
      }
      // Without --connection, status shows every connection of the file in turn (--json keyed by id).
      const both = await runCaptured(['status', '--config', config], env)
      expect(both.stdout).toMatch(/^connection emea: [^\n]*\n {2}state: active\n/)
      expect(both.stdout).toMatch(/\nconnection us: [^\n]*\n {2}state: active\n/)
      const bothJson = await runCaptured(['status', '--config', config, '--json'], env)
      expect(JSON.parse(bothJson.stdout)).toMatchObject({
        emea: { connection: 'emea', state: { status: 'active', suspension: null } },
        us: { connection: 'us', state: { status: 'active', suspension: null } },
      })

      // Nothing twice: one lead per contact, one contact per portal as configured, one Task per activity.
      for (const email of ['ann@journey.test', 'bob@journey.test', 'cat@journey.test', 'dan@journey.test'])
        expect(await leads(email)).toHaveLength(1)
      // emea creates HubSpot contacts from Salesforce (so it also gets us's leads, B-MULTI-2); us does not.
      for (const email of ['ann@journey.test', 'bob@journey.test', 'cat@journey.test', 'dan@journey.test'])
        expect(await contacts(0, email)).toHaveLength(1)
      expect((await contacts(1, 'bob@journey.test')).length).toBe(1)
      expect((await contacts(1, 'dan@journey.test')).length).toBe(1)
      expect(await contacts(1, 'ann@journey.test')).toHaveLength(0)
      expect(await contacts(1, 'cat@journey.test')).toHaveLength(0)
      const keys = (await tasks()).map((t) => t.crmsync_HubSpot_Activity_Id__c).sort()
      expect(keys).toEqual(
        [
          `8101:call:${callBefore}@${ann}`,
          `8101:call:${callDuring}@${ann}`,
          `8102:note:${noteDuring}@${bob}`,
        ].sort(),
      )
    })
  },
)
