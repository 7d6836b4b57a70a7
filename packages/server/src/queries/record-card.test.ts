import type { KyselyStateStore } from '@crmsync/store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { AT, field, link, memoryStore, testConnection } from './query-fixtures.js'
import { recordCardOf } from './record-card.js'
import { contactLinksByEmail, searchRecords } from './record-search.js'

let store: KyselyStateStore
beforeEach(async () => {
  store = await memoryStore()
})
afterEach(() => store.close())

const connection = testConnection({ companies: { sync: true } })
const id = connection.id
const LEAD = '00Q000000000001AAA'

async function seed() {
  await store.upsertLinks([
    link(id, '101', LEAD, {
      fields: {
        email: field('ann@x.com'),
        firstname: field('Ann'),
        lastname: field('Lee'),
        // HubSpot changed the phone; the change waits for the next cycle.
        phone: field('111', '222', '111'),
      },
    }),
    link(id, '202', '003000000000002AAA', {
      salesforceType: 'Contact',
      fields: { email: field('bob@y.org'), firstname: field('Bob'), lastname: field('Annex') },
    }),
    link(id, '10', '001000000000010AAA', {
      objectKind: 'company',
      salesforceType: 'Account',
      fields: { name: field('Acme Annual') },
    }),
  ])
  await store.appendAudit([
    {
      connectionId: id,
      objectKind: 'contact',
      hubspotId: '101',
      salesforceId: LEAD,
      field: 'phone',
      oldValue: '000',
      newValue: '111',
      direction: 'sf->hs',
      rule: 'prefer-salesforce',
      reason: 'conflict',
      at: AT,
    },
    {
      connectionId: id,
      objectKind: 'contact',
      hubspotId: '101',
      salesforceId: LEAD,
      field: 'email',
      oldValue: null,
      newValue: 'ann@x.com',
      direction: 'hs->sf',
      rule: 'two-way',
      reason: 'new link',
      at: AT - 1000,
    },
  ])
}

describe('recordCardOf (B-ERR-8), values from the store', () => {
  it('both sides side by side with rule, ancestor and status; synced; history newest first', async () => {
    await seed()
    const card = await recordCardOf(
      { connection, store },
      { objectKind: 'contact', side: 'salesforce', recordId: LEAD },
    )
    expect(card).toMatchObject({
      objectKind: 'contact',
      hubspotId: '101',
      salesforceId: LEAD,
      salesforceType: 'Lead',
      label: 'Ann Lee ann@x.com',
      status: { state: 'synced', errors: [] },
      valuesFrom: 'store',
    })
    const phone = card.fields.find((f) => f.hubspot === 'phone')
    expect(phone).toMatchObject({
      hubspot: 'phone',
      salesforce: 'Phone',
      hubspotValue: '222',
      salesforceValue: '111',
      ancestor: '111',
      status: 'differs',
    })
    expect(card.fields.find((f) => f.hubspot === 'email')).toMatchObject({
      salesforce: 'Email',
      hubspotValue: 'ann@x.com',
      salesforceValue: 'ann@x.com',
      status: 'in-sync',
    })
    expect(card.history.map((h) => [h.field, h.direction, h.reason])).toEqual([
      ['phone', 'sf->hs', 'conflict'],
      ['email', 'hs->sf', 'new link'],
    ])
  })

  it('a record in error shows each open error with what to do (B-ERR-8)', async () => {
    await seed()
    await store.recordError({
      connectionId: id,
      objectKind: 'contact',
      side: 'salesforce',
      recordId: LEAD,
      code: 'SF_VALIDATION',
      message: 'Phone: bad format',
      at: AT,
    })
    const card = await recordCardOf(
      { connection, store },
      { objectKind: 'contact', side: 'hubspot', recordId: '101' },
    )
    expect(card.status.state).toBe('error')
    expect(card.status.errors).toEqual([
      expect.objectContaining({
        code: 'SF_VALIDATION',
        side: 'salesforce',
        recordId: LEAD,
        linkedId: '101',
        message: 'Phone: bad format',
        attempts: 1,
      }),
    ])
    expect(card.status.errors[0]?.action).not.toBe('')
  })

  it('an unlinked record is not syncing (not linked); its fields are not synced', async () => {
    const card = await recordCardOf(
      { connection, store },
      { objectKind: 'contact', side: 'salesforce', recordId: '003000000000009AAA' },
    )
    expect(card).toMatchObject({
      hubspotId: null,
      salesforceId: '003000000000009AAA',
      salesforceType: 'Contact',
      status: { state: 'not-syncing', detail: 'not linked' },
      history: [],
    })
    expect(new Set(card.fields.map((f) => f.status))).toEqual(new Set(['not-synced']))
  })

  it('a tombstoned link is not syncing, and says why', async () => {
    await store.upsertLinks([link(id, '7', '00Q000000000007AAA', { state: 'tombstoned' })])
    const card = await recordCardOf(
      { connection, store },
      { objectKind: 'contact', side: 'hubspot', recordId: '7' },
    )
    expect(card.status.state).toBe('not-syncing')
    expect(card.status.detail).toMatch(/deleted on one side/)
  })

  it("B-ERR-8: a contact's account reference is in sync when the company link pairs the two ids", async () => {
    const account = '001000000000010AAA'
    const owner = '005000000000001AAA'
    await store.upsertLinks([
      link(id, '10', account, { objectKind: 'company', salesforceType: 'Account', fields: {} }),
      link(id, '303', '003000000000003AAA', {
        salesforceType: 'Contact',
        fields: {
          lastname: field('Cole'),
          // Pass 3 keeps the company (HubSpot) and the account (Salesforce) each side last had.
          salesforceaccountid: field(account, '10', account),
          hubspot_owner_id: field(owner),
        },
      }),
      link(id, '404', '003000000000004AAA', {
        salesforceType: 'Contact',
        fields: { lastname: field('Dunn'), salesforceaccountid: field(account, '11', account) },
      }),
    ])
    const card = (recordId: string) =>
      recordCardOf({ connection, store }, { objectKind: 'contact', side: 'hubspot', recordId })
    const paired = await card('303')
    expect(paired.fields.find((f) => f.hubspot === 'salesforceaccountid')).toMatchObject({
      salesforce: 'AccountId',
      hubspotValue: '10',
      salesforceValue: account,
      status: 'in-sync',
    })
    expect(paired.fields.find((f) => f.hubspot === 'hubspot_owner_id')).toMatchObject({
      salesforceValue: owner,
      status: 'in-sync',
    })
    // Company 11 is not the account's company: the HubSpot side moved, a change waits.
    const moved = await card('404')
    expect(moved.fields.find((f) => f.hubspot === 'salesforceaccountid')?.status).toBe('differs')
  })
})

