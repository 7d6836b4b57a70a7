// Emulator checks of the deal-sync methods (B-DEAL): opportunity capture, reads and upserts, contact roles
// captured on their own SystemModstamp and written as plain inserts, record types and stages.
import type { SalesforceWriteResult } from '@crmsync/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Harness, startHarness } from './testing/sandbox-harness.js'

function okId(result: SalesforceWriteResult | undefined): string {
  if (!result?.ok) throw new Error(`write failed: ${JSON.stringify(result)}`)
  return result.id
}

describe('Opportunities and contact roles through the connector', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(() => h.close())

  async function drainOpportunities(cursor: string | undefined) {
    let page = await h.connector.captureOpportunities(cursor, ['Name', 'Amount'])
    const records = [...page.records]
    const deletions = [...page.deletions]
    while (page.hasMore) {
      page = await h.connector.captureOpportunities(page.cursor, ['Name', 'Amount'])
      records.push(...page.records)
      deletions.push(...page.deletions)
    }
    return { records, deletions, cursor: page.cursor }
  }

  async function drainRoles(cursor: string | undefined) {
    let page = await h.connector.captureContactRoles(cursor)
    const records = [...page.records]
    const deletions = [...page.deletions]
    while (page.hasMore) {
      page = await h.connector.captureContactRoles(page.cursor)
      records.push(...page.records)
      deletions.push(...page.deletions)
    }
    return { records, deletions, cursor: page.cursor }
  }

  it('upserts opportunities on the external id, captures them with stage, account and record type, and their deletes', async () => {
    const [account] = (
      await h.connector.write({
        type: 'Account',
        creates: [{ externalId: '42:c1', fields: { Name: 'Acme' } }],
      })
    ).creates
    const start = await drainOpportunities(undefined)
    const create = {
      externalId: '42:d1',
      fields: {
        Name: 'Acme renewal',
        StageName: 'Prospecting',
        CloseDate: '2027-01-31',
        Amount: 100,
        AccountId: okId(account),
      },
    }
    const id = okId((await h.connector.write({ type: 'Opportunity', creates: [create] })).creates[0])
    expect(okId((await h.connector.write({ type: 'Opportunity', creates: [create] })).creates[0])).toBe(id)
    h.clock.advance(1000)
    const changed = await drainOpportunities(start.cursor)
    const record = changed.records.find((r) => r.id === id)
    expect(record?.fields).toMatchObject({
      Name: 'Acme renewal',
      Amount: 100,
      StageName: 'Prospecting',
      AccountId: okId(account),
      IsClosed: false,
      IsWon: false,
    })
    expect(record?.fields['CreatedDate']).toEqual(expect.any(String))
    expect(Object.keys(record?.fields ?? {})).toContain('RecordTypeId')

    const read = await h.connector.retrieveOpportunities([id], ['Name'])
    expect(read.get(id)?.fields['StageName']).toBe('Prospecting')

    await h.connector.write({ type: 'Opportunity', deletes: [id] })
    h.clock.advance(1000)
    const deleted = await drainOpportunities(changed.cursor)
    expect(deleted.deletions.map((d) => d.id)).toEqual([id])
    const listed: string[] = []
    for await (const page of h.connector.listOpportunityIds()) listed.push(...page)
    expect(listed).not.toContain(id)
  })

  it('inserts contact roles, captures them on their own cursor, reads them per opportunity, and sees their deletes', async () => {
    const [contact] = (
      await h.connector.write({
        type: 'Contact',
        creates: [{ externalId: '42:k1', fields: { LastName: 'Role', Email: 'role@example.com' } }],
      })
    ).creates
    const opportunity = okId(
      (
        await h.connector.write({
          type: 'Opportunity',
          creates: [
            {
              externalId: '42:d2',
              fields: { Name: 'With roles', StageName: 'Prospecting', CloseDate: '2027-02-01' },
            },
          ],
        })
      ).creates[0],
    )
    const { cursor } = await drainRoles(undefined)
    const written = await h.connector.write({
      type: 'OpportunityContactRole',
      inserts: [{ fields: { OpportunityId: opportunity, ContactId: okId(contact) } }],
    })
    const roleId = okId(written.inserts?.[0])
    h.clock.advance(1000)
    const captured = await drainRoles(cursor)
    expect(captured.records).toEqual([
      { id: roleId, opportunityId: opportunity, contactId: okId(contact), isPrimary: false, role: null },
    ])
    expect(await h.connector.readContactRoles([opportunity])).toEqual(captured.records)
    await h.connector.write({ type: 'OpportunityContactRole', deletes: [roleId] })
    h.clock.advance(1000)
    const gone = await drainRoles(captured.cursor)
    expect(gone.deletions.map((d) => [d.id, d.opportunityId])).toEqual([[roleId, opportunity]])
    expect(await h.connector.readContactRoles([opportunity])).toEqual([])
  })

  it('reads opportunity record types and the stages with what they mean (B-DEAL-2, 20)', async () => {
    const types = await h.connector.readOpportunityRecordTypes()
    expect(types.length).toBeGreaterThan(0)
    expect(types.every((t) => t.id.startsWith('012') && t.name !== '')).toBe(true)
    const stages = await h.connector.readOpportunityStages()
    const won = stages.find((s) => s.won)
    expect(won).toMatchObject({ closed: true, probability: 100 })
    expect(stages.map((s) => s.sortOrder)).toEqual([...stages.map((s) => s.sortOrder)].sort((a, b) => a - b))
    expect(stages[0]).toMatchObject({ value: 'Prospecting', closed: false, won: false })
  })
})
