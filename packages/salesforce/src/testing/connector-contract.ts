// The connector contract (style item 19): behaviour any Salesforce org must show through the connector, runnable
// against the in-process sandbox (connector-contract.emu.test.ts) and, on demand, a real sandbox org
// (connector-contract.live.test.ts). It uses only the port and jsforce's SOAP calls, never the emulator's
// internals; records carry a run id so runs on a shared org do not collide. Emulator-only checks (faults,
// the clock, late commits, exact per-endpoint counts) live in the *.emu.test.ts files.
import { type SalesforceConnector, type SalesforceCreate, type SalesforceWriteResult } from '@crmsync/core'
import type { Connection } from 'jsforce'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { captureCursorFrom } from '../capture-cursor.js'
import { emailKey } from '../read.js'
import { emailChunks } from '../soql.js'

export interface ContractTarget {
  readonly connector: SalesforceConnector
  /** The same org through jsforce, for SOAP convertLead and merge, which the port does not offer. */
  readonly connection: Connection
  /** Unique per run; prefixes external ids and emails. */
  readonly runId: string
  /** A LeadStatus with IsConverted = true. */
  readonly convertedStatus: string
  /** Lets at least one second pass in the org, so CreatedDate differs between records. */
  tick(): Promise<void>
  close(): Promise<void>
}

