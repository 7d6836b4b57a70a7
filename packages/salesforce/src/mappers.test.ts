import { describe, expect, it } from 'vitest'

import { parseHttpDate, parseLimitInfo } from './api-meter.js'
import { captureFields } from './capture.js'
import {
  flattenFields,
  fromDeletedRow,
  fromDescribe,
  fromQueueRow,
  fromSalesforceAccount,
  fromSalesforceContact,
  fromSaveResult,
  fromUserRow,
  modstampOf,
  toSalesforceUpdateInput,
  toSalesforceUpsertInput,
} from './mappers.js'

const attributes = { type: 'Lead', url: '/services/data/v62.0/sobjects/Lead/00Q000000000001AAA' }

describe('reading records', () => {
  it('flattens parent lookups and drops attributes', () => {
    const row = {
      attributes,
      Id: '00Q000000000001AAA',
      Email: 'a@x.com',
      Owner: { attributes: { type: 'User' }, Email: 'o@x.com' },
      Account: null,
      NumberOfEmployees: 5,
    }
    expect(flattenFields(row)).toEqual({
      Id: '00Q000000000001AAA',
      Email: 'a@x.com',
      'Owner.Email': 'o@x.com',
      Account: null,
      NumberOfEmployees: 5,
    })
  })

  it('a converted lead carries its ConvertedContactId (B-CON-12)', () => {
    const lead = fromSalesforceContact('Lead', {
      attributes,
      Id: '00Q000000000001AAA',
      IsConverted: true,
      ConvertedContactId: '003000000000001AAA',
    })
    expect(lead).toMatchObject({ type: 'Lead', isConverted: true, convertedContactId: '003000000000001AAA' })
    const contact = fromSalesforceContact('Contact', { Id: '003000000000001AAA', Email: null })
    expect(contact).toEqual({
      type: 'Contact',
      id: '003000000000001AAA',
      fields: { Id: '003000000000001AAA', Email: null },
    })
  })

  it('reads SystemModstamp in Salesforce format and a merge loser', () => {
    const row = {
      Id: '00Q000000000002AAA',
      SystemModstamp: '2024-05-01T10:00:00.000+0000',
      MasterRecordId: '00Q000000000001AAA',
    }
    expect(modstampOf(row)).toBe(Date.UTC(2024, 4, 1, 10))
    expect(fromDeletedRow('Lead', row)).toEqual({
      type: 'Lead',
      id: '00Q000000000002AAA',
      masterRecordId: '00Q000000000001AAA',
      deletedAt: Date.UTC(2024, 4, 1, 10),
    })
    expect(fromDeletedRow('Lead', { ...row, MasterRecordId: null })).not.toHaveProperty('masterRecordId')
    expect(fromDeletedRow('Account', { ...row, Id: '001000000000002AAA' })).toEqual({
      type: 'Account',
      id: '001000000000002AAA',
      masterRecordId: '00Q000000000001AAA',
      deletedAt: Date.UTC(2024, 4, 1, 10),
    })
  })

  it('an Account: person flags only when the row carries them (B-PA)', () => {
    const stamp = '2024-05-01T10:00:00.000+0000'
    const business = { Id: '001000000000001AAA', SystemModstamp: stamp, Name: 'Acme' }
    expect(fromSalesforceAccount(business)).toEqual({
      type: 'Account',
      id: '001000000000001AAA',
      fields: business,
      modifiedAt: Date.UTC(2024, 4, 1, 10),
    })
    const person = { ...business, IsPersonAccount: true, PersonContactId: '003000000000001AAA' }
    expect(fromSalesforceAccount(person)).toMatchObject({
      isPersonAccount: true,
      personContactId: '003000000000001AAA',
      fields: { IsPersonAccount: true, PersonContactId: '003000000000001AAA' },
    })
    expect(fromSalesforceAccount({ ...business, IsPersonAccount: false, PersonContactId: null })).toEqual({
      ...fromSalesforceAccount(business),
      fields: { ...business, IsPersonAccount: false, PersonContactId: null },
      isPersonAccount: false,
    })
  })

  it('a Contact says whether it is a person contact only when the row carries IsPersonAccount', () => {
    const row = { Id: '003000000000001AAA', AccountId: '001000000000001AAA' }
    expect(fromSalesforceContact('Contact', row)).not.toHaveProperty('isPersonContact')
    expect(fromSalesforceContact('Contact', { ...row, IsPersonAccount: true })).toMatchObject({
      isPersonContact: true,
      fields: { AccountId: '001000000000001AAA', IsPersonAccount: true },
    })
    expect(fromSalesforceContact('Contact', { ...row, IsPersonAccount: false }).isPersonContact).toBe(false)
  })

  it('capture reads the person flags only in orgs with person accounts, never on Leads', () => {
    expect(captureFields('Account', ['Name'])).toEqual(['Id', 'SystemModstamp', 'Name'])
    expect(captureFields('Account', ['Name'], true)).toEqual([
      'Id',
      'SystemModstamp',
      'IsPersonAccount',
      'PersonContactId',
      'Name',
    ])
    expect(captureFields('Contact', ['AccountId'], true)).toEqual([
      'Id',
      'SystemModstamp',
      'IsPersonAccount',
      'AccountId',
    ])
    expect(captureFields('Contact', ['AccountId'])).toEqual(['Id', 'SystemModstamp', 'AccountId'])
    expect(captureFields('Lead', [], true)).toEqual([
      'Id',
      'SystemModstamp',
      'IsConverted',
      'ConvertedContactId',
    ])
  })
})

