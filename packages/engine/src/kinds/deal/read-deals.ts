import type {
  DealChange,
  HubSpotDealRecord,
  InboxRow,
  Link,
  PlanDealsInput,
  SalesforceOpportunityRecord,
} from '@crmsync/core'
import { DEAL_LINK_RULES, prepareLinks, rawToString } from '@crmsync/core'

import type { ReadContext } from '../../engine-context.js'
import { cycleOwners } from '../../owners/cycle-owners.js'
import { BatchLinks } from '../../pipeline/batch-links.js'
import { isCapturedEcho, salesforceFromCaptureOrRead } from '../../pipeline/capture-cache.js'
import { cycleTransform } from '../../pipeline/cycle-transform.js'
import type { DealCache } from './deal-cache.js'
import { type DealEchoContext, isDealEcho, isOpportunityEcho } from './deal-echo.js'
import { dealPropertiesFor, isOpportunityId, opportunityFieldsFor } from './deal-fields.js'

/** A batch of deal rows, read: the planner's input, and what the later stages need besides. */
export interface DealRead {
  readonly connectionId: string
  readonly input: PlanDealsInput
  /** The deal links as stored. */
  readonly links: readonly Link[]
  readonly changedHubSpot: ReadonlySet<string>
  /** `side:id` of the records served from this cycle's capture rather than read by id. */
  readonly fromCapture: ReadonlySet<string>
}

const key = (side: 'hubspot' | 'salesforce', id: string) => `${side}:${id}`

/**
 * The read stage for deals (design.md 3.4 pass 3): deals and opportunities from the capture or by id, their
 * counterparts, the deal links, HubSpot merges and deletes, the synced pipelines, and, with company sync on,
 * each deal's primary company and the company links of the companies and accounts they name (B-DEAL-15).
 * Deals are never matched (B-DEAL-7), so nothing is looked up for the unlinked. Reads only.
 */
