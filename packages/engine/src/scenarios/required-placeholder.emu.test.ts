import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import {
  createHubSpotContact,
  createSalesforce,
  hubspotByEmail,
  hubspotContact,
  salesforceRecord,
  soql,
  updateHubSpotContact,
} from './scenario-helpers.js'

const PLACEHOLDER = '[not provided]'

/** Blank as the HubSpot API returns it: an unset property may come back missing, null or ''. */
const blank = (value: string | null | undefined) => value ?? ''

async function leadOf(pair: SandboxPair, email: string) {
  const [lead] = await soql<{ Id: string; LastName: string; Company: string }>(
    pair,
    `SELECT Id, LastName, Company FROM Lead WHERE Email = '${email}'`,
  )
  if (lead === undefined) throw new Error(`no Lead with ${email}`)
  return lead
}

async function syncWritesNothing(pair: SandboxPair): Promise<void> {
  await pair.resetCounters()
  await pair.sync()
  expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
}

/**
 * A Lead needs LastName and Company. HubSpot's own connector fills them with `[not provided]` for a contact
 * that has neither (a form sign-up), so it syncs instead of failing; the placeholder reads as blank, so it
 * never reaches HubSpot and a real value replaces it (design.md 3.3, docs/sync-rules.md).
 */
describe('B-CON-2 "[not provided] placeholder": an email-only HubSpot contact reaches Salesforce', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair()
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-CON-2 "[not provided] placeholder": becomes a Lead with the placeholder; HubSpot stays blank; a last name later replaces it (B-MAP-1)', async () => {
    const id = await createHubSpotContact(pair, { email: 'form@x.com' })
    // pair.sync() throws on any error: the create is no longer refused (SF_REQUIRED_FIELD_MISSING).
    const summary = await pair.sync()
    expect(summary.objects.contact?.salesforce.created).toBe(1)
    const lead = await leadOf(pair, 'form@x.com')
    expect(lead).toMatchObject({ LastName: PLACEHOLDER, Company: PLACEHOLDER })
    const linked = await hubspotContact(pair, id, ['lastname', 'company', 'salesforceleadid'])
    expect(linked['salesforceleadid']).toBe(lead.Id)
    expect([blank(linked['lastname']), blank(linked['company'])]).toEqual(['', ''])

    // The next sync reads the Lead back: the placeholder is blank, so nothing moves either way.
    await syncWritesNothing(pair)
    const after = await hubspotContact(pair, id, ['lastname', 'company'])
    expect([blank(after['lastname']), blank(after['company'])]).toEqual(['', ''])

    // prefer-salesforce: the placeholder counts as a blank Salesforce field, so HubSpot's value fills it.
    await updateHubSpotContact(pair, id, { lastname: 'Lee' })
    await pair.sync()
    expect(await leadOf(pair, 'form@x.com')).toMatchObject({ LastName: 'Lee', Company: PLACEHOLDER })
    await syncWritesNothing(pair)
    await updateHubSpotContact(pair, id, { company: 'Acme' })
    await pair.sync()
    expect(await leadOf(pair, 'form@x.com')).toMatchObject({ LastName: 'Lee', Company: 'Acme' })
    expect((await hubspotContact(pair, id, ['lastname']))['lastname']).toBe('Lee')
    await syncWritesNothing(pair)
  })

  it('B-CON-3 "[not provided] placeholder": a Lead created in Salesforce with the placeholder gives a contact without it', async () => {
    const leadId = await createSalesforce(pair, 'Lead', {
      Email: 'sf-placeholder@x.com',
      LastName: PLACEHOLDER,
      Company: 'Acme',
    })
    await pair.sync()
    const [contact] = await hubspotByEmail(pair, 'sf-placeholder@x.com', ['lastname', 'company'])
    expect(contact?.properties).toMatchObject({ company: 'Acme' })
    expect(blank(contact?.properties['lastname'])).toBe('')
    await syncWritesNothing(pair)
    expect((await salesforceRecord(pair, 'Lead', leadId))['LastName']).toBe(PLACEHOLDER)
  })
})

describe('settings.contacts.requiredFieldPlaceholder "[not provided] placeholder"', () => {
  let pair: SandboxPair
  beforeAll(async () => {
    pair = await startSandboxPair({ contacts: { requiredFieldPlaceholder: 'N/A' } })
    await pair.sync()
  })
  afterAll(() => pair.close())

  it('B-CON-2 "[not provided] placeholder": a custom placeholder is written and settles', async () => {
    const id = await createHubSpotContact(pair, { email: 'custom@x.com' })
    await pair.sync()
    expect(await leadOf(pair, 'custom@x.com')).toMatchObject({ LastName: 'N/A', Company: 'N/A' })
    await syncWritesNothing(pair)
    expect(blank((await hubspotContact(pair, id, ['lastname']))['lastname'])).toBe('')
  })
})
