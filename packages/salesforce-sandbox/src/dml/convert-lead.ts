// Lead conversion as the SOAP convertLead call does it: account, contact, optional opportunity, then the
// lead becomes read-only with its Converted* fields set.
import { formatDate } from '../clock.js'
import { entityIsDeleted, RecordError } from '../errors.js'
import { normalizeId } from '../ids.js'
import { personRecordTypeId } from '../metadata/person-accounts.js'
import type { SfRecord, Table } from '../store/table.js'
import { text } from '../text.js'
import { isPerson } from './person-accounts.js'
import type { Writer } from './writer.js'

export interface LeadConvertInput {
  leadId: string
  convertedStatus: string
  doNotCreateOpportunity: boolean
  accountId?: string
  contactId?: string
  opportunityName?: string
  ownerId?: string
  overwriteLeadSource?: boolean
}

export interface LeadConvertResult {
  leadId: string
  accountId: string
  contactId: string
  opportunityId: string | undefined
}

function pick(lead: SfRecord, pairs: [string, string][]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [from, to] of pairs) if (lead[from] !== null && lead[from] !== undefined) out[to] = lead[from]
  return out
}

/** Fills only the empty fields of an existing record (conversion never overwrites). */
function fillEmpty(writer: Writer, table: Table, record: SfRecord, values: Record<string, unknown>): void {
  const changes: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(values)) {
    if (record[key] === null || record[key] === undefined) changes[key] = value
  }
  writer.systemUpdate(table, record, changes)
}

/** A person account's values from a lead: the person's fields, and the address as mailing and billing. */
function personValues(lead: SfRecord, ownerId: string): Record<string, unknown> {
  return {
    OwnerId: ownerId,
    ...pick(lead, [
      ['FirstName', 'FirstName'],
      ['LastName', 'LastName'],
      ['Salutation', 'Salutation'],
      ['Email', 'PersonEmail'],
      ['Title', 'PersonTitle'],
      ['Phone', 'Phone'],
      ['MobilePhone', 'PersonMobilePhone'],
      ['LeadSource', 'PersonLeadSource'],
      ['HasOptedOutOfEmail', 'PersonHasOptedOutOfEmail'],
      ['Website', 'Website'],
      ['Industry', 'Industry'],
      ['Street', 'PersonMailingStreet'],
      ['City', 'PersonMailingCity'],
      ['State', 'PersonMailingState'],
      ['PostalCode', 'PersonMailingPostalCode'],
      ['Country', 'PersonMailingCountry'],
      ['Street', 'BillingStreet'],
      ['City', 'BillingCity'],
      ['State', 'BillingState'],
      ['PostalCode', 'BillingPostalCode'],
      ['Country', 'BillingCountry'],
    ]),
  }
}