describe('searchRecords', () => {
  it('by HubSpot or Salesforce id: the link, whichever side the id is on', async () => {
    await seed()
    expect(await searchRecords({ connectionId: id, store }, LEAD)).toEqual([
      {
        objectKind: 'contact',
        hubspotId: '101',
        salesforceId: LEAD,
        salesforceType: 'Lead',
        label: 'Ann Lee ann@x.com',
        linkState: 'active',
      },
    ])
    const byHubspot = await searchRecords({ connectionId: id, store }, '10')
    expect(byHubspot.map((h) => [h.objectKind, h.salesforceId])).toEqual([['company', '001000000000010AAA']])
  })

  it('by email or name, case-insensitive, in what the links hold (contacts, companies)', async () => {
    await seed()
    const hits = (q: string) => searchRecords({ connectionId: id, store }, q)
    expect((await hits('ANN@x.com')).map((h) => h.hubspotId)).toEqual(['101'])
    expect((await hits('y.org')).map((h) => h.hubspotId)).toEqual(['202'])
    // "ann" is in Ann's first name, in Bob's last name (Annex) and in the company's name (Acme Annual).
    expect((await hits('ann')).map((h) => `${h.objectKind} ${h.hubspotId}`).sort()).toEqual([
      'company 10',
      'contact 101',
      'contact 202',
    ])
    expect(await hits('nobody')).toEqual([])
    expect(await hits('  ')).toEqual([])
  })

  it('contactLinksByEmail: the links holding exactly that email, without case', async () => {
    await seed()
    expect((await contactLinksByEmail(store, id, ' ANN@X.com')).map((l) => l.hubspotId)).toEqual(['101'])
    expect(await contactLinksByEmail(store, id, 'ann@x')).toEqual([])
  })

  it('an unlinked Salesforce id is a hit with no link; an unknown HubSpot id is none', async () => {
    const [hit] = await searchRecords({ connectionId: id, store }, '001000000000077AAA')
    expect(hit).toMatchObject({
      objectKind: 'company',
      salesforceType: 'Account',
      linkState: null,
      hubspotId: null,
    })
    expect(await searchRecords({ connectionId: id, store }, '4242')).toEqual([])
  })
})
