import type {
  AccountContactFacts,
  CompanyChange,
  CompanyContactFacts,
  CompanyMapping,
  HubSpotCompanyRecord,
  InboxRow,
  Link,
  PlanCompaniesInput,
  SalesforceAccountRecord,
  SalesforceContactRecord,
} from '@crmsync/core'
import { COMPANY_LINK_RULES, isHubSpotRecordEcho, isSalesforceRecordEcho, prepareLinks } from '@crmsync/core'

import type { ReadContext } from '../../engine-context.js'
import { cycleListMembers } from '../../inclusion-list.js'
import { cycleOwners } from '../../owners/cycle-owners.js'
import { BatchLinks } from '../../pipeline/batch-links.js'
import { isCapturedEcho, salesforceFromCaptureOrRead } from '../../pipeline/capture-cache.js'
import { cycleTransform } from '../../pipeline/cycle-transform.js'
import type { CompanyCache } from './company-cache.js'
import { accountFieldsFor, companyPropertiesFor, isAccountId } from './company-fields.js'

/** A batch of company rows, read: the planner's input, and what the later stages need besides. */
export interface CompanyRead {
  readonly connectionId: string
  readonly input: PlanCompaniesInput
  /** The company links as stored. */
  readonly links: readonly Link[]
  readonly changedHubSpot: ReadonlySet<string>
  /** `side:id` of the records served from this cycle's capture rather than read by id. */
  readonly fromCapture: ReadonlySet<string>
}

const key = (side: 'hubspot' | 'salesforce', id: string) => `${side}:${id}`

/**
 * The read stage for companies (design.md 3.4 pass 2): companies and accounts from the capture or by id, the
 * company links, HubSpot merges and deletes, and for the unpaired ones what matching and qualification need:
 * an unlinked company's contacts (their links, their Salesforce Contact's account, their inclusion-list
 * membership) and an unlinked account's contacts (the HubSpot contacts linked to them, and those contacts'
 * primary companies). Reads only.
 */
