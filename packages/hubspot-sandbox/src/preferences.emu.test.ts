import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { apiError, type Harness, startHarness } from './testing/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h.close()
})

describe('communication preferences (api-surface.md 8.1)', () => {
  it('lists subscription definitions through the v3 client', async () => {
    const { subscriptionDefinitions } = await h.client.communicationPreferences.definitionApi.getPage()
    expect(subscriptionDefinitions.map((d) => [d.id, d.name])).toEqual([
      ['1001', 'Marketing Information'],
      ['1002', 'One to One'],
      ['1003', 'Customer Service Communication'],
    ])
    expect(subscriptionDefinitions[0]?.createdAt).toBeInstanceOf(Date)
  })

  it('subscribes and unsubscribes per type (v3); status belongs to the address, even a+b@ ones', async () => {
    const status = h.client.communicationPreferences.statusApi
    const email = 'A+b@Example.com'
    const subscribed = await status.subscribe({
      emailAddress: email,
      subscriptionId: '1002',
      legalBasis: 'CONSENT_WITH_NOTICE' as never,
      legalBasisExplanation: 'form',
    })
    expect(subscribed).toMatchObject({
      id: '1002',
      status: 'SUBSCRIBED',
      sourceOfStatus: 'SUBSCRIPTION_STATUS',
    })
    const unsubscribed = await status.unsubscribe({ emailAddress: email, subscriptionId: '1002' })
    expect(unsubscribed.status).toBe('NOT_SUBSCRIBED')
    const read = await status.getEmailStatus(email)
    expect(read.recipient).toBe('a+b@example.com')
    expect(read.subscriptionStatuses.map((s) => [s.id, s.status])).toEqual([['1002', 'NOT_SUBSCRIBED']])
    const refused = await apiError(status.subscribe({ emailAddress: email, subscriptionId: '1002' }))
    expect(refused.code).toBe(400)
  })

  it('unsubscribe-all (v4, through apiRequest) sets hs_email_optout, which stays read-only', async () => {
    const contact = await h.client.crm.contacts.basicApi.create({
      properties: { email: 'optout@example.com' },
      associations: [],
    })
    const before = await h.call(
      'GET',
      '/communication-preferences/v4/statuses/optout@example.com/unsubscribe-all?channel=EMAIL',
    )
    expect(before.json).toEqual({ results: [] })
    const done = await h.call(
      'POST',
      '/communication-preferences/v4/statuses/optout@example.com/unsubscribe-all?channel=EMAIL&verbose=true',
    )
    expect(done.status).toBe(200)
    expect((done.json as { results: unknown[] }).results).toHaveLength(3)
    const wide = await h.call(
      'GET',
      '/communication-preferences/v4/statuses/optout@example.com/unsubscribe-all?channel=EMAIL',
    )
    expect((wide.json as { results: Array<{ wideStatusType: string }> }).results[0]?.wideStatusType).toBe(
      'PORTAL_WIDE',
    )
    const v3 = await h.client.communicationPreferences.statusApi.getEmailStatus('optout@example.com')
    expect(new Set(v3.subscriptionStatuses.map((s) => `${s.status}/${s.sourceOfStatus}`))).toEqual(
      new Set(['NOT_SUBSCRIBED/PORTAL_WIDE_STATUS']),
    )
    const read = await h.client.crm.contacts.basicApi.getById(contact.id, [
      'hs_email_optout',
      'hs_email_optout_1001',
    ])
    expect(read.properties).toMatchObject({ hs_email_optout: 'true', hs_email_optout_1001: 'true' })
    const refused = await apiError(
      h.client.crm.contacts.basicApi.update(contact.id, { properties: { hs_email_optout: 'false' } }),
    )
    expect(refused.code).toBe(400)
    expect(refused.body['errors']).toMatchObject([{ code: 'READ_ONLY_VALUE' }])
    const resubscribe = await h.call('POST', '/communication-preferences/v4/statuses/optout@example.com', {
      channel: 'EMAIL',
      subscriptionId: 1001,
      statusState: 'SUBSCRIBED',
    })
    expect(
      (resubscribe.json as { results: Array<{ setStatusSuccessReason: string }> }).results[0]
        ?.setStatusSuccessReason,
    ).toBe('RESUBSCRIBE_OCCURRED')
    const after = await h.client.crm.contacts.basicApi.getById(contact.id, [
      'hs_email_optout',
      'hs_email_optout_1001',
    ])
    expect(after.properties).toMatchObject({ hs_email_optout: 'false', hs_email_optout_1001: 'false' })
  })

  it('applies a status set before the contact existed when the contact is created', async () => {
    await h.call(
      'POST',
      '/communication-preferences/v4/statuses/early@example.com/unsubscribe-all?channel=EMAIL',
    )
    const contact = await h.client.crm.contacts.basicApi.create({
      properties: { email: 'early@example.com' },
      associations: [],
    })
    const read = await h.client.crm.contacts.basicApi.getById(contact.id, ['hs_email_optout'])
    expect(read.properties['hs_email_optout']).toBe('true')
  })
})

describe('lifecycle stage (api-surface.md 8.3)', () => {
  it('moves forward, ignores a backward move, and allows it after clearing first', async () => {
    const api = h.client.crm.contacts.basicApi
    const contact = await api.create({
      properties: { email: 'life@example.com', lifecyclestage: 'lead' },
      associations: [],
    })
    await api.update(contact.id, { properties: { lifecyclestage: 'customer' } })
    const backward = await api.update(contact.id, { properties: { lifecyclestage: 'lead' } })
    expect(backward.properties['lifecyclestage']).toBe('customer')
    await api.update(contact.id, { properties: { lifecyclestage: '' } })
    const reset = await api.update(contact.id, { properties: { lifecyclestage: 'lead' } })
    expect(reset.properties['lifecyclestage']).toBe('lead')
    const read = await api.getById(contact.id, ['hs_lifecyclestage_customer_date'], ['lifecyclestage'])
    expect(read.properties['hs_lifecyclestage_customer_date']).toMatch(/^\d{4}-/)
    expect(read.propertiesWithHistory?.['lifecyclestage']?.map((e) => e.value)).toEqual([
      'lead',
      '',
      'customer',
      'lead',
    ])
  })

  it('rejects a backward move with 400 when the knob says reject', async () => {
    await h.call('PATCH', '/__sandbox/knobs', { lifecycleBackwardMove: 'reject' })
    const api = h.client.crm.companies.basicApi
    const company = await api.create({
      properties: { name: 'L', lifecyclestage: 'customer' },
      associations: [],
    })
    expect((await apiError(api.update(company.id, { properties: { lifecyclestage: 'lead' } }))).code).toBe(
      400,
    )
    await h.call('PATCH', '/__sandbox/knobs', { lifecycleBackwardMove: 'ignore' })
  })
})