export function runSalesforceConnectorContract(
  name: string,
  makeTarget: () => Promise<ContractTarget>,
): void {
  describe(`Salesforce connector contract: ${name}`, () => {
    let t: ContractTarget
    beforeAll(async () => {
      t = await makeTarget()
    })
    afterAll(() => t.close())

    const email = (local: string): string => `${t.runId}-${local}@example.com`
    const lead = (key: string, extra: Record<string, string> = {}): SalesforceCreate => ({
      externalId: `${t.runId}:${key}`,
      fields: { LastName: key, Company: 'Acme', ...extra },
    })
    const okId = (result: SalesforceWriteResult | undefined): string => {
      if (!result?.ok) throw new Error(`write failed: ${JSON.stringify(result)}`)
      return result.id
    }
    const create = async (type: 'Lead' | 'Contact', key: string, address: string): Promise<string> => {
      const fields =
        type === 'Lead' ? lead(key, { Email: address }).fields : { LastName: key, Email: address }
      const res = await t.connector.write({ type, creates: [{ externalId: `${t.runId}:${key}`, fields }] })
      await t.tick()
      return okId(res.creates[0])
    }
    const callsOf = async (operation: string, run: () => Promise<unknown>): Promise<number> => {
      const before = t.connector.apiUsage().byOperation[operation] ?? 0
      await run()
      return (t.connector.apiUsage().byOperation[operation] ?? 0) - before
    }
    const convert = async (leadId: string): Promise<string> => {
      const res = await t.connection.soap.convertLead({
        leadId,
        convertedStatus: t.convertedStatus,
        doNotCreateOpportunity: true,
      })
      if (!res.success || typeof res.contactId !== 'string')
        throw new Error(`convertLead failed: ${JSON.stringify(res.errors)}`)
      return res.contactId
    }

    describe('writes', () => {
      it('creates are upserts on the external id: replaying a batch creates no duplicate', async () => {
        const batch = {
          type: 'Lead',
          creates: ['replay-1', 'replay-2'].map((k) => lead(k, { Email: email(k) })),
        }
        const first = await t.connector.write(batch)
        expect(first.creates.map((r) => r.ok && r.created)).toEqual([true, true])
        const replay = await t.connector.write(batch)
        expect(replay.creates.map((r) => r.ok && r.created)).toEqual([false, false])
        expect(replay.creates.map(okId)).toEqual(first.creates.map(okId))
        const found = await t.connector.findContactsByEmail([email('replay-1')])
        expect(found.get(email('replay-1'))?.map((c) => c.id)).toEqual([okId(first.creates[0])])
      })

      it('200 records with one invalid email: one call, 199 written, one typed error (B-ERR-8)', async () => {
        const creates = Array.from({ length: 200 }, (_, i) =>
          lead(`partial-${i}`, { Email: i === 57 ? 'not-an-email' : email(`partial-${i}`) }),
        )
        let results: readonly SalesforceWriteResult[] = []
        const calls = await callsOf('collections.upsert', async () => {
          results = (await t.connector.write({ type: 'Lead', creates })).creates
        })
        expect(calls).toBe(1)
        expect(results.filter((r) => r.ok)).toHaveLength(199)
        expect(results[57]).toMatchObject({
          ok: false,
          error: { code: 'SF_INVALID_EMAIL', salesforceCode: 'INVALID_EMAIL_ADDRESS', retryable: false },
        })
      })

      it('400 updates take 2 calls and change only the fields sent', async () => {
        const creates = Array.from({ length: 400 }, (_, i) => lead(`bulk-${i}`, { Title: 'Before' }))
        const ids = (await t.connector.write({ type: 'Lead', creates })).creates.map(okId)
        const calls = await callsOf('collections.update', async () => {
          const res = await t.connector.write({
            type: 'Lead',
            updates: ids.map((id) => ({ id, fields: { Phone: '555' } })),
          })
          expect(res.updates.every((r) => r.ok)).toBe(true)
        })
        expect(calls).toBe(2)
        const back = await t.connector.retrieve('Lead', [ids[399] ?? ''], ['Phone', 'Title', 'LastName'])
        expect(back.get(ids[399] ?? '')?.fields).toMatchObject({
          Phone: '555',
          Title: 'Before',
          LastName: 'bulk-399',
        })
      })

      it('a write to a converted lead yields SF_CONVERTED_LEAD; to a deleted one SF_ENTITY_DELETED', async () => {
        const converted = await create('Lead', 'convert-me', email('convert-me'))
        await convert(converted)
        const deleted = await create('Lead', 'delete-me', email('delete-me'))
        expect((await t.connector.write({ type: 'Lead', deletes: [deleted] })).deletes[0]).toEqual({
          ok: true,
          id: deleted,
        })
        const res = await t.connector.write({
          type: 'Lead',
          updates: [
            { id: converted, fields: { Title: 'x' } },
            { id: deleted, fields: { Title: 'x' } },
          ],
        })
        expect(res.updates.map((r) => !r.ok && r.error.code)).toEqual([
          'SF_CONVERTED_LEAD',
          'SF_ENTITY_DELETED',
        ])
      })
    })

    describe('reads', () => {
      it('dedup: Contacts before Leads (B-CON-9), then CreatedDate, Id (B-CON-8), case-insensitive', async () => {
        const lead1 = await create('Lead', 'dup-lead-1', email('dup'))
        const lead2 = await create('Lead', 'dup-lead-2', email('dup').toUpperCase())
        const contact = await create('Contact', 'dup-contact', email('dup'))
        const found = await t.connector.findContactsByEmail([
          ` ${email('dup').toUpperCase()} `,
          email('nobody'),
        ])
        expect(found.get(email('dup'))).toEqual([
          { type: 'Contact', id: contact, isConverted: false },
          { type: 'Lead', id: lead1, isConverted: false },
          { type: 'Lead', id: lead2, isConverted: false },
        ])
        expect(found.has(email('nobody'))).toBe(false)
      })

      it('dedup: a converted lead never matches; the contact it became does', async () => {
        const contactId = await convert(await create('Lead', 'conv-lead', email('converted')))
        const found = await t.connector.findContactsByEmail([email('converted')])
        expect(found.get(email('converted'))).toEqual([
          { type: 'Contact', id: contactId, isConverted: false },
        ])
      })

      it('dedup: an email with a quote and a backslash is escaped, found, and matches nothing else', async () => {
        const tricky = `o'brien\\${t.runId}@example.com`
        const id = await create('Contact', 'tricky', tricky)
        await create('Contact', 'decoy', `o'brien${t.runId}@example.com`)
        const found = await t.connector.findContactsByEmail([tricky])
        expect([...found.keys()]).toEqual([tricky])
        expect(found.get(tricky)).toEqual([{ type: 'Contact', id, isConverted: false }])
      })

      it('dedup: 1200 emails cost one query per URL-sized IN list, Contacts and Leads each', async () => {
        const emails = Array.from({ length: 1200 }, (_, i) => email(`none-${i}`))
        const keys = emails.map(emailKey)
        const lists = emailChunks('Contact', keys).length + emailChunks('Lead', keys).length
        // Lists as long as the ~16 KB URI allows, not a fixed 200 (that would be 12 queries).
        expect(lists).toBeLessThan(12)
        expect(await callsOf('query', () => t.connector.findContactsByEmail(emails))).toBe(lists)
      })

      it('listIds: every live Lead id in query pages; a deleted one is absent', async () => {
        const kept = await create('Lead', 'list-kept', email('list-kept'))
        const gone = await create('Lead', 'list-gone', email('list-gone'))
        await t.connector.write({ type: 'Lead', deletes: [gone] })
        const ids: string[] = []
        const calls = await callsOf('query', async () => {
          for await (const page of t.connector.listIds('Lead')) ids.push(...page)
        })
        expect(ids).toContain(kept)
        expect(ids).not.toContain(gone)
        expect(new Set(ids).size).toBe(ids.length)
        expect(calls).toBe(Math.max(1, Math.ceil(ids.length / 2000)))
      })

      it('retrieve: one POST for several ids; deleted and unknown ids are absent', async () => {
        const a = await create('Lead', 'get-a', email('get-a'))
        const gone = await create('Lead', 'get-gone', email('get-gone'))
        await t.connector.write({ type: 'Lead', deletes: [gone] })
        let got = new Map<string, unknown>()
        const calls = await callsOf('retrieve', async () => {
          got = new Map(
            await t.connector.retrieve('Lead', [a, gone, '00Q000000000999AAA'], ['Email', 'Title']),
          )
        })
        expect(calls).toBe(1)
        expect([...got.keys()]).toEqual([a])
        expect(got.get(a)).toMatchObject({
          type: 'Lead',
          isConverted: false,
          fields: { Email: email('get-a'), Title: null },
        })
      })
    })

    describe('capture', () => {
      it('captureChanges sees plain deletes and merge losers with MasterRecordId in the same queryAll (B-CON-24/25)', async () => {
        await t.connector.identity()
        const since = (t.connector.apiUsage().serverTime ?? 0) - 1000
        const doomed = await create('Lead', 'del-1', email('del-1'))
        const master = await create('Lead', 'merge-master', email('merge-master'))
        const loser = await create('Lead', 'merge-loser', email('merge-loser'))
        await t.connector.write({ type: 'Lead', deletes: [doomed] })
        const merged = await t.connection.soap.merge({
          masterRecord: { type: 'Lead', Id: master },
          recordToMergeIds: [loser],
        })
        expect(merged.success).toBe(true)
        const seen = new Map<string, string | undefined>()
        const changed = new Set<string>()
        let cursor: string | undefined = captureCursorFrom(since)
        for (let more = true; more;) {
          const page = await t.connector.captureChanges('Lead', cursor, ['LastName'])
          for (const d of page.deletions) seen.set(d.id, d.masterRecordId)
          for (const r of page.records) changed.add(r.id)
          cursor = page.cursor
          more = page.hasMore
        }
        expect(seen.has(doomed)).toBe(true)
        expect(seen.get(doomed)).toBeUndefined()
        expect(seen.get(loser)).toBe(master)
        expect(seen.has(master)).toBe(false)
        expect(changed.has(master)).toBe(true)
        expect(changed.has(doomed) || changed.has(loser)).toBe(false)
      })
    })

    describe('org', () => {
      it('identity, describe and doctor', async () => {
        const who = await t.connector.identity()
        expect(who.orgId).toMatch(/^00D/)
        expect(who.userId).toMatch(/^005/)
        const leadDescribe = await t.connector.describe('Lead')
        expect(leadDescribe.fields.get('Email')?.type).toBe('email')
        expect(leadDescribe.fields.get('LastName')?.requiredOnCreate).toBe(true)
        expect((await t.connector.doctor()).filter((c) => !c.ok)).toEqual([])
        const mapped = await t.connector.doctor({
          mappedFields: { Lead: ['Email', 'Nope__c'], Contact: ['LastName'] },
        })
        expect(mapped.filter((c) => !c.ok).map((c) => c.name)).toEqual([
          'Lead: required fields',
          'Lead: mapped fields writable',
        ])
      })
    })
  })
}