export async function readDeals(
  ctx: ReadContext,
  cache: DealCache,
  rows: readonly InboxRow[],
): Promise<DealRead> {
  if (ctx.setup.deals === undefined) throw new Error('the deal pass ran with deal sync off')
  const mappings = await ctx.state.dealMappings()
  const pipelines = await ctx.state.dealPipelines(ctx.mode === 'dry-run')
  const companySync = ctx.setup.companies !== undefined
  const links = new BatchLinks(ctx.store, ctx.setup.connectionId, 'deal')
  const fromCapture = new Set<string>()
  const planned = rows.filter(
    (r) => ctx.cycle.replanned.has(r.recordId) || !cache.consumed.has(key(r.side, r.recordId)),
  )
  await links.load('hubspot', idsOf(planned, 'hubspot'))
  await links.load('salesforce', idsOf(planned, 'salesforce'))
  const echo: DealEchoContext = {
    mappings,
    pipelines: pipelines.pipelines,
    unsyncedRecordTypes: pipelines.unsyncedRecordTypes,
    transform: await cycleTransform(ctx),
    companySync,
  }
  // A captured record that holds exactly what its link last saw on that side: our own write coming back.
  const rowsToPlan = planned.filter(
    (r) =>
      !isCapturedEcho(ctx.cycle, cache, r, {
        salesforce: (record) => isOpportunityEcho(record, links.find('salesforce', record.id), echo),
        hubspot: (record) => isDealEcho(record, links.find('hubspot', record.id), echo),
      }),
  )
  const hsIds = idsOf(rowsToPlan, 'hubspot')
  const sfIds = idsOf(rowsToPlan, 'salesforce').filter(isOpportunityId)

  // HubSpot: changed deals and the counterparts of changed opportunities, from the capture or by id; with
  // company sync on, their primary companies too (capture does not return associations).
  const counterparts = sfIds.flatMap((id) => {
    const link = links.find('salesforce', id)
    return link === undefined ? [] : [link.hubspotId]
  })
  const hubspot = new Map<string, HubSpotDealRecord>()
  const missing = new Set<string>()
  const mergedInto = new Map<string, string>()
  const toRead: string[] = []
  for (const id of new Set([...hsIds, ...counterparts])) {
    // A resync or a replan reads fresh: the capture may be older than what it is planned for.
    const fresh = cache.written.has(id) || ctx.cycle.resync.has(id) || ctx.cycle.replanned.has(id)
    const cached = fresh ? undefined : cache.hubspot.get(id)
    if (cached === undefined) toRead.push(id)
    else {
      hubspot.set(id, cached)
      fromCapture.add(key('hubspot', id))
    }
  }
  if (toRead.length > 0) {
    const read = await ctx.deps.hubspot.readDeals({ ids: toRead, properties: dealPropertiesFor(mappings) })
    for (const [id, record] of read.records) hubspot.set(id, record)
    for (const id of read.missing) missing.add(id)
    for (const [from, to] of read.mergedInto) mergedInto.set(from, to)
  }
  if (companySync && hubspot.size > 0) {
    const companies = await ctx.deps.hubspot.readDealCompanies([...hubspot.keys()])
    for (const [id, record] of hubspot)
      hubspot.set(id, { ...record, primaryCompanyId: companies.get(id) ?? null })
  }
  await links.load('hubspot', mergedInto.values())
  await links.load(
    'hubspot',
    [...hubspot.values()].flatMap((r) => [r.id, ...(r.mergedObjectIds ?? [])]),
  )
  links.anticipate(prepareLinks({ links: links.all(), hubspot, mergedInto }, DEAL_LINK_RULES).links)

  // Salesforce: changed opportunities and the counterparts of changed deals.
  const changeAt = new Map<string, DealChange>()
  const changedHubSpot = new Set<string>()
  const wanted = new Set<string>()
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
    if (cache.deletions.has(id)) {
      changeAt.set(key('salesforce', id), { side: 'salesforce', id, event: 'deleted' })
      continue
    }
    changeAt.set(key('salesforce', id), { side: 'salesforce', id, event: 'changed' })
    wanted.add(id)
  }
  const salesforce = new Map<string, SalesforceOpportunityRecord>()
  await salesforceFromCaptureOrRead(cache, wanted, salesforce, fromCapture, (ids) =>
    ctx.deps.salesforce.retrieveOpportunities(ids, opportunityFieldsFor(mappings)),
  )

  // Company links of the companies and accounts the deals and opportunities name (B-DEAL-15, 16).
  const companyLinks = new BatchLinks(ctx.store, ctx.setup.connectionId, 'company')
  if (companySync) {
    await companyLinks.load(
      'hubspot',
      [...hubspot.values()].flatMap((r) =>
        typeof r.primaryCompanyId === 'string' ? [r.primaryCompanyId] : [],
      ),
    )
    await companyLinks.load(
      'salesforce',
      [...salesforce.values()].flatMap((r) => {
        const account = rawToString(r.fields['AccountId'])
        return account === null || account === undefined || account === '' ? [] : [account]
      }),
    )
  }

  // A changed opportunity whose deal HubSpot no longer has: deleted there, so the link is tombstoned.
  const deletedHubSpot = new Set(counterparts.filter((id) => missing.has(id) && !hsIds.includes(id)))
  const changes = [...rowsToPlan]
    .sort((a, b) => a.seq - b.seq)
    .flatMap((r) => {
      const change = changeAt.get(key(r.side, r.recordId))
      changeAt.delete(key(r.side, r.recordId))
      return change === undefined ? [] : [change]
    })
  const placeholder = ctx.setup.settings.requiredFieldPlaceholder
  const input: PlanDealsInput = {
    sync: true,
    companySync,
    now: ctx.deps.clock.now(),
    timeZone: await ctx.state.timeZone(),
    mappings,
    owners: await cycleOwners(ctx),
    pipelines: pipelines.pipelines,
    unsyncedRecordTypes: pipelines.unsyncedRecordTypes,
    changes,
    hubspot,
    salesforce,
    links: links.all(),
    companyLinks: companyLinks.all(),
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
