// Set-up the company commands' emulator tests share: a config with company sync on, and records made through
// the official clients, as an admin's org and portal would hold them.
import type { Link } from '@crmsync/core'
import { createStateStore } from '@crmsync/store'
import type { Client } from '@hubspot/api-client'
import type { Connection } from 'jsforce'

import { type LocalSandboxes, sandboxConfigYaml } from '../demo/local-sandboxes.js'

/**
 * The sandboxes' one-connection config with `settings.companies.sync: true` and contacts created in
 * Salesforce as Contacts (a company qualifies for an account through a Contact, B-CMP-5..8).
 */
export function companyConfigYaml(sandboxes: LocalSandboxes, storeUrl: string): string {
  return (
    sandboxConfigYaml(sandboxes, storeUrl) +
    [
      '    settings:',
      '      companies: { sync: true }',
      '      contacts: { createInSalesforceAs: contact }',
      '',
    ].join('\n')
  )
}

/** An Account created through jsforce; returns its id. */
export async function createAccount(sf: Connection, fields: Record<string, unknown>): Promise<string> {
  const result = await sf.sobject('Account').create(fields)
  if (!result.success) throw new Error(`create Account failed: ${JSON.stringify(result)}`)
  return result.id
}

/** A HubSpot company created through @hubspot/api-client; returns its id. */
export async function createCompany(hs: Client, properties: Record<string, string>): Promise<string> {
  return (await hs.crm.companies.basicApi.create({ properties, associations: [] })).id
}

/** Makes the company the contact's primary company (v4 associations, label Primary). */
export async function associatePrimary(hs: Client, contactId: string, companyId: string): Promise<void> {
  await hs.apiRequest({
    method: 'PUT',
    path: `/crm/v4/objects/contacts/${contactId}/associations/companies/${companyId}`,
    body: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }],
  })
}

/** Every company link of the connection `local`, read from the store the commands write. */
export async function companyLinks(storeUrl: string): Promise<Link[]> {
  const store = createStateStore(storeUrl)
  try {
    return [...(await store.listLinks({ connectionId: 'local', objectKind: 'company', limit: 10_000 }))]
  } finally {
    await store.close()
  }
}

/** Rows waiting in the inbox of the connection `local`. */
export async function inboxDepth(storeUrl: string): Promise<number> {
  const store = createStateStore(storeUrl)
  try {
    return await store.countInbox('local')
  } finally {
    await store.close()
  }
}

/** Every HubSpot company id, through the list endpoint. */
export async function hubspotCompanyIds(hs: Client): Promise<string[]> {
  const page = await hs.crm.companies.basicApi.getPage(100)
  return page.results.map((c) => c.id)
}
