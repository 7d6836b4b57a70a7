import type {
  ContactAccountFacts,
  InboxRow,
  Link,
  PlanContactAccountsInput,
  SalesforceContactRecord,
} from '@crmsync/core'

import type { ReadContext } from '../../engine-context.js'
import { BatchLinks } from '../../pipeline/batch-links.js'

/** A batch of contacts for pass 3, read. */
export interface AssociationRead {
  readonly input: PlanContactAccountsInput
  /** The contact links (the commit keeps the association's state on them). */
  readonly links: readonly Link[]
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

/**
 * The read stage of pass 3 (design.md 3.4): for each contact (a row names its HubSpot id, or its Salesforce
 * Contact's id), its link, its primary company and lifecycle stage (one batch read per 100), its Contact's
 * AccountId (one retrieve per 2000), the company links of the companies and accounts they name, which of
 * those accounts are person accounts (B-PA-3), and the lifecycle stages of the companies of contacts that have
 * a stage (B-CMP-14). Reads only.
 */
export async function readAssociations(
  ctx: ReadContext,
  rows: readonly InboxRow[],
): Promise<AssociationRead> {
  const { connectionId } = ctx.setup
  const contactLinks = new BatchLinks(ctx.store, connectionId, 'contact')
  await contactLinks.load(
    'hubspot',
    rows.filter((r) => r.side === 'hubspot').map((r) => r.recordId),
  )
  await contactLinks.load(
    'salesforce',
    rows.filter((r) => r.side === 'salesforce').map((r) => r.recordId),
  )
  const hubspotIds: string[] = []
  for (const row of [...rows].sort((a, b) => a.seq - b.seq)) {
    const id =
      row.side === 'hubspot' ? row.recordId : contactLinks.find('salesforce', row.recordId)?.hubspotId
    if (id !== undefined && !hubspotIds.includes(id)) hubspotIds.push(id)
  }
  const read =
    hubspotIds.length === 0
      ? undefined
      : await ctx.deps.hubspot.readContacts({
          ids: hubspotIds,
          properties: ['associatedcompanyid', 'lifecyclestage'],
        })
  const linkOf = (id: string) => {
    const link = contactLinks.find('hubspot', id)
    return link?.state === 'active' ? link : undefined
  }
  const sfIds = hubspotIds.flatMap((id) => {
    const link = linkOf(id)
    return link?.salesforceType === 'Contact' ? [link.salesforceId] : []
  })
  const sfContacts =
    sfIds.length === 0
      ? new Map<string, SalesforceContactRecord>()
      : await ctx.deps.salesforce.retrieve('Contact', sfIds, ['AccountId'])
  const contacts = hubspotIds.flatMap((id): ContactAccountFacts[] => {
    const record = read?.records.get(id)
    if (record === undefined) return []
    const link = linkOf(id)
    const sf = link === undefined ? undefined : sfContacts.get(link.salesforceId)
    return [
      {
        hubspotId: id,
        ...(link === undefined ? {} : { link }),
        primaryCompanyId: text(record.properties['associatedcompanyid']),
        lifecycleStage: text(record.properties['lifecyclestage'])?.toLowerCase() ?? null,
        accountId: text(sf?.fields['AccountId']),
        isPersonContact: sf?.isPersonContact === true,
      },
    ]
  })
  const companyLinks = new BatchLinks(ctx.store, connectionId, 'company')
  const companyIds = contacts.flatMap((c) => (c.primaryCompanyId === null ? [] : [c.primaryCompanyId]))
  await companyLinks.load('hubspot', companyIds)
  await companyLinks.load(
    'salesforce',
    contacts.flatMap((c) => (c.accountId === null ? [] : [c.accountId])),
  )
  const personAccounts = await personAccountsOf(
    ctx,
    companyIds.flatMap((id) => {
      const link = companyLinks.find('hubspot', id)
      return link?.state === 'active' ? [link.salesforceId] : []
    }),
  )
  // B-CMP-14 copies a contact's stage to its company: only the companies of contacts with a stage are
  // compared (their primary company, or their account's), so contacts without one cost no company read.
  const lifecycle = new Map<string, string | null>()
  const companies = [
    ...new Set(
      contacts.flatMap((c) => {
        if (c.lifecycleStage === null) return []
        const account = c.accountId === null ? undefined : companyLinks.find('salesforce', c.accountId)
        return [
          ...(c.primaryCompanyId === null ? [] : [c.primaryCompanyId]),
          ...(account === undefined ? [] : [account.hubspotId]),
        ]
      }),
    ),
  ]
  if (companies.length > 0) {
    const read = await ctx.deps.hubspot.readCompanies({ ids: companies, properties: ['lifecyclestage'] })
    for (const [id, record] of read.records)
      lifecycle.set(id, text(record.properties['lifecyclestage'])?.toLowerCase() ?? null)
  }
  return {
    input: {
      now: ctx.deps.clock.now(),
      contacts,
      companyLinks: companyLinks.all(),
      personAccounts,
      companyLifecycle: lifecycle,
    },
    links: contactLinks.all(),
  }
}

/** Which of these accounts are person accounts: none in an org without them (one describe, cached). */
async function personAccountsOf(ctx: ReadContext, accountIds: readonly string[]): Promise<Set<string>> {
  if (accountIds.length === 0 || !(await ctx.deps.salesforce.hasPersonAccounts())) return new Set()
  const records = await ctx.deps.salesforce.retrieveAccounts([...new Set(accountIds)], ['Name'])
  return new Set([...records.values()].filter((r) => r.isPersonAccount === true).map((r) => r.id))
}
