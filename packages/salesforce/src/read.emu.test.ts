import type { SalesforceCreate } from '@crmsync/core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { type Harness, startHarness } from './testing/sandbox-harness.js'

vi.hoisted(() => {
  for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy'])
    delete process.env[name]
})

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

async function create(type: 'Lead' | 'Contact', key: string, email: string): Promise<string> {
  const fields: SalesforceCreate['fields'] =
    type === 'Lead' ? { LastName: key, Company: 'Acme', Email: email } : { LastName: key, Email: email }
  const res = await h.connector.write({ type, creates: [{ externalId: `7:${key}`, fields }] })
  const result = res.creates[0]
  if (!result?.ok) throw new Error(`create failed: ${JSON.stringify(result)}`)
  h.clock.advance(1_000) // distinct CreatedDate per record
  return result.id
}

async function countCalls(run: () => Promise<unknown>): Promise<Record<string, number>> {
  await h.admin('DELETE', '/counters')
  await run()
  return h.counters()
}

describe('findContactsByEmail (design.md 3.4 step 2)', () => {
  it('Contacts before Leads (B-CON-9), then ORDER BY CreatedDate, Id (B-CON-8), case-insensitive', async () => {
    const lead1 = await create('Lead', 'dup-lead-1', 'dup@example.com')
    const lead2 = await create('Lead', 'dup-lead-2', 'DUP@example.com')
    const contact = await create('Contact', 'dup-contact', 'Dup@Example.com')
    const found = await h.connector.findContactsByEmail(['  Dup@EXAMPLE.com ', 'nobody@example.com'])
    expect(found.get('dup@example.com')).toEqual([
      { type: 'Contact', id: contact, isConverted: false },
      { type: 'Lead', id: lead1, isConverted: false },
      { type: 'Lead', id: lead2, isConverted: false },
    ])
    expect(found.has('nobody@example.com')).toBe(false)
  })

  it('a converted lead never matches; the contact it became does', async () => {
    const leadId = await create('Lead', 'conv-lead', 'converted@example.com')
    const result = await h.connection.soap.convertLead({
      leadId,
      convertedStatus: 'Closed - Converted',
      doNotCreateOpportunity: true,
    })
    expect(result.success).toBe(true)
    const found = await h.connector.findContactsByEmail(['converted@example.com'])
    expect(found.get('converted@example.com')).toEqual([
      { type: 'Contact', id: result.contactId, isConverted: false },
    ])
  })

  it('an email with a quote and a backslash is escaped and found, and matches nothing else', async () => {
    const tricky = "o'brien\\x@example.com"
    const id = await create('Contact', 'tricky', tricky)
    await create('Contact', 'decoy', "o'brienx@example.com")
    const found = await h.connector.findContactsByEmail([tricky])
    expect([...found.keys()]).toEqual([tricky])
    expect(found.get(tricky)).toEqual([{ type: 'Contact', id, isConverted: false }])
  })

  it('450 emails cost 6 calls: 3 chunks of 200, Contacts and Leads each', async () => {
    const emails = Array.from({ length: 450 }, (_, i) => `nobody-${i}@example.com`)
    const calls = await countCalls(() => h.connector.findContactsByEmail(emails))
    expect(calls).toEqual({ 'GET /services/data/:version/query': 6 })
  })
})

describe('retrieve', () => {
  it('reads by POST composite/sobjects/{T} in one call; unknown and deleted ids are absent', async () => {
    const a = await create('Lead', 'get-a', 'get-a@example.com')
    const b = await create('Lead', 'get-b', 'get-b@example.com')
    const gone = await create('Lead', 'get-gone', 'get-gone@example.com')
    await h.connector.write({ type: 'Lead', deletes: [gone] })
    let got = new Map<string, unknown>()
    const calls = await countCalls(async () => {
      got = new Map(
        await h.connector.retrieve('Lead', [a, b, gone, '00Q000000000999AAA'], ['Email', 'Title']),
      )
    })
    expect(calls).toEqual({ 'POST /services/data/:version/composite/sobjects/:type': 1 })
    expect([...got.keys()].sort()).toEqual([a, b].sort())
    expect(got.get(a)).toMatchObject({
      type: 'Lead',
      id: a,
      isConverted: false,
      fields: { Email: 'get-a@example.com', Title: null },
    })
  })
})
