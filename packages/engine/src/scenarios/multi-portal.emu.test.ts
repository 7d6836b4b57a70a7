import { parseConfig, type SalesforceConnector } from '@crmsync/core'
import { createSalesforceConnector } from '@crmsync/salesforce'
import { startSalesforceSandbox } from 'salesforce-sandbox'
import { describe, expect, it } from 'vitest'

import { createEngine } from '../create-engine.js'
import { type MultiPortal, type Portal, startMultiPortal } from '../testing/multi-portal.js'
import { nextSecond, startSandboxPair } from '../testing/sandbox-pair.js'

const NO_CREATE = { createInHubSpot: false }

async function createContact(portal: Portal, properties: Record<string, string>): Promise<string> {
  return (await portal.hs.crm.contacts.basicApi.create({ properties, associations: [] })).id
}

async function contactsByEmail(portal: Portal, email: string) {
  const page = await portal.hs.crm.contacts.searchApi.doSearch({
    filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ' as never, value: email }] }],
    properties: ['email', 'city', 'salesforceleadid'],
    limit: 100,
  })
  return page.results
}

async function links(multi: MultiPortal, connectionId: string) {
  return multi.store.listLinks({ connectionId, objectKind: 'contact', limit: 1000 })
}

/** Which records a connection links (its shadows move with every sync). */
async function pairs(multi: MultiPortal, connectionId: string) {
  return (await links(multi, connectionId)).map((l) => [l.hubspotId, l.salesforceType, l.salesforceId])
}

async function leadId(multi: MultiPortal, email: string): Promise<string> {
  const rows = (await multi.sf.query<{ Id: string }>(`SELECT Id FROM Lead WHERE Email = '${email}'`)).records
  if (rows.length !== 1) throw new Error(`expected one Lead for ${email}, found ${rows.length}`)
  return rows[0]!.Id
}

/** Salesforce capture queries (queryAll) the sandbox counted since the last reset. */
async function captureQueries(multi: MultiPortal): Promise<number> {
  const endpoints = await multi.salesforceCalls()
  return Object.entries(endpoints)
    .filter(([key]) => key.includes('queryAll'))
    .reduce((sum, [, calls]) => sum + calls, 0)
}

/** Every connection syncs once, in order: one poll round. */
async function round(multi: MultiPortal): Promise<void> {
  for (const portal of multi.portals) await portal.sync()
}

