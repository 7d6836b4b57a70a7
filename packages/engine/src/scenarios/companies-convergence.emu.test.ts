import { expect, it } from 'vitest'

import { type SandboxPair, startSandboxPair } from '../testing/sandbox-pair.js'
import { associatePrimary, companyLink, createAccount, createHubSpotCompany } from './company-helpers.js'
import { createHubSpotContact, createSalesforce, hubspotContact, soql } from './scenario-helpers.js'

/** A handful of writes settle in a few syncs: pass 2 and 3 repeat within one sync while rows come back. */
const MAX_SYNCS = 3

/** Every HubSpot company of the portal, with its name and account property. */
async function allCompanies(pair: SandboxPair) {
  const out: { id: string; name: string | null; salesforceaccountid: string | null }[] = []
  let after: string | undefined
  do {
    const page = await pair.hs.crm.companies.basicApi.getPage(100, after, ['name', 'salesforceaccountid'])
    for (const c of page.results)
      out.push({
        id: c.id,
        name: c.properties['name'] ?? null,
        salesforceaccountid: c.properties['salesforceaccountid'] ?? null,
      })
    after = page.paging?.next?.after
  } while (after !== undefined)
  return out
}

/** Syncs until a sync writes nothing on either side; returns how many syncs that took (Infinity: never). */
async function syncUntilQuiet(pair: SandboxPair): Promise<number> {
  for (let n = 1; n <= MAX_SYNCS + 1; n++) {
    await pair.resetCounters()
    await pair.sync()
    const writes = await pair.writes()
    if (writes.salesforce === 0 && writes.hubspot === 0) return n
  }
  return Number.POSITIVE_INFINITY
}

const accountOf = async (pair: SandboxPair, email: string) => {
  const rows = await soql<{ AccountId: string | null }>(
    pair,
    `SELECT AccountId FROM Contact WHERE Email = '${email}'`,
  )
  expect(rows).toHaveLength(1)
  return rows[0]?.AccountId ?? null
}

/**
 * What convergence means with companies on: every linked Salesforce Contact's AccountId is the account
 * linked to its HubSpot contact's primary company (none for none); one account per name and one company per
 * name; company links one to one, each company holding its account's id and name; every account has its
 * company, and only the companies in `unpaired` have no account.
 */
async function expectConverged(pair: SandboxPair, contacts: number, unpaired: readonly string[]) {
  const contactLinks = await pair.store.listLinks({
    connectionId: 'scenario',
    objectKind: 'contact',
    limit: 1000,
  })
  const linked = contactLinks.filter((l) => l.state === 'active' && l.salesforceType === 'Contact')
  expect(linked).toHaveLength(contacts)
  for (const link of linked) {
    const company = (await hubspotContact(pair, link.hubspotId, ['associatedcompanyid']))[
      'associatedcompanyid'
    ]
    const [row] = await soql<{ AccountId: string | null }>(
      pair,
      `SELECT AccountId FROM Contact WHERE Id = '${link.salesforceId}'`,
    )
    const expected =
      company == null ? null : ((await companyLink(pair, 'hubspot', company))?.salesforceId ?? 'none')
    expect({ contact: link.hubspotId, accountId: row?.AccountId ?? null }).toEqual({
      contact: link.hubspotId,
      accountId: expected,
    })
  }
  const accounts = await soql<{ Id: string; Name: string }>(pair, 'SELECT Id, Name FROM Account')
  const companies = await allCompanies(pair)
  expect(new Set(accounts.map((a) => a.Name)).size).toBe(accounts.length)
  expect(new Set(companies.map((c) => c.name)).size).toBe(companies.length)
  const companyLinks = await pair.store.listLinks({
    connectionId: 'scenario',
    objectKind: 'company',
    limit: 1000,
  })
  expect(companyLinks.filter((l) => l.state !== 'active')).toEqual([])
  expect(companyLinks.map((l) => l.salesforceId).sort()).toEqual(accounts.map((a) => a.Id).sort())
  const unlinked = companies.filter((c) => !companyLinks.some((l) => l.hubspotId === c.id))
  expect(unlinked.map((c) => c.name).sort()).toEqual([...unpaired].sort())
  for (const link of companyLinks) {
    const accountRow = accounts.find((a) => a.Id === link.salesforceId)
    expect(companies.find((c) => c.id === link.hubspotId)).toMatchObject({
      salesforceaccountid: link.salesforceId,
      name: accountRow?.Name,
    })
  }
}

