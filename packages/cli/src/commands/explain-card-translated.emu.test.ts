import { buildOwnerIndex } from '@crmsync/core'
import { readOwners } from '@crmsync/engine'
import { connectSalesforce } from '@crmsync/salesforce'
import type { RecordCard } from '@crmsync/server'
import { recordCardOf } from '@crmsync/server/queries'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import { EXIT_CODES } from '../exit-codes.js'
import { type ConsoleHarness, startConsoleHarness } from '../testing/console-harness.js'
import type { ExplainCards } from './explain-cards.js'

/** The fields of a card that hold a value on either side and are synced, with their status. */
const statuses = (card: RecordCard) =>
  Object.fromEntries(
    card.fields
      .filter((f) => f.rule !== 'none' && (f.hubspotValue !== null || f.salesforceValue !== null))
      .map((f) => [f.hubspot, f.status]),
  )
const inSync = (card: RecordCard) =>
  Object.fromEntries(Object.keys(statuses(card)).map((property) => [property, 'in-sync']))
const field = (card: RecordCard, property: string) => card.fields.find((f) => f.hubspot === property)

// A synced record's card says what the engine would do (B-ERR-8): the owner and the company reference are
// ids in two spaces, compared through the owners table and the company link as the engine compares them.
describe('the sync card compares as the engine does (B-ERR-8)', { timeout: 60_000 }, () => {
  let h: ConsoleHarness
  let ownerUser: string
  let ownerHubSpot: string
  let contactHubSpotId: string
  let contactId: string
  let accountId: string
  let companyId: string
  let leadOwnedHubSpotId: string

  const card = (hubspotId: string, live = true) =>
    recordCardOf(
      {
        connection: h.runtime.connection,
        store: h.runtime.store,
        ...(live ? { crm: { salesforce: h.runtime.salesforce, hubspot: h.runtime.hubspot } } : {}),
      },
      { objectKind: 'contact', side: 'hubspot', recordId: hubspotId },
    )

  beforeAll(async () => {
    h = await startConsoleHarness({
      prefix: 'card-translated',
      file: (yaml) =>
        yaml.replace('    mappings:', '    settings:\n      companies:\n        sync: true\n    mappings:'),
    })
    const { runtime } = h
    // A Salesforce user the owners table pairs with a HubSpot owner, both ways.
    const index = buildOwnerIndex(await readOwners(runtime.salesforce, runtime.hubspot))
    const users = (await runtime.salesforce.listUsers()).filter((u) => u.kind === 'user' && u.isActive)
    const paired = users.find((u) => {
      const owner = index.hubspotFor(u.id)
      return owner !== undefined && index.salesforceFor(owner) === u.id
    })
    expect(paired, 'the sandboxes have a user who is a HubSpot owner too').toBeDefined()
    ownerUser = paired!.id
    ownerHubSpot = index.hubspotFor(ownerUser)!

    const sf = await connectSalesforce({
      kind: 'access-token',
      instanceUrl: h.sandboxes.salesforce.instanceUrl,
      accessToken: h.sandboxes.salesforce.accessToken,
    })
    const account = await sf.sobject('Account').create({ Name: 'Fjord AS' })
    if (!account.success) throw new Error(JSON.stringify(account))
    accountId = account.id
    const contact = await sf.sobject('Contact').create({
      FirstName: 'Ola',
      LastName: 'Nordmann',
      Email: 'ola@fjord.example',
      AccountId: accountId,
      OwnerId: ownerUser,
    })
    if (!contact.success) throw new Error(JSON.stringify(contact))
    contactId = contact.id
    // A HubSpot contact with that owner: it becomes a Lead owned by the paired user.
    leadOwnedHubSpotId = (
      await h.hubspot.crm.contacts.basicApi.create({
        properties: { email: 'kari@x.example', lastname: 'Hansen', hubspot_owner_id: ownerHubSpot },
        associations: [],
      })
    ).id
    await runtime.store.enqueue([
      { connectionId: 'local', objectKind: 'contact', side: 'salesforce', recordId: contactId },
      { connectionId: 'local', objectKind: 'contact', side: 'hubspot', recordId: leadOwnedHubSpotId },
    ])
    // The contact waits for its account's company (pass 2) and then takes it as its primary company.
    for (let cycle = 0; cycle < 5; cycle++) {
      expect((await h.slot.asEngine().syncOnce()).errors).toEqual([])
      const link = await runtime.store.getLink('local', 'contact', 'salesforce', contactId)
      if (link?.fields['salesforceaccountid']?.ancestor === accountId) break
    }
    const link = await runtime.store.getLink('local', 'contact', 'salesforce', contactId)
    expect(link?.fields['salesforceaccountid']?.ancestor).toBe(accountId)
    contactHubSpotId = link!.hubspotId
    companyId = (await runtime.store.getLink('local', 'company', 'salesforce', accountId))!.hubspotId
  })
  afterAll(() => h?.close())

  it('B-ERR-8: a synced contact with an owner and an account shows every synced field in sync, owner and account with both ids', async () => {
    const live = await card(contactHubSpotId)
    expect(live).toMatchObject({ valuesFrom: 'live', salesforceType: 'Contact', status: { state: 'synced' } })
    expect(field(live, 'hubspot_owner_id')).toMatchObject({
      hubspotValue: ownerHubSpot,
      salesforceValue: ownerUser,
      status: 'in-sync',
    })
    expect(field(live, 'salesforceaccountid')).toMatchObject({
      salesforce: 'AccountId',
      hubspotValue: companyId,
      salesforceValue: accountId,
      status: 'in-sync',
    })
    expect(statuses(live)).toEqual(inSync(live))
    expect(live.history.some((e) => e.field === 'salesforceaccountid')).toBe(true)
  })

  it('B-ERR-8: a contact whose HubSpot owner became its Lead owner is in sync; the store-read card agrees', async () => {
    const live = await card(leadOwnedHubSpotId)
    expect(live).toMatchObject({ valuesFrom: 'live', salesforceType: 'Lead' })
    expect(field(live, 'hubspot_owner_id')).toMatchObject({
      hubspotValue: ownerHubSpot,
      salesforceValue: ownerUser,
      status: 'in-sync',
    })
    expect(statuses(live)).toEqual(inSync(live))
    for (const id of [leadOwnedHubSpotId, contactHubSpotId]) {
      const stored = await card(id, false)
      expect(stored.valuesFrom).toBe('store')
      expect(statuses(stored)).toEqual(inSync(stored))
    }
  })

  it('B-ERR-8: explain reads the same card: the owner and the account are in sync in its text', async () => {
    const json = await runCaptured(['explain', contactHubSpotId, '--json', '--config', h.file], h.env)
    expect(json.code, json.stderr).toBe(EXIT_CODES.ok)
    const explained = (JSON.parse(json.stdout) as ExplainCards).records[0]!
    expect(statuses(explained)).toEqual(inSync(explained))
    expect(field(explained, 'hubspot_owner_id')?.status).toBe('in-sync')
    const text = await runCaptured(['explain', contactHubSpotId, '--config', h.file], h.env)
    expect(text.code, text.stderr).toBe(EXIT_CODES.ok)
    expect(text.stdout).not.toContain('differs')
  })

  it('B-ERR-8: a change waiting on one side shows as differs', async () => {
    await h.hubspot.crm.contacts.basicApi.update(leadOwnedHubSpotId, { properties: { lastname: 'Berg' } })
    expect(field(await card(leadOwnedHubSpotId), 'lastname')).toMatchObject({
      hubspotValue: 'Berg',
      salesforceValue: 'Hansen',
      status: 'differs',
    })
  })
})
