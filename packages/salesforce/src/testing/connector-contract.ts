// The connector contract (style item 19): behaviour any Salesforce org must show through the connector, runnable
// against the in-process sandbox (connector-contract.emu.test.ts) and, on demand, a real sandbox org
// (connector-contract.live.test.ts). It uses only the port and jsforce's SOAP calls, never the emulator's
// internals; records carry a run id so runs on a shared org do not collide. Emulator-only checks (faults,
// the clock, late commits, exact per-endpoint counts) live in the *.emu.test.ts files. The account checks
// run in orgs with and without person accounts; the person-account ones only where the org has them.
import {
  type SalesforceAccountCapturePage,
  type SalesforceConnector,
  type SalesforceContactCapturePage,
  type SalesforceCreate,
  type SalesforceWriteResult,
} from '@crmsync/core'
import type { Connection } from 'jsforce'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { captureCursorFrom } from '../capture-cursor.js'
import { emailKey } from '../read.js'
import { accountIdChunks, emailChunks } from '../soql.js'

export interface ContractTarget {
  readonly connector: SalesforceConnector
  /** The same org through jsforce, for SOAP convertLead and merge, which the port does not offer. */
  readonly connection: Connection
  /** Unique per run; prefixes external ids and emails. */
  readonly runId: string
  /** A LeadStatus with IsConverted = true. */
  readonly convertedStatus: string
  /**
   * Whether the org has person accounts: hasPersonAccounts() must say so, and the person-account checks run
   * only then. (Default: unknown; the connector's answer decides which checks run)
   */
  readonly personAccounts?: boolean | undefined
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