it('CONVERGENCE (B-CMP-2/4/5/6/11/12): contacts, companies and accounts made and moved on both sides settle in a few syncs; every Contact’s account is its contact’s company’s account; no duplicates', async () => {
  const pair = await startSandboxPair({
    settings: { companies: { sync: true } },
    contacts: { createInSalesforceAs: 'contact' },
  })
  try {
    // Company capture starts at the first run with company sync on.
    await pair.sync()
    // Salesforce: accounts with Contacts, an account with none, a private Contact.
    const alpha = await createAccount(pair, { Name: 'Conv Alpha', Industry: 'Banking' })
    const beta = await createAccount(pair, { Name: 'Conv Beta' })
    const gamma = await createAccount(pair, { Name: 'Conv Gamma' })
    for (const [email, accountId] of [
      ['alpha1@conv.example', alpha],
      ['alpha2@conv.example', alpha],
      ['eta@conv.example', alpha],
      ['zeta@conv.example', beta],
      ['moved@conv.example', gamma],
    ] as const)
      await createSalesforce(pair, 'Contact', {
        LastName: email.split('@')[0],
        Email: email,
        AccountId: accountId,
      })
    await createSalesforce(pair, 'Contact', { LastName: 'Private', Email: 'private@conv.example' })
    // HubSpot: a company with new contacts, a company with none, companies whose contacts share an email with
    // Salesforce Contacts of unpaired accounts (B-CMP-4), one contact whose company differs from its
    // Salesforce Contact's account, and a contact with no company.
    const delta = await createHubSpotCompany(pair, { name: 'Conv Delta', domain: 'delta.example' })
    await createHubSpotCompany(pair, { name: 'Conv Epsilon' })
    const zeta = await createHubSpotCompany(pair, { name: 'Conv Zeta' })
    const eta = await createHubSpotCompany(pair, { name: 'Conv Eta', phone: '+47 7700' })
    const hsContact = new Map<string, string>()
    for (const [email, company] of [
      ['delta1@conv.example', delta],
      ['delta2@conv.example', delta],
      ['zeta@conv.example', zeta],
      ['eta@conv.example', eta],
      ['moved@conv.example', delta],
    ] as const) {
      const id = await createHubSpotContact(pair, { email, lastname: email.split('@')[0]! })
      await associatePrimary(pair, id, company)
      hsContact.set(email, id)
    }
    await createHubSpotContact(pair, { email: 'nocompany@conv.example', lastname: 'None' })

    expect(await syncUntilQuiet(pair)).toBeLessThanOrEqual(MAX_SYNCS)
    await expectConverged(pair, 9, ['Conv Epsilon'])
    expect(await accountOf(pair, 'private@conv.example')).toBeNull()
    expect(await accountOf(pair, 'nocompany@conv.example')).toBeNull()
    expect(await accountOf(pair, 'alpha2@conv.example')).toBe(alpha)
    // B-CMP-4: the accounts joined the companies their contacts were in; no company was made for them.
    expect((await companyLink(pair, 'salesforce', alpha))?.hubspotId).toBe(eta)
    expect((await companyLink(pair, 'salesforce', beta))?.hubspotId).toBe(zeta)
    // B-CMP-5: the company whose new contacts became Contacts has its account, with its contacts in it.
    const deltaAccount = (await companyLink(pair, 'hubspot', delta))?.salesforceId
    expect(deltaAccount).toBeDefined()
    expect(await accountOf(pair, 'delta1@conv.example')).toBe(deltaAccount)

    // Second round, on both sides at once: contacts moved between paired companies and accounts (B-CMP-11/12),
    // a new company for a contact with none (B-CMP-6), a new account taking a Contact (B-CMP-2/12).
    await associatePrimary(pair, hsContact.get('delta2@conv.example')!, zeta)
    const [alpha1] = await soql<{ Id: string }>(
      pair,
      "SELECT Id FROM Contact WHERE Email = 'alpha1@conv.example'",
    )
    await pair.sf.sobject('Contact').update({ Id: alpha1!.Id, AccountId: gamma })
    const theta = await createHubSpotCompany(pair, { name: 'Conv Theta' })
    const [none] = await soql<{ Id: string }>(
      pair,
      "SELECT Id FROM Contact WHERE Email = 'nocompany@conv.example'",
    )
    const noneLink = await pair.store.getLink('scenario', 'contact', 'salesforce', none!.Id)
    await associatePrimary(pair, noneLink!.hubspotId, theta)
    const iota = await createAccount(pair, { Name: 'Conv Iota' })
    const [priv] = await soql<{ Id: string }>(
      pair,
      "SELECT Id FROM Contact WHERE Email = 'private@conv.example'",
    )
    await pair.sf.sobject('Contact').update({ Id: priv!.Id, AccountId: iota })

    expect(await syncUntilQuiet(pair)).toBeLessThanOrEqual(MAX_SYNCS)
    await expectConverged(pair, 9, ['Conv Epsilon'])
    expect(await accountOf(pair, 'delta2@conv.example')).toBe(beta)
    expect(await accountOf(pair, 'alpha1@conv.example')).toBe(gamma)
    expect(await accountOf(pair, 'nocompany@conv.example')).toBe(
      (await companyLink(pair, 'hubspot', theta))?.salesforceId,
    )
    expect(await accountOf(pair, 'private@conv.example')).toBe(iota)
    // B-CMP-11: no company re-paired.
    expect((await companyLink(pair, 'salesforce', alpha))?.hubspotId).toBe(eta)
    expect((await companyLink(pair, 'salesforce', beta))?.hubspotId).toBe(zeta)
    expect((await companyLink(pair, 'hubspot', delta))?.salesforceId).toBe(deltaAccount)

    await pair.resetCounters()
    await pair.sync()
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
  } finally {
    await pair.close()
  }
})