export async function readCompanies(
  ctx: ReadContext,
  cache: CompanyCache,
  rows: readonly InboxRow[],
): Promise<CompanyRead> {
  const settings = ctx.setup.companies
  if (settings === undefined) throw new Error('the company pass ran with company sync off')
  const mappings = await ctx.state.companyMappings()
  const properties = companyPropertiesFor(mappings)
  const links = new BatchLinks(ctx.store, ctx.setup.connectionId, 'company')
  const fromCapture = new Set<string>()
  const planned = rows.filter(
    (r) => ctx.cycle.replanned.has(r.recordId) || !cache.consumed.has(key(r.side, r.recordId)),
  )
  await links.load('hubspot', idsOf(planned, 'hubspot'))
  await links.load('salesforce', idsOf(planned, 'salesforce'))
  const transform = await cycleTransform(ctx)
  // A captured record that holds exactly what its link last saw on that side: our own write coming back.
  const rowsToPlan = planned.filter(
    (r) =>
      !isCapturedEcho(ctx.cycle, cache, r, {
        salesforce: (record) =>
          isSalesforceRecordEcho(record, links.find('salesforce', record.id), mappings, transform),
        hubspot: (record) =>
          isHubSpotRecordEcho(record, 'Account', links.find('hubspot', record.id), mappings, transform),
      }),
  )
  const hsIds = idsOf(rowsToPlan, 'hubspot')
  const sfIds = idsOf(rowsToPlan, 'salesforce')

  // HubSpot: changed companies (unlinked ones with their contacts) and the counterparts of changed accounts.
  const hubspot = new Map<string, HubSpotCompanyRecord>()
  const unlinked = hsIds.filter((id) => links.find('hubspot', id) === undefined)
  const counterparts = sfIds.flatMap((id) => {
    const link = links.find('salesforce', id)
    return link === undefined ? [] : [link.hubspotId]
  })
  const missing = new Set<string>()
  const mergedInto = new Map<string, string>()
  const readHubSpot = async (ids: readonly string[], withContacts: boolean) => {
    const want = [...new Set(ids)].filter((id) => !hubspot.has(id) || withContacts)
    const toRead: string[] = []
    for (const id of want) {
      const cached = withContacts || cache.written.has(id) ? undefined : cache.hubspot.get(id)
      if (cached === undefined) toRead.push(id)
      else {
        hubspot.set(id, cached)
        fromCapture.add(key('hubspot', id))
      }
    }
    if (toRead.length === 0) return
    const read = await ctx.deps.hubspot.readCompanies({ ids: toRead, properties, withContacts })
    for (const [id, record] of read.records) hubspot.set(id, record)
    for (const id of read.missing) missing.add(id)
    for (const [from, to] of read.mergedInto) mergedInto.set(from, to)
  }
  await readHubSpot(unlinked, true)
  await readHubSpot([...hsIds.filter((id) => !unlinked.includes(id)), ...counterparts], false)
  await links.load('hubspot', mergedInto.values())
  await links.load(
    'hubspot',
    [...hubspot.values()].flatMap((r) => [r.id, ...(r.mergedObjectIds ?? [])]),
  )
  links.anticipate(prepareLinks({ links: links.all(), hubspot, mergedInto }, COMPANY_LINK_RULES).links)

  // Salesforce: changed accounts and the counterparts of changed companies.
  const salesforce = new Map<string, SalesforceAccountRecord>()
  const wanted = new Set<string>()
  const changeAt = new Map<string, CompanyChange>()
  const changedHubSpot = new Set<string>()
  for (const id of new Set(hsIds)) {
    const survivor = mergedInto.get(id) ?? id
    if (changedHubSpot.has(survivor)) continue
    changedHubSpot.add(survivor)
    const event = missing.has(id) ? 'deleted' : ctx.cycle.resync.has(id) ? 'resync' : 'changed'
    changeAt.set(key('hubspot', id), { side: 'hubspot', id: survivor, event })
    const link = links.find('hubspot', survivor)
    if (link !== undefined) wanted.add(link.salesforceId)
  }
  for (const id of new Set(sfIds)) {
    if (!isAccountId(id)) continue
    const deletion = cache.deletions.get(id)
    if (deletion !== undefined) {
      const master = deletion.masterRecordId === undefined ? {} : { masterRecordId: deletion.masterRecordId }
      changeAt.set(key('salesforce', id), { side: 'salesforce', id, event: 'deleted', ...master })
      if (deletion.masterRecordId !== undefined) {
        await links.load('salesforce', [deletion.masterRecordId])
        // A merge survivor may take the company over: the company syncs with it in the same plan.
        wanted.add(deletion.masterRecordId)
      }
      continue
    }
    changeAt.set(key('salesforce', id), { side: 'salesforce', id, event: 'changed' })
    wanted.add(id)
  }
  await readAccounts(ctx, cache, mappings, wanted, salesforce, fromCapture)

  // Unlinked companies: their contacts, for matching (B-CMP-4/12) and qualification (B-CMP-5..8).
  const contacts = await contactFacts(
    ctx,
    [...changedHubSpot].filter((id) => links.find('hubspot', id) === undefined),
    hubspot,
  )
  const contactAccounts = [...contacts.values()].flatMap((c) =>
    c.linked?.type === 'Contact' && c.linked.accountId !== null ? [c.linked.accountId] : [],
  )
  await links.load('salesforce', contactAccounts)
  await readAccounts(ctx, cache, mappings, new Set(contactAccounts), salesforce, fromCapture)

  // Unlinked accounts: the HubSpot contacts linked to their Contacts, with their primary companies (B-CMP-4).
  const unlinkedAccounts = [...changeAt.values()].flatMap((c) =>
    c.side === 'salesforce' && c.event === 'changed' && links.find('salesforce', c.id) === undefined
      ? [c.id]
      : [],
  )
  const accountContacts = await accountContactFacts(ctx, unlinkedAccounts)
  const candidates = [...accountContacts.values()].flatMap((list) =>
    list.flatMap((f) => (f.primaryCompanyId === null ? [] : [f.primaryCompanyId])),
  )
  await links.load('hubspot', candidates)
  // With their contacts: when an account is matched to one, the contacts waiting for it go on to pass 3.
  await readHubSpot(
    candidates.filter((id) => hubspot.get(id)?.contactIds === undefined),
    true,
  )

  // A changed account's company HubSpot no longer has: deleted there (search never shows it), so the link is
  // tombstoned and the account's later edits do not recreate it (design.md 3.1).
  const deletedHubSpot = new Set(counterparts.filter((id) => missing.has(id) && !hsIds.includes(id)))

  const changes = [...rowsToPlan]
    .sort((a, b) => a.seq - b.seq)
    .flatMap((r) => {
      const change = changeAt.get(key(r.side, r.recordId))
      changeAt.delete(key(r.side, r.recordId))
      return change === undefined ? [] : [change]
    })
  const placeholder = ctx.setup.settings.requiredFieldPlaceholder
  const input: PlanCompaniesInput = {
    now: ctx.deps.clock.now(),
    timeZone: await ctx.state.timeZone(),
    mappings,
    settings,
    owners: await cycleOwners(ctx),
    changes,
    hubspot,
    salesforce,
    links: links.all(),
    contacts,
    accountContacts,
    companyListMembers: await cycleListMembers(ctx, settings.inclusionList),
    paused: ctx.setup.paused,
    ...(mergedInto.size === 0 ? {} : { mergedInto }),
    ...(deletedHubSpot.size === 0 ? {} : { deletedHubSpot }),
    ...(placeholder === undefined ? {} : { requiredFieldPlaceholder: placeholder }),
    ...(ctx.cycle.salesforceImport === undefined ? {} : { salesforceImport: true }),
  }
  return { connectionId: ctx.setup.connectionId, input, links: links.all(), changedHubSpot, fromCapture }
}