    describe('accounts (B-CMP, B-PA)', () => {
      const account = (key: string, fields: Record<string, string> = {}): SalesforceCreate => ({
        externalId: `${t.runId}:${key}`,
        fields: { Name: `${t.runId} ${key}`, ...fields },
      })
      const createAccount = async (key: string, fields: Record<string, string> = {}): Promise<string> => {
        const res = await t.connector.write({ type: 'Account', creates: [account(key, fields)] })
        await t.tick()
        return okId(res.creates[0])
      }
      const createContact = async (key: string, accountId: string): Promise<string> => {
        const res = await t.connector.write({
          type: 'Contact',
          creates: [{ externalId: `${t.runId}:${key}`, fields: { LastName: key, AccountId: accountId } }],
        })
        return okId(res.creates[0])
      }
      /** A capture cursor that starts just before now (the org's clock). */
      const cursorNow = async (): Promise<string> => {
        await t.connector.listQueues()
        return captureCursorFrom((t.connector.apiUsage().serverTime ?? 0) - 1000)
      }
      /** Pages until the pass is over. */
      async function drain<P extends SalesforceAccountCapturePage | SalesforceContactCapturePage>(
        capture: (cursor: string) => Promise<P>,
        from: string,
      ): Promise<{ records: P['records'][number][]; deletions: P['deletions'][number][]; cursor: string }> {
        const records: P['records'][number][] = []
        const deletions: P['deletions'][number][] = []
        let cursor = from
        for (let more = true; more;) {
          const page = await capture(cursor)
          records.push(...page.records)
          deletions.push(...page.deletions)
          cursor = page.cursor
          more = page.hasMore
        }
        return { records, deletions, cursor }
      }
      const accounts = (cursor: string) => t.connector.captureAccounts(cursor, ['Name', 'Website'])
      let personOn = false
      beforeAll(async () => {
        personOn = await t.connector.hasPersonAccounts()
      })

      it('hasPersonAccounts: what the Account describe says, asked once', async () => {
        if (t.personAccounts !== undefined) expect(personOn).toBe(t.personAccounts)
        expect(personOn).toBe((await t.connector.describe('Account')).fields.has('IsPersonAccount'))
        const calls = await callsOf('describe', () => t.connector.hasPersonAccounts())
        expect(calls).toBe(0)
      })

      it('creates are upserts on HubSpot_Id__c: a replay creates no duplicate; updates and deletes', async () => {
        const batch = {
          type: 'Account',
          creates: [account('up-1'), account('up-2', { Website: 'https://2.test' })],
        }
        const first = await t.connector.write(batch)
        expect(first.creates.map((r) => r.ok && r.created)).toEqual([true, true])
        const replay = await t.connector.write(batch)
        expect(replay.creates.map((r) => r.ok && r.created)).toEqual([false, false])
        const [one, two] = first.creates.map(okId)
        expect(replay.creates.map(okId)).toEqual([one, two])
        const updated = await t.connector.write({
          type: 'Account',
          updates: [{ id: one ?? '', fields: { Website: 'https://1.test' } }],
          deletes: [two ?? ''],
        })
        expect(updated.updates).toEqual([{ ok: true, id: one }])
        expect(updated.deletes).toEqual([{ ok: true, id: two }])
        const back = await t.connector.retrieveAccounts(
          [one ?? '', two ?? ''],
          ['Name', 'Website', 'HubSpot_Id__c'],
        )
        expect([...back.keys()]).toEqual([one])
        expect(back.get(one ?? '')?.fields).toMatchObject({
          Name: `${t.runId} up-1`,
          Website: 'https://1.test',
          HubSpot_Id__c: `${t.runId}:up-1`,
        })
      })

      it('retrieveAccounts: one POST for several ids; deleted and unknown ids are absent', async () => {
        const a = await createAccount('get-a', { Website: 'https://a.test' })
        const b = await createAccount('get-b')
        const gone = await createAccount('get-gone')
        await t.connector.write({ type: 'Account', deletes: [gone] })
        let got = new Map<string, unknown>()
        const calls = await callsOf('retrieve', async () => {
          got = new Map(
            await t.connector.retrieveAccounts([a, b, gone, '001000000000999AAA', a], ['Name', 'Website']),
          )
        })
        expect(calls).toBe(1)
        expect([...got.keys()].sort()).toEqual([a, b].sort())
        expect(got.get(a)).toMatchObject({
          type: 'Account',
          id: a,
          fields: { Name: `${t.runId} get-a`, Website: 'https://a.test' },
          ...(personOn ? { isPersonAccount: false } : {}),
        })
        expect(got.get(a)).toHaveProperty('modifiedAt')
        if (!personOn) expect(got.get(a)).not.toHaveProperty('isPersonAccount')
      })

      it('listAccountIds: every live Account id in query pages; a deleted one is absent', async () => {
        const kept = await createAccount('list-kept')
        const gone = await createAccount('list-gone')
        await t.connector.write({ type: 'Account', deletes: [gone] })
        const ids: string[] = []
        const calls = await callsOf('query', async () => {
          for await (const page of t.connector.listAccountIds()) ids.push(...page)
        })
        expect(ids).toContain(kept)
        expect(ids).not.toContain(gone)
        expect(new Set(ids).size).toBe(ids.length)
        expect(ids.every((id) => id.startsWith('001'))).toBe(true)
        expect(calls).toBe(Math.max(1, Math.ceil(ids.length / 2000)))
      })

      it('findContactsByAccount: the contacts of each account, none of others; long lists cut by URL length (B-CMP-4)', async () => {
        const a = await createAccount('fca-a')
        const b = await createAccount('fca-b')
        const empty = await createAccount('fca-empty')
        const other = await createAccount('fca-other')
        const a1 = await createContact('fca-a1', a)
        const a2 = await createContact('fca-a2', a)
        const b1 = await createContact('fca-b1', b)
        await createContact('fca-other1', other)
        const sorted = (list: readonly { id: string; accountId: string }[]) =>
          [...list].sort((x, y) => x.id.localeCompare(y.id))
        const expected = sorted([
          { id: a1, accountId: a },
          { id: a2, accountId: a },
          { id: b1, accountId: b },
        ])
        expect(sorted(await t.connector.findContactsByAccount([a, b, empty]))).toEqual(expected)
        // 1500 ids, the real ones first and last: several IN lists, each as long as the URL allows.
        const filler = Array.from({ length: 1498 }, (_, i) => `001${String(i).padStart(12, '0')}AAA`)
        const many = [a, ...filler, b]
        const lists = accountIdChunks(many, personOn).length
        expect(lists).toBeGreaterThan(1)
        expect(lists).toBeLessThan(8) // not a fixed 200 per query
        let found: readonly { id: string; accountId: string }[] = []
        const calls = await callsOf('query', async () => {
          found = await t.connector.findContactsByAccount(many)
        })
        expect(calls).toBe(lists)
        expect(sorted(found)).toEqual(expected)
        expect(await callsOf('query', () => t.connector.findContactsByAccount([]))).toBe(0)
      })

      it('captureAccounts: creates, edits, deletes and merge losers (MasterRecordId) with the fields asked for', async () => {
        const start = await cursorNow()
        const edited = await createAccount('cap-edit', { Website: 'https://before.test' })
        const doomed = await createAccount('cap-del')
        const master = await createAccount('cap-master')
        const loser = await createAccount('cap-loser')
        const first = await drain(accounts, start)
        const mine = new Set([edited, doomed, master, loser])
        expect(
          first.records
            .filter((r) => mine.has(r.id))
            .map((r) => r.id)
            .sort(),
        ).toEqual([...mine].sort())
        expect(first.records.find((r) => r.id === edited)).toMatchObject({
          type: 'Account',
          fields: { Name: `${t.runId} cap-edit`, Website: 'https://before.test' },
          ...(personOn ? { isPersonAccount: false } : {}),
        })
        if (!personOn)
          expect(first.records.find((r) => r.id === edited)).not.toHaveProperty('isPersonAccount')
        await t.tick()
        await t.connector.write({
          type: 'Account',
          updates: [{ id: edited, fields: { Website: 'https://after.test' } }],
          deletes: [doomed],
        })
        const merged = await t.connection.soap.merge({
          masterRecord: { type: 'Account', Id: master },
          recordToMergeIds: [loser],
        })
        expect(merged.success).toBe(true)
        await t.tick()
        const second = await drain(accounts, first.cursor)
        expect(second.records.find((r) => r.id === edited)?.fields['Website']).toBe('https://after.test')
        expect(second.records.some((r) => r.id === doomed || r.id === loser)).toBe(false)
        const deleted = new Map(second.deletions.map((d) => [d.id, d]))
        expect(deleted.get(doomed)).toMatchObject({ type: 'Account', id: doomed })
        expect(deleted.get(doomed)).not.toHaveProperty('masterRecordId')
        expect(deleted.get(loser)).toMatchObject({ type: 'Account', masterRecordId: master })
        expect(deleted.get(loser)?.deletedAt).toEqual(expect.any(Number))
        expect(deleted.has(master)).toBe(false)
        expect(second.records.some((r) => r.id === master)).toBe(true)
      })

      it('Contacts expose AccountId when asked, and say whether they are a person contact only where that exists', async () => {
        const home = await createAccount('home')
        const start = await cursorNow()
        const contact = await createContact('homed', home)
        await t.tick()
        const { records } = await drain((c) => t.connector.captureChanges('Contact', c, ['AccountId']), start)
        const got = records.find((r) => r.id === contact)
        expect(got?.fields['AccountId']).toBe(home)
        if (personOn) expect(got?.isPersonContact).toBe(false)
        else expect(got).not.toHaveProperty('isPersonContact')
        const back = await t.connector.retrieve('Contact', [contact], ['AccountId'])
        expect(back.get(contact)?.fields['AccountId']).toBe(home)
      })

      describe('person accounts (B-PA-1, B-PA-3)', () => {
        let personType = ''
        beforeAll(async () => {
          if (!personOn) return
          const types = await t.connection.query<{ Id: string }>(
            "SELECT Id FROM RecordType WHERE SobjectType = 'Account' AND IsPersonType = true AND IsActive = true",
          )
          personType = types.records[0]?.Id ?? ''
        })
        const createPerson = (key: string): Promise<string> =>
          t.connector
            .write({
              type: 'Account',
              creates: [
                {
                  externalId: `${t.runId}:${key}`,
                  fields: {
                    RecordTypeId: personType,
                    FirstName: 'Jo',
                    LastName: key,
                    PersonEmail: email(key),
                  },
                },
              ],
            })
            .then((res) => okId(res.creates[0]))

        it("capture, retrieve and the contact side flag person accounts; their contacts are never an account's contacts", async (ctx) => {
          if (!personOn) return ctx.skip()
          const start = await cursorNow()
          const person = await createPerson('pa-jo')
          const business = await createAccount('pa-business')
          const colleague = await createContact('pa-colleague', business)
          await t.tick()
          const captured = await drain((c) => t.connector.captureAccounts(c, ['Name', 'PersonEmail']), start)
          const personRecord = captured.records.find((r) => r.id === person)
          expect(personRecord).toMatchObject({
            isPersonAccount: true,
            fields: { Name: 'Jo pa-jo', PersonEmail: email('pa-jo') },
          })
          const personContact = personRecord?.personContactId ?? ''
          expect(personContact).toMatch(/^003/)
          const businessRecord = captured.records.find((r) => r.id === business)
          expect(businessRecord?.isPersonAccount).toBe(false)
          expect(businessRecord).not.toHaveProperty('personContactId')
          const got = await t.connector.retrieveAccounts([person, business], ['Name'])
          expect(got.get(person)).toMatchObject({ isPersonAccount: true, personContactId: personContact })
          expect(got.get(business)?.isPersonAccount).toBe(false)

          const contacts = await drain(
            (c) => t.connector.captureChanges('Contact', c, ['AccountId', 'Email']),
            start,
          )
          expect(contacts.records.find((r) => r.id === personContact)).toMatchObject({
            isPersonContact: true,
            fields: { AccountId: person, Email: email('pa-jo'), IsPersonAccount: true },
          })
          expect(contacts.records.find((r) => r.id === colleague)?.isPersonContact).toBe(false)
          expect(
            (await t.connector.retrieve('Contact', [personContact], [])).get(personContact)?.isPersonContact,
          ).toBe(true)
          expect(await t.connector.findContactsByAccount([person, business])).toEqual([
            { id: colleague, accountId: business },
          ])
          const ids: string[] = []
          for await (const page of t.connector.listAccountIds()) ids.push(...page)
          expect(ids).toEqual(expect.arrayContaining([person, business]))
        })

        it('a merge of person accounts: the losing account and its person contact are captured as merged', async (ctx) => {
          if (!personOn) return ctx.skip()
          const master = await createPerson('pa-master')
          const loser = await createPerson('pa-loser')
          const contactOf = async (id: string): Promise<string> =>
            (await t.connector.retrieveAccounts([id], [])).get(id)?.personContactId ?? ''
          const [masterContact, loserContact] = [await contactOf(master), await contactOf(loser)]
          await t.tick()
          const start = await cursorNow()
          const merged = await t.connection.soap.merge({
            masterRecord: { type: 'Account', Id: master },
            recordToMergeIds: [loser],
          })
          expect(merged.success).toBe(true)
          await t.tick()
          const accountsSeen = await drain(accounts, start)
          expect(accountsSeen.deletions.find((d) => d.id === loser)?.masterRecordId).toBe(master)
          const contactsSeen = await drain((c) => t.connector.captureChanges('Contact', c, []), start)
          expect(contactsSeen.deletions.find((d) => d.id === loserContact)?.masterRecordId).toBe(
            masterContact,
          )
        })
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

      it('doctor checks Account only when asked: its external-id field, access and mapped fields (B-CMP)', async () => {
        const plain = await t.connector.doctor()
        expect(plain.some((c) => c.name.startsWith('Account'))).toBe(false)
        const asked = await t.connector.doctor({ objects: ['Account'] })
        expect(asked.filter((c) => !c.ok)).toEqual([])
        expect(asked.map((c) => c.name)).toEqual([
          'credentials',
          'Account: create and edit',
          'Account: external-id field HubSpot_Id__c',
          'Account: required fields',
          'Account: person accounts',
          'users readable',
        ])
        expect(asked.find((c) => c.name === 'Account: person accounts')?.detail).toMatch(
          (await t.connector.hasPersonAccounts()) ? /^enabled/ : /^not enabled/,
        )
        // mappedFields alone asks for Account too, beside the default Lead and Contact.
        const mapped = await t.connector.doctor({ mappedFields: { Account: ['Name', 'Website', 'Nope__c'] } })
        expect(mapped.filter((c) => c.name.startsWith('Lead: create')).length).toBe(1)
        const failedChecks = mapped.filter((c) => !c.ok)
        expect(failedChecks.map((c) => c.name)).toEqual(['Account: mapped fields writable'])
        expect(failedChecks[0]?.detail).toBe('not found or not writable: Nope__c')
        expect(failedChecks[0]?.fix).toBe('Create Nope__c on Account or grant field-level edit access.')
        const unmapped = await t.connector.doctor({ mappedFields: { Account: ['Website'] } })
        const required = unmapped.find((c) => c.name === 'Account: required fields')
        expect(required?.ok).toBe(false)
        expect(required?.fix).toMatch(/^Map .*\bName\b/)
      })
    })
  })
}