function existing(writer: Writer, type: string, rawId: string): { table: Table; record: SfRecord } {
  const found = writer.org.findById(normalizeId(rawId) ?? '')
  if (!found || found.table.def.name !== type) {
    throw new RecordError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id: ${rawId}`, [])
  }
  if (found.record['IsDeleted'] === true) throw entityIsDeleted()
  return found
}

/**
 * The lead's tasks and events, open and closed, move to the converted contact (WhoId); one without a
 * WhatId is related to the new opportunity, or to the account when none is made (as the sandbox assumes
 * Salesforce does). Each gets a new SystemModstamp, so a capture by SystemModstamp sees the move.
 */
function moveActivities(writer: Writer, leadId: string, contactId: string, whatId: string): void {
  for (const type of ['Task', 'Event']) {
    const table = writer.org.table(type)!
    for (const id of [...table.lookup('WhoId', leadId)]) {
      const row = table.get(id)
      if (!row || row['IsDeleted'] === true) continue
      writer.systemUpdate(table, row, { WhoId: contactId, WhatId: row['WhatId'] ?? whatId })
    }
  }
}

export function convertLead(writer: Writer, input: LeadConvertInput): LeadConvertResult {
  const org = writer.org
  const { table: leads, record: lead } = existing(writer, 'Lead', input.leadId)
  if (lead['IsConverted'] === true)
    throw new RecordError('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead', [])
  const status = org.picklistRow('LeadStatus', input.convertedStatus ?? '')
  if (!status || status['IsConverted'] !== true) {
    throw new RecordError('INVALID_STATUS', `invalid convertedStatus: ${String(input.convertedStatus)}`, [])
  }
  // Queues cannot own accounts or contacts: fall back to the converting user.
  const leadOwner = text(lead['OwnerId'])
  const ownerId = input.ownerId ?? (leadOwner.startsWith('005') ? leadOwner : writer.options.userId)
  // The new records keep the lead's currency (multi-currency orgs), as the sandbox assumes Salesforce does.
  const currency = org.multiCurrency ? pick(lead, [['CurrencyIsoCode', 'CurrencyIsoCode']]) : {}
  const accountValues = {
    ...currency,
    Name: lead['Company'],
    OwnerId: ownerId,
    ...pick(lead, [
      ['Phone', 'Phone'],
      ['Website', 'Website'],
      ['Industry', 'Industry'],
      ['Street', 'BillingStreet'],
      ['City', 'BillingCity'],
      ['State', 'BillingState'],
      ['PostalCode', 'BillingPostalCode'],
      ['Country', 'BillingCountry'],
    ]),
  }
  let accountId: string
  let personContactId: string | undefined
  if (input.accountId) {
    const account = existing(writer, 'Account', input.accountId)
    const person = isPerson(account.record)
    fillEmpty(writer, account.table, account.record, person ? personValues(lead, ownerId) : accountValues)
    accountId = account.record['Id'] as string
    if (person) personContactId = account.record['PersonContactId'] as string
  } else if (personRecordTypeId(org) && text(lead['Company']) === '') {
    // With Person Accounts on, a lead without a company converts into a person account (Lead object
    // reference, Company): its person contact is the converted contact.
    const values = { ...currency, ...personValues(lead, ownerId), RecordTypeId: personRecordTypeId(org) }
    accountId = writer.create('Account', values)
    personContactId = org.table('Account')!.get(accountId)!['PersonContactId'] as string
  } else {
    accountId = writer.create('Account', accountValues)
  }
  const contactValues = {
    ...currency,
    AccountId: accountId,
    OwnerId: ownerId,
    ...pick(lead, [
      ['FirstName', 'FirstName'],
      ['LastName', 'LastName'],
      ['Email', 'Email'],
      ['Phone', 'Phone'],
      ['MobilePhone', 'MobilePhone'],
      ['Title', 'Title'],
      ['LeadSource', 'LeadSource'],
      ['HasOptedOutOfEmail', 'HasOptedOutOfEmail'],
      ['Street', 'MailingStreet'],
      ['City', 'MailingCity'],
      ['State', 'MailingState'],
      ['PostalCode', 'MailingPostalCode'],
      ['Country', 'MailingCountry'],
    ]),
  }
  let contactId: string
  if (personContactId && !input.contactId) {
    contactId = personContactId
  } else if (input.contactId) {
    const contact = existing(writer, 'Contact', input.contactId)
    fillEmpty(writer, contact.table, contact.record, contactValues)
    contactId = contact.record['Id'] as string
  } else {
    contactId = writer.create('Contact', contactValues)
  }
  let opportunityId: string | undefined
  if (!input.doNotCreateOpportunity) {
    const firstOpen = org.picklistValues(org.table('Opportunity')!.field('StageName')!).find((p) => {
      const row = org.picklistRow('OpportunityStage', p.value)
      return row?.['IsClosed'] !== true
    })
    opportunityId = writer.create('Opportunity', {
      ...currency,
      Name: input.opportunityName ?? `${text(lead['Company']) || text(lead['Name'])}-`,
      StageName: firstOpen?.value,
      CloseDate: formatDate(org.clock.now() + 30 * 86_400_000),
      AccountId: accountId,
      OwnerId: ownerId,
      ...pick(lead, [['LeadSource', 'LeadSource']]),
    })
    writer.create('OpportunityContactRole', {
      OpportunityId: opportunityId,
      ContactId: contactId,
      IsPrimary: true,
    })
  }
  moveActivities(writer, lead['Id'] as string, contactId, opportunityId ?? accountId)
  writer.systemUpdate(leads, leads.get(lead['Id'] as string)!, {
    IsConverted: true,
    ConvertedAccountId: accountId,
    ConvertedContactId: contactId,
    ConvertedOpportunityId: opportunityId ?? null,
    ConvertedDate: formatDate(org.clock.now()),
    Status: status['ApiName'],
  })
  return { leadId: lead['Id'] as string, accountId, contactId, opportunityId }
}