describe('Collections inputs', () => {
  it('an upsert carries the external id and only the given fields; null clears, undefined is left out', () => {
    expect(
      toSalesforceUpsertInput('Lead', 'HubSpot_Id__c', {
        externalId: '123:456',
        fields: { LastName: 'Lee', Phone: null, Title: undefined },
      }),
    ).toEqual({ attributes: { type: 'Lead' }, LastName: 'Lee', Phone: null, HubSpot_Id__c: '123:456' })
  })

  it('an update uses lowercase id, as jsforce and Salesforce do', () => {
    expect(
      toSalesforceUpdateInput('Contact', { id: '003000000000001AAA', fields: { Title: 'CTO' } }),
    ).toEqual({
      attributes: { type: 'Contact' },
      Title: 'CTO',
      id: '003000000000001AAA',
    })
  })
})

describe('fromSaveResult', () => {
  it('success keeps id and created', () => {
    expect(fromSaveResult({ id: '00Q000000000001AAA', success: true, created: false, errors: [] })).toEqual({
      ok: true,
      id: '00Q000000000001AAA',
      created: false,
    })
  })

  it('a failure is typed, keeps the Salesforce code, fields and the id the caller sent', () => {
    const result = fromSaveResult(
      {
        success: false,
        errors: [
          {
            statusCode: 'INVALID_EMAIL_ADDRESS',
            message: 'Email: invalid email address: bad',
            fields: ['Email'],
          },
        ],
      },
      '00Q000000000001AAA',
    )
    expect(result).toEqual({
      ok: false,
      id: '00Q000000000001AAA',
      error: {
        code: 'SF_INVALID_EMAIL',
        salesforceCode: 'INVALID_EMAIL_ADDRESS',
        message: 'INVALID_EMAIL_ADDRESS: Email: invalid email address: bad',
        fields: ['Email'],
        retryable: false,
      },
    })
  })

  it('a duplicate rule block names the rule (B-ERR-4)', () => {
    const result = fromSaveResult({
      success: false,
      errors: [
        {
          statusCode: 'DUPLICATES_DETECTED',
          message: 'Use one of these records?',
          fields: [],
          duplicateResult: { duplicateRule: 'Standard_Lead_Duplicate_Rule' },
        },
      ],
    })
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'SF_DUPLICATES_DETECTED',
        message:
          'DUPLICATES_DETECTED: Use one of these records? (duplicate rule Standard_Lead_Duplicate_Rule)',
      },
    })
  })

  it('a lock failure is retryable', () => {
    const result = fromSaveResult({
      success: false,
      errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: 'x' }],
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'SF_LOCKED', retryable: true, fields: [] } })
  })
})

describe('owners and describe', () => {
  it('users and queues', () => {
    expect(
      fromUserRow({
        Id: '005000000000001AAA',
        FirstName: 'Ann',
        LastName: 'Lee',
        Email: 'ann@x.com',
        IsActive: false,
      }),
    ).toEqual({
      id: '005000000000001AAA',
      kind: 'user',
      firstName: 'Ann',
      lastName: 'Lee',
      email: 'ann@x.com',
      isActive: false,
    })
    expect(fromQueueRow({ Id: '00G000000000001AAA', Name: 'Q', DeveloperName: 'Q_1', Email: null })).toEqual({
      id: '00G000000000001AAA',
      name: 'Q',
      developerName: 'Q_1',
      email: null,
    })
  })

  it('describe: lengths, active picklist values, required on create', () => {
    const d = fromDescribe({
      name: 'Lead',
      createable: true,
      updateable: true,
      deletable: false,
      fields: [
        {
          name: 'LastName',
          type: 'string',
          length: 80,
          nillable: false,
          createable: true,
          defaultedOnCreate: false,
        },
        {
          name: 'OwnerId',
          type: 'reference',
          nillable: false,
          createable: true,
          defaultedOnCreate: true,
          referenceTo: ['Group', 'User'],
        },
        {
          name: 'LeadSource',
          type: 'picklist',
          restrictedPicklist: true,
          picklistValues: [
            { value: 'Web', active: true },
            { value: 'Old', active: false },
          ],
        },
      ],
    })
    expect(d.deletable).toBe(false)
    expect(d.fields.get('LastName')).toMatchObject({ length: 80, requiredOnCreate: true })
    expect(d.fields.get('OwnerId')).toMatchObject({ requiredOnCreate: false, referenceTo: ['Group', 'User'] })
    expect(d.fields.get('LeadSource')).toMatchObject({ picklistValues: ['Web'], restrictedPicklist: true })
  })
})

describe('response headers', () => {
  it('Sforce-Limit-Info and Date', () => {
    expect(parseLimitInfo('api-usage=25/15000; api-bursts=1/100')).toEqual({ used: 25, max: 15000 })
    expect(parseLimitInfo('nothing')).toBeUndefined()
    expect(parseHttpDate('Mon, 05 Jan 2026 09:00:00 GMT')).toBe(Date.UTC(2026, 0, 5, 9))
    expect(parseHttpDate(undefined)).toBeUndefined()
  })
})
