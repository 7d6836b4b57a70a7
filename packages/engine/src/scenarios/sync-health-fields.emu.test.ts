// Field-level Sync Health errors through both sandboxes: a field the integration user may not see or may
// not edit (B-ERR-5) and a value a restricted picklist refuses (B-ERR-7).
import { syncHealthReport } from '@crmsync/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import {
  createHubSpotContact,
  createLinkedHubSpotContact,
  hubspotContact,
  salesforceRecord,
  updateHubSpotContact,
} from './scenario-helpers.js'

async function setFieldAccess(pair: SandboxPair, body: Record<string, Record<string, boolean>>) {
  const response = await fetch(`${pair.salesforce.instanceUrl}/__sandbox/field-access`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`field access: ${response.status} ${await response.text()}`)
}

describe('fields Salesforce refuses to write (B-ERR-5, B-ERR-7)', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair({ salesforceSandbox: { restrictedPicklists: ['Lead.Industry'] } })
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-ERR-5 (read-only field): with Lead.Title read-only for the integration user, Salesforce refuses the jobtitle write with a Permissions error naming Lead.Title; after edit access is granted a resync writes it', async () => {
    const { id, leadId } = await createLinkedHubSpotContact(pair, {
      email: 'fls@x.com',
      lastname: 'F',
      company: 'A',
    })
    await setFieldAccess(pair, { readOnly: { 'Lead.Title': true } })
    await updateHubSpotContact(pair, id, { jobtitle: 'CTO' })
    const summary = await pair.sync({ allowErrors: true })
    expect(summary.errors).toEqual([expect.objectContaining({ recordId: leadId, code: 'SF_INVALID_FIELD' })])
    const report = await syncHealthReport(pair.store, 'scenario', { recordId: id })
    expect(report.groups).toEqual([expect.objectContaining({ label: 'Permissions', errors: 1, records: 1 })])
    expect(report.rows[0]?.message).toContain('Lead.Title')
    expect(report.rows[0]?.message).toContain('Please check the security settings of this field')
    expect((await salesforceRecord(pair, 'Lead', leadId))['Title']).toBeNull()

    await setFieldAccess(pair, { readOnly: { 'Lead.Title': false } })
    const resynced = await pair.engine.resync([id])
    expect(resynced.errors).toEqual([])
    expect((await salesforceRecord(pair, 'Lead', leadId))['Title']).toBe('CTO')
    expect((await syncHealthReport(pair.store, 'scenario', { recordId: id })).rows).toEqual([])
  })

  it('B-ERR-7: industry "Robotics", not in the restricted Lead.Industry picklist, is a Property values error; the job title changed with it is not half-applied', async () => {
    const { id, leadId } = await createLinkedHubSpotContact(pair, {
      email: 'robot@x.com',
      lastname: 'R',
      company: 'A',
    })
    await updateHubSpotContact(pair, id, { industry: 'Robotics', jobtitle: 'Head of Robots' })
    const summary = await pair.sync({ allowErrors: true })
    expect(summary.errors).toEqual([expect.objectContaining({ recordId: leadId, code: 'SF_BAD_PICKLIST' })])
    const report = await syncHealthReport(pair.store, 'scenario', { recordId: leadId })
    expect(report.groups).toEqual([
      expect.objectContaining({ label: 'Property values', errors: 1, records: 1 }),
    ])
    expect(report.rows[0]?.message).toContain('Robotics')
    expect(await salesforceRecord(pair, 'Lead', leadId)).toMatchObject({ Industry: null, Title: null })
  })
})

describe('a field field-level security hides from the integration user (B-ERR-5)', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair()
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-ERR-5: with Lead.Title hidden from the integration user, a jobtitle change is a Permissions error naming Lead.Title while other records sync; after FLS is granted, a restarted engine and a resync write the value and clear the error', async () => {
    const { id, leadId } = await createLinkedHubSpotContact(pair, {
      email: 'hidden@x.com',
      lastname: 'H',
      company: 'A',
    })
    const other = await createLinkedHubSpotContact(pair, {
      email: 'other@x.com',
      lastname: 'O',
      company: 'B',
    })
    await setFieldAccess(pair, { hidden: { 'Lead.Title': true } })
    // Describe is read once per engine: a restart is how the engine learns of the hidden field.
    pair.restartEngine()
    await updateHubSpotContact(pair, id, { jobtitle: 'CTO', phone: '+1 555 0100' })
    await updateHubSpotContact(pair, other.id, { phone: '+1 555 0199' })
    const summary = await pair.sync({ allowErrors: true })
    expect(summary.errors).toEqual([expect.objectContaining({ code: 'SF_FIELD_NOT_VISIBLE' })])
    const report = await syncHealthReport(pair.store, 'scenario', { recordId: id })
    expect(report.groups).toEqual([expect.objectContaining({ label: 'Permissions', errors: 1, records: 1 })])
    expect(report.rows[0]?.message).toContain('Lead.Title')
    expect(report.rows[0]?.message).toContain('field permissions missing')
    // The record's Salesforce write is held whole (nothing half applied); another record syncs.
    expect(await salesforceRecord(pair, 'Lead', other.leadId)).toMatchObject({ Phone: '+1 555 0199' })
    expect(await salesforceRecord(pair, 'Lead', leadId)).toMatchObject({ Phone: null })

    await setFieldAccess(pair, { hidden: { 'Lead.Title': false } })
    pair.restartEngine()
    const resynced = await pair.engine.resync([id])
    expect(resynced.errors).toEqual([])
    expect(await salesforceRecord(pair, 'Lead', leadId)).toMatchObject({ Title: 'CTO', Phone: '+1 555 0100' })
    expect((await syncHealthReport(pair.store, 'scenario', { recordId: id })).rows).toEqual([])
  })

  it('B-ERR-5: with Lead.Title hidden, a change that leaves jobtitle alone syncs, and a new HubSpot contact with a job title is not created in Salesforce but gets the same error', async () => {
    await setFieldAccess(pair, { hidden: { 'Lead.Title': true } })
    pair.restartEngine()
    const { id, leadId } = await createLinkedHubSpotContact(pair, {
      email: 'quiet@x.com',
      lastname: 'Q',
      company: 'A',
    })
    await updateHubSpotContact(pair, id, { firstname: 'Quinn' })
    expect((await pair.sync()).errors).toEqual([])
    expect(await salesforceRecord(pair, 'Lead', leadId)).toMatchObject({ FirstName: 'Quinn' })

    const created = await createHubSpotContact(pair, {
      email: 'titled@x.com',
      lastname: 'T',
      company: 'A',
      jobtitle: 'CFO',
    })
    const summary = await pair.sync({ allowErrors: true })
    expect(summary.errors).toEqual([
      expect.objectContaining({ recordId: created, code: 'SF_FIELD_NOT_VISIBLE' }),
    ])
    expect((await hubspotContact(pair, created, ['salesforceleadid']))['salesforceleadid']).toBeNull()
    await setFieldAccess(pair, { hidden: { 'Lead.Title': false } })
  })
})
