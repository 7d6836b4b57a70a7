import { describe, expect, it } from 'vitest'

import {
  changeTimesOf,
  decodeCaptureCursor,
  encodeCaptureCursor,
  fromHubSpotContact,
  fromHubSpotObject,
  fromHubSpotOwner,
  parseMergedIds,
  toHubSpotCompanyUpsertInput,
  toHubSpotUpdateInput,
  toHubSpotUpsertInput,
} from './mappers.js'

const OWN_APP = '1160452'

describe('fromHubSpotContact', () => {
  it('keeps property strings, turns missing values into null and reads merged ids (B-CON-27)', () => {
    const record = fromHubSpotContact({
      id: '301',
      properties: { email: 'a@x.com', phone: null, hs_merged_object_ids: '101;202' },
    })
    expect(record).toEqual({
      id: '301',
      properties: { email: 'a@x.com', phone: null, hs_merged_object_ids: '101;202' },
      mergedObjectIds: ['101', '202'],
    })
  })

  it('takes the newest history entry not written by this connection as the change time (api-surface 8.6)', () => {
    const record = fromHubSpotContact(
      {
        id: '1',
        properties: { jobtitle: 'CTO', firstname: 'Ann' },
        propertiesWithHistory: {
          jobtitle: [
            {
              value: 'CTO',
              timestamp: new Date('2026-01-03T00:00:00Z'),
              sourceType: 'INTEGRATION',
              sourceId: OWN_APP,
            },
            { value: 'VP', timestamp: '2026-01-02T00:00:00Z', sourceType: 'CRM_UI', sourceId: 'userId:7' },
            { value: 'Dev', timestamp: new Date('2026-01-01T00:00:00Z'), sourceType: 'IMPORT' },
          ],
          firstname: [
            {
              value: 'Ann',
              timestamp: new Date('2026-01-01T00:00:00Z'),
              sourceType: 'INTEGRATION',
              sourceId: OWN_APP,
            },
          ],
        },
      },
      OWN_APP,
    )
    expect(record.propertyChangedAt).toEqual({ jobtitle: Date.parse('2026-01-02T00:00:00Z') })
  })

  it('counts another app as somebody else, and every entry when our app id is unknown', () => {
    const history = {
      phone: [{ value: '1', timestamp: new Date(5000), sourceType: 'INTEGRATION', sourceId: '999' }],
      email: [{ value: 'a', timestamp: new Date(7000), sourceType: 'INTEGRATION', sourceId: OWN_APP }],
    }
    expect(changeTimesOf(history, OWN_APP)).toEqual({ phone: 5000 })
    expect(changeTimesOf(history, undefined)).toEqual({ phone: 5000, email: 7000 })
  })

  it('does not rely on newest-first order: the latest timestamp wins', () => {
    const history = {
      phone: [
        { value: 'old', timestamp: new Date(1000), sourceType: 'CRM_UI' },
        { value: 'new', timestamp: new Date(9000), sourceType: 'CRM_UI' },
      ],
    }
    expect(changeTimesOf(history, OWN_APP)).toEqual({ phone: 9000 })
  })
})

describe('parseMergedIds', () => {
  it.each([
    [null, []],
    ['', []],
    ['12', ['12']],
    ['12; 13;', ['12', '13']],
  ])('%s', (raw, ids) => {
    expect(parseMergedIds(raw)).toEqual(ids)
  })
})

describe('batch inputs', () => {
  it('upserts on crmsync_salesforce_id and writes the link property of the type (design.md 3.1)', () => {
    expect(
      toHubSpotUpsertInput({
        salesforceId: '00Q1',
        salesforceType: 'Lead',
        properties: { email: 'a@x.com' },
      }),
    ).toEqual({
      idProperty: 'crmsync_salesforce_id',
      id: '00Q1',
      properties: { email: 'a@x.com', salesforceleadid: '00Q1', crmsync_salesforce_id: '00Q1' },
    })
    const contact = toHubSpotUpsertInput({ salesforceId: '0031', salesforceType: 'Contact', properties: {} })
    expect(contact.properties).toEqual({ salesforcecontactid: '0031', crmsync_salesforce_id: '0031' })
    expect(toHubSpotUpsertInput({ salesforceId: 'x', properties: {} }).properties).toEqual({
      crmsync_salesforce_id: 'x',
    })
  })

  it('updates by id with only the given properties; "" clears', () => {
    expect(toHubSpotUpdateInput({ id: '7', properties: { phone: '' } })).toEqual({
      id: '7',
      properties: { phone: '' },
    })
  })
})

describe('fromHubSpotOwner', () => {
  it('lower-cases the email and reads archived as inactive', () => {
    expect(
      fromHubSpotOwner({ id: '1', firstName: 'A', lastName: 'B', email: 'A@X.com', archived: true }),
    ).toEqual({
      id: '1',
      firstName: 'A',
      lastName: 'B',
      email: 'a@x.com',
      active: false,
    })
    expect(fromHubSpotOwner({ id: '2' })).toMatchObject({ firstName: '', email: '', active: true })
  })
})

describe('capture cursor encoding', () => {
  it('round-trips', () => {
    const cursor = { modifiedAt: 1_700_000_000_123, lastId: '4521' }
    expect(decodeCaptureCursor(encodeCaptureCursor(cursor))).toEqual(cursor)
    expect(decodeCaptureCursor(encodeCaptureCursor({ modifiedAt: 5, lastId: null }))).toEqual({
      modifiedAt: 5,
      lastId: null,
    })
  })

  it('restarts from the beginning on anything unreadable, rather than skipping changes', () => {
    expect(decodeCaptureCursor(undefined)).toBeUndefined()
    expect(decodeCaptureCursor('not json')).toBeUndefined()
    expect(decodeCaptureCursor('{"modifiedAt":"yesterday"}')).toBeUndefined()
    expect(decodeCaptureCursor('{"modifiedAt":10,"lastId":"x1"}')).toEqual({ modifiedAt: 10, lastId: null })
  })
})

describe('company mappers', () => {
  it('upserts a company keyed by crmsync_salesforce_id and writes the Account id to salesforceaccountid', () => {
    expect(
      toHubSpotCompanyUpsertInput({
        salesforceId: '001A',
        properties: { name: 'Acme', salesforceaccountid: 'stale', crmsync_salesforce_id: 'stale' },
      }),
    ).toEqual({
      idProperty: 'crmsync_salesforce_id',
      id: '001A',
      properties: { name: 'Acme', salesforceaccountid: '001A', crmsync_salesforce_id: '001A' },
    })
  })

  it('reads a company as a contact is read: nulls, merged ids, change times', () => {
    const record = fromHubSpotObject({
      id: '9',
      properties: { name: 'Acme', domain: null, hs_merged_object_ids: '7;8' },
      propertiesWithHistory: {
        name: [{ value: 'Acme', timestamp: new Date('2026-01-02T00:00:00Z'), sourceType: 'CRM_UI' }],
      },
    })
    expect(record).toEqual({
      id: '9',
      properties: { name: 'Acme', domain: null, hs_merged_object_ids: '7;8' },
      propertyChangedAt: { name: Date.parse('2026-01-02T00:00:00Z') },
      mergedObjectIds: ['7', '8'],
    })
  })
})