describe('several HubSpot portals on one Salesforce org (B-MULTI)', () => {
  it(
    'B-MULTI-1: P1 changes its mappings; P2 keeps its configuration and each portal keeps its own links',
    { timeout: 60_000 },
    async () => {
      const multi = await startMultiPortal({
        portals: [
          { id: 'p1', portalId: 1001, contacts: NO_CREATE },
          { id: 'p2', portalId: 1002, contacts: NO_CREATE },
        ],
      })
      try {
        const [p1, p2] = [multi.portal('p1'), multi.portal('p2')]
        await round(multi)
        await createContact(p1, { email: 'one@multi.com', lastname: 'One', company: 'A', city: 'Oslo' })
        await createContact(p2, { email: 'two@multi.com', lastname: 'Two', company: 'B', city: 'Bergen' })
        await round(multi)
        const lead1 = await leadId(multi, 'one@multi.com')
        const lead2 = await leadId(multi, 'two@multi.com')
        const p2Links = await pairs(multi, 'p2')
        expect((await links(multi, 'p1')).map((l) => l.salesforceId)).toEqual([lead1])
        expect(p2Links.map((l) => l[2])).toEqual([lead2])
        const p2Mappings = JSON.stringify(p2.config.mappings)

        // P1 stops syncing the city; P2's file entry is untouched.
        p1.reconfigure({
          contact: [{ hubspot: 'city', salesforce: { Lead: 'City', Contact: 'MailingCity' }, rule: 'none' }],
        })
        await multi.sf.sobject('Lead').update([
          { Id: lead1, City: 'Tromso' },
          { Id: lead2, City: 'Stavanger' },
        ])
        await round(multi)

        expect((await contactsByEmail(p1, 'one@multi.com'))[0]?.properties['city']).toBe('Oslo')
        expect((await contactsByEmail(p2, 'two@multi.com'))[0]?.properties['city']).toBe('Stavanger')
        expect(JSON.stringify(p2.config.mappings)).toBe(p2Mappings)
        expect(await pairs(multi, 'p2')).toEqual(p2Links)
        expect((await links(multi, 'p1')).map((l) => l.salesforceId)).toEqual([lead1])
        // Neither portal saw the other's contact: createInHubSpot is off in both.
        expect(await contactsByEmail(p1, 'two@multi.com')).toEqual([])
        expect(await contactsByEmail(p2, 'one@multi.com')).toEqual([])

        // Cursors and errors are the connection's own too: a record P1 cannot write is an error of P1 only.
        const cursor = async (id: string) => (await multi.store.getCursor(id, 'salesforce', 'Lead'))?.value
        expect(await cursor('p1')).toBeDefined()
        expect(await cursor('p2')).toBeDefined()
        await createContact(p1, { email: 'long@multi.com', lastname: 'L'.repeat(81), company: 'A' })
        await nextSecond()
        const failed = await p1.engine.syncOnce({})
        expect(failed.errors.map((e) => e.recordId)).toHaveLength(1)
        expect(await multi.store.listErrors({ connectionId: 'p1' })).toHaveLength(1)
        expect(await multi.store.listErrors({ connectionId: 'p2' })).toEqual([])
        expect((await p2.sync()).errors).toEqual([])
      } finally {
        await multi.close()
      }
    },
  )

  it(
    'B-MULTI-2: both portals auto-create: a Lead P1 created reaches P2 as a new contact; P2 set to do nothing gets nothing',
    { timeout: 60_000 },
    async () => {
      const multi = await startMultiPortal({
        portals: [
          { id: 'p1', portalId: 2001 },
          { id: 'p2', portalId: 2002 },
          { id: 'p3', portalId: 2003, contacts: NO_CREATE },
        ],
      })
      try {
        const [p1, p2, p3] = [multi.portal('p1'), multi.portal('p2'), multi.portal('p3')]
        await round(multi)
        const id = await createContact(p1, { email: 'cross@multi.com', lastname: 'Cross', company: 'C' })
        await p1.sync()
        const lead = await leadId(multi, 'cross@multi.com')
        expect(
          (await p1.hs.crm.contacts.basicApi.getById(id, ['salesforceleadid'])).properties[
            'salesforceleadid'
          ],
        ).toBe(lead)

        // P2 never wrote that Lead, so it is no echo for P2: its next cycle creates the contact.
        await p2.sync()
        const inP2 = await contactsByEmail(p2, 'cross@multi.com')
        expect(inP2).toHaveLength(1)
        expect(inP2[0]?.properties['salesforceleadid']).toBe(lead)
        expect((await links(multi, 'p2')).map((l) => l.salesforceId)).toEqual([lead])
        // P3 does not create HubSpot contacts from Salesforce: nothing arrives, nothing is linked.
        await p3.sync()
        expect(await contactsByEmail(p3, 'cross@multi.com')).toEqual([])
        expect(await links(multi, 'p3')).toEqual([])
        // And P2's contact does not come back to Salesforce as a second Lead.
        await round(multi)
        expect(
          (await multi.sf.query(`SELECT Id FROM Lead WHERE Email = 'cross@multi.com'`)).records,
        ).toHaveLength(1)
      } finally {
        await multi.close()
      }
    },
  )

  it('B-MULTI-3: three portals on one org sync independently (no cap)', { timeout: 60_000 }, async () => {
    const multi = await startMultiPortal({
      portals: [
        { id: 'p1', portalId: 3001, contacts: NO_CREATE },
        { id: 'p2', portalId: 3002, contacts: NO_CREATE },
        { id: 'p3', portalId: 3003, contacts: NO_CREATE },
      ],
    })
    try {
      await round(multi)
      for (const portal of multi.portals)
        await createContact(portal, { email: `${portal.id}@three.com`, lastname: portal.id, company: 'T' })
      await round(multi)
      for (const portal of multi.portals) {
        const lead = await leadId(multi, `${portal.id}@three.com`)
        expect((await links(multi, portal.id)).map((l) => l.salesforceId)).toEqual([lead])
        expect((await multi.store.getIdentity(portal.id))?.hubspotPortalId).toBe(
          String(portal.deps.connection.hubspot.portalId),
        )
      }
      const orgs = await Promise.all(
        multi.portals.map(async (p) => (await multi.store.getIdentity(p.id))?.salesforceOrgId),
      )
      expect(new Set(orgs).size).toBe(1)
    } finally {
      await multi.close()
    }
  })

  it(
    'B-MULTI-3: Salesforce capture runs once per org: 2 and 3 portals cost the capture queries of 1',
    { timeout: 120_000 },
    async () => {
      const measured: Record<string, number> = {}
      for (const shareCapture of [true, false]) {
        for (const count of [1, 2, 3]) {
          const multi = await startMultiPortal({
            shareCapture,
            portals: Array.from({ length: count }, (_, i) => ({
              id: `p${i + 1}`,
              portalId: 4000 + i + 1,
            })),
          })
          try {
            await round(multi)
            // Fields are learnt on each connection's first capture; from the second round every read serves all.
            await round(multi)
            await multi.sf
              .sobject('Lead')
              .create({ LastName: 'Shared', Company: 'S', Email: `s${count}@share.com` })
            await multi.resetSalesforceCalls()
            await round(multi)
            measured[`${shareCapture ? 'shared' : 'unshared'}-${count}`] = await captureQueries(multi)
            // Every portal created the Lead's contact: the served pages carried it.
            for (const portal of multi.portals)
              expect(await contactsByEmail(portal, `s${count}@share.com`)).toHaveLength(1)
          } finally {
            await multi.close()
          }
        }
      }
      const one = measured['shared-1']!
      expect(one).toBeGreaterThan(0)
      expect(measured['shared-2']).toBe(one)
      expect(measured['shared-3']).toBe(one)
      expect(measured['unshared-1']).toBe(one)
      expect(measured['unshared-2']).toBe(2 * one)
      expect(measured['unshared-3']).toBe(3 * one)
      console.info(`capture queries per round: ${JSON.stringify(measured)}`)
    },
  )

  it(
    "B-MULTI-4: two connections share one org's allocation: both read the same Sforce-Limit-Info usage, each stops at its own share",
    { timeout: 60_000 },
    async () => {
      const multi = await startMultiPortal({
        portals: [
          { id: 'p1', portalId: 5001, contacts: NO_CREATE, apiCallAllocation: 300 },
          { id: 'p2', portalId: 5002, contacts: NO_CREATE, apiCallAllocation: 700 },
        ],
      })
      try {
        const [p1, p2] = [multi.portal('p1'), multi.portal('p2')]
        const res = await fetch(`${multi.salesforce.instanceUrl}/__sandbox/limits`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ apiMax: 1000, apiUsed: 0 }),
        })
        expect(res.ok).toBe(true)
        await round(multi)
        // P1 has spent its share (300 calls in its rolling 24 h); P2 has spent little of its own.
        const now = Date.now()
        const day = { side: 'salesforce' as const, from: now - 24 * 60 * 60_000, to: now + 1 }
        const spent = await multi.store.sumApiCalls({ connectionId: 'p1', ...day })
        await multi.store.addApiCalls('p1', 'salesforce', now, 300 - spent)
        await createContact(p1, { email: 'share1@multi.com', lastname: 'S1', company: 'A' })
        await createContact(p2, { email: 'share2@multi.com', lastname: 'S2', company: 'B' })

        await nextSecond()
        const first = await p1.engine.syncOnce({})
        expect(first.incomplete).toMatch(/ENGINE_BUDGET_EXHAUSTED/)
        expect(await multi.store.sumApiCalls({ connectionId: 'p1', ...day })).toBeLessThanOrEqual(300)
        const afterP1 = p1.deps.salesforce.apiUsage().orgUsage

        const second = await p2.sync()
        expect(second.incomplete).toBeUndefined()
        expect(
          (await multi.sf.query(`SELECT Id FROM Lead WHERE Email = 'share2@multi.com'`)).records,
        ).toHaveLength(1)
        expect(
          (await multi.sf.query(`SELECT Id FROM Lead WHERE Email = 'share1@multi.com'`)).records,
        ).toHaveLength(0)

        // Both connectors read the org's one counter: P2's reading includes P1's calls.
        const afterP2 = p2.deps.salesforce.apiUsage().orgUsage
        const org = (await (await fetch(`${multi.salesforce.instanceUrl}/__sandbox/counters`)).json()) as {
          apiUsage: { used: number; max: number }
        }
        expect(afterP1?.max).toBe(1000)
        expect(afterP2?.max).toBe(1000)
        expect(afterP2?.used).toBeGreaterThan(afterP1?.used ?? Number.POSITIVE_INFINITY)
        expect(afterP2?.used).toBeLessThanOrEqual(org.apiUsage.used)
        expect(await multi.store.sumApiCalls({ connectionId: 'p2', ...day })).toBeLessThanOrEqual(700)
      } finally {
        await multi.close()
      }
    },
  )
})