function idsOf(rows: readonly InboxRow[], side: 'hubspot' | 'salesforce'): string[] {
  return rows.filter((r) => r.side === side).map((r) => r.recordId)
}

/** Accounts by id, from the capture cache when this cycle has not written them since. */
function readAccounts(
  ctx: ReadContext,
  cache: CompanyCache,
  mappings: readonly CompanyMapping[],
  wanted: ReadonlySet<string>,
  into: Map<string, SalesforceAccountRecord>,
  fromCapture: Set<string>,
): Promise<void> {
  return salesforceFromCaptureOrRead(cache, wanted, into, fromCapture, (ids) =>
    ctx.deps.salesforce.retrieveAccounts(ids, accountFieldsFor(mappings)),
  )
}

/** The contacts of unlinked companies: their links, their Contact's account, their list membership. */
async function contactFacts(
  ctx: ReadContext,
  companyIds: readonly string[],
  hubspot: ReadonlyMap<string, HubSpotCompanyRecord>,
): Promise<Map<string, CompanyContactFacts>> {
  const ids = [
    ...new Set(
      companyIds.flatMap((id) => {
        const record = hubspot.get(id)
        return record?.primaryContactIds ?? record?.contactIds ?? []
      }),
    ),
  ]
  const facts = new Map<string, CompanyContactFacts>()
  if (ids.length === 0) return facts
  const contactLinks = new BatchLinks(ctx.store, ctx.setup.connectionId, 'contact')
  await contactLinks.load('hubspot', ids)
  const members = await cycleListMembers(ctx, ctx.setup.settings.inclusionList)
  const sfContacts = ids.flatMap((id) => {
    const link = contactLinks.find('hubspot', id)
    return link?.state === 'active' && link.salesforceType === 'Contact' ? [link.salesforceId] : []
  })
  const records =
    sfContacts.length === 0
      ? new Map<string, SalesforceContactRecord>()
      : await ctx.deps.salesforce.retrieve('Contact', sfContacts, ['AccountId'])
  for (const id of ids) {
    const link = contactLinks.find('hubspot', id)
    const eligible = ctx.setup.settings.inclusionList === null || members.has(id)
    const linked =
      link?.state !== 'active'
        ? undefined
        : link.salesforceType === 'Contact'
          ? {
              type: 'Contact' as const,
              id: link.salesforceId,
              accountId: accountIdOf(records.get(link.salesforceId)?.fields['AccountId']),
            }
          : { type: 'Lead' as const, id: link.salesforceId, accountId: null }
    facts.set(id, { hubspotId: id, eligible, ...(linked === undefined ? {} : { linked }) })
  }
  return facts
}

const accountIdOf = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null

/** For unlinked accounts: the HubSpot contacts linked to their Contacts, with those contacts' primary company. */
async function accountContactFacts(
  ctx: ReadContext,
  accountIds: readonly string[],
): Promise<Map<string, AccountContactFacts[]>> {
  const out = new Map<string, AccountContactFacts[]>()
  if (accountIds.length === 0) return out
  const members = await ctx.deps.salesforce.findContactsByAccount(accountIds)
  if (members.length === 0) return out
  const contactLinks = new BatchLinks(ctx.store, ctx.setup.connectionId, 'contact')
  await contactLinks.load(
    'salesforce',
    members.map((m) => m.id),
  )
  const linked = members.flatMap((m) => {
    const link = contactLinks.find('salesforce', m.id)
    return link?.state === 'active' ? [{ member: m, hubspotId: link.hubspotId }] : []
  })
  const primary =
    linked.length === 0
      ? new Map<string, string | null>()
      : await ctx.deps.hubspot.readPrimaryCompanies(linked.map((l) => l.hubspotId))
  for (const { member, hubspotId } of linked) {
    const list = out.get(member.accountId) ?? []
    list.push({
      salesforceId: member.id,
      hubspotContactId: hubspotId,
      primaryCompanyId: primary.get(hubspotId) ?? null,
    })
    out.set(member.accountId, list)
  }
  return out
}