describe('one portal, one org (B-INST-3)', () => {
  it('B-INST-3: the same portal twice in one file is refused', () => {
    const connection = (id: string, instanceUrl: string) => ({
      id,
      salesforce: { instanceUrl, accessToken: 'x' },
      hubspot: { accessToken: 'y', portalId: 42 },
      store: 'sqlite::memory:',
    })
    const parsed = parseConfig({
      connections: [
        connection('a', 'https://x.my.salesforce.com'),
        connection('b', 'https://y.my.salesforce.com'),
      ],
    })
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.issues.map((i) => i.message)).toContain(
      'portal 42 is already paired by connections[0] (B-INST-3)',
    )
  })

  it(
    'B-INST-3: a second link of portal A to org Y without disconnecting is rejected and org X stays linked',
    { timeout: 60_000 },
    async () => {
      const pair = await startSandboxPair()
      const orgY = await startSalesforceSandbox({})
      try {
        await pair.sync()
        const linked = await pair.store.getIdentity('scenario')
        expect(linked?.salesforceOrgId).toBeDefined()
        const { connectSalesforce } = await import('@crmsync/salesforce')
        const toY = await connectSalesforce({
          kind: 'access-token',
          instanceUrl: orgY.instanceUrl,
          accessToken: orgY.accessToken,
        })
        const real = createSalesforceConnector({ connection: toY, sleep: () => Promise.resolve() })
        // Every Salesforce sandbox seeds the same org id, so org Y is a second sandbox whose identity names
        // another org; every other call goes to that second sandbox unchanged.
        const ySide = new Proxy(real, {
          get: (target, key: keyof SalesforceConnector): unknown => {
            if (key === 'identity')
              return async () => ({ ...(await target.identity()), orgId: '00DYY0000000002EAA' })
            const value: unknown = Reflect.get(target, key)
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
          },
        })
        expect((await ySide.identity()).orgId).not.toBe(linked?.salesforceOrgId)
        const engineOnY = createEngine({ ...pair.deps, salesforce: ySide })
        await expect(engineOnY.syncOnce({})).rejects.toMatchObject({ code: 'ENGINE_IDENTITY_CHANGED' })
        expect(await pair.store.getIdentity('scenario')).toEqual(linked)
        // Org X still syncs.
        const again = await pair.sync()
        expect(again.errors).toEqual([])
      } finally {
        await orgY.close()
        await pair.close()
      }
    },
  )
})
