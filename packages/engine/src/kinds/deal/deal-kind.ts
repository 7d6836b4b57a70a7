import {
  type CreatedSalesforce,
  type DealAction,
  mergeHubSpotUpdates,
  planDeals,
  resolveCreates,
  type SalesforceOpportunityRecord,
} from '@crmsync/core'

import type { ObjectKindDescriptor } from '../../pipeline/object-kind.js'
import { pairIoContext } from '../../pipeline/pair/pair-io.js'
import { releaseCaptured } from '../contact/planned-pairs.js'
import { createDealCache, type DealCache } from './deal-cache.js'
import { DEAL_CAPTURE } from './deal-capture.js'
import { dealHistoryFor, dealPropertiesFor, opportunityFieldsFor } from './deal-fields.js'
import { DEAL_HANDLERS, type DealIo } from './deal-handlers.js'
import { type DealRead, readDeals } from './read-deals.js'

/**
 * Every deal the batch syncs goes on to the contact-role pass (deal-contact-kind.ts), which runs after this
 * batch's links are committed: HubSpot does not mark a deal changed when only its contacts change, so a
 * deal's own change is when its contacts are compared. Deletions have no contacts to compare.
 */
function contactsOfChangedDeals(read: DealRead, actions: readonly DealAction[]): DealAction[] {
  const out = [...actions]
  // One row per pair: a linked opportunity's change is sent as its deal's, so the pair is compared once.
  const dealOf = new Map(
    read.input.links.flatMap((l) => (l.state === 'active' ? [[l.salesforceId, l.hubspotId] as const] : [])),
  )
  const ids = { hubspot: new Set<string>(), salesforce: new Set<string>() }
  for (const c of read.input.changes) {
    if (c.event === 'deleted') continue
    const deal = c.side === 'salesforce' ? dealOf.get(c.id) : c.id
    if (deal === undefined) ids.salesforce.add(c.id)
    else ids.hubspot.add(deal)
  }
  for (const side of ['hubspot', 'salesforce'] as const)
    if (ids[side].size > 0)
      out.push({
        kind: 'requeue',
        objectKind: 'deal-contact',
        side,
        ids: [...ids[side]],
        reason: "B-DEAL-13/14: the deal's contacts and the opportunity's contact roles are compared",
      })
  return out
}

/**
 * HubSpot deals with Salesforce Opportunities: pass 3 of design.md 3.4, after companies. Capture reads
 * Opportunities and deals; the plan is core's planDeals over the synced pipelines (set up in HubSpot on the
 * engine's first deal pass, deal-pipelines.ts); created opportunities are read back between the Salesforce
 * and HubSpot writes and planned as their own echo, as accounts are.
 */
export const DEAL_KIND: ObjectKindDescriptor<
  DealCache,
  DealRead,
  DealAction,
  DealIo,
  readonly CreatedSalesforce<'Opportunity', SalesforceOpportunityRecord>[]
> = {
  kind: 'deal',
  createCache: createDealCache,
  capture: DEAL_CAPTURE,
  read: readDeals,
  links: (read) => read.links,
  plan(read) {
    const plan = planDeals(read.input)
    return {
      actions: contactsOfChangedDeals(read, plan.actions),
      more: plan.hubspotHistoryWanted,
    }
  },
  async readMore(ctx, read, plan) {
    const mappings = read.input.mappings
    const more = await ctx.deps.hubspot.readDeals({
      ids: plan.more,
      properties: dealPropertiesFor(mappings),
      historyFor: dealHistoryFor(mappings),
    })
    // Associations read with the records stay with them.
    const hubspot = new Map(read.input.hubspot)
    for (const [id, record] of more.records) {
      const before = hubspot.get(id)
      hubspot.set(
        id,
        before?.primaryCompanyId === undefined
          ? record
          : { ...record, primaryCompanyId: before.primaryCompanyId, contactIds: before.contactIds },
      )
    }
    return { ...read, input: { ...read.input, hubspot } }
  },
  afterSalesforce: {
    async read(ctx, read, applied) {
      const created = applied.created.flatMap((c) =>
        c.side === 'salesforce'
          ? [{ hubspotId: c.key, ref: { type: 'Opportunity' as const, id: c.id } }]
          : [],
      )
      if (created.length === 0) return []
      try {
        const records = await ctx.deps.salesforce.retrieveOpportunities(
          created.map((c) => c.ref.id),
          opportunityFieldsFor(read.input.mappings),
        )
        return created.map((c) => ({ ...c, record: records.get(c.ref.id) }))
      } catch (err) {
        ctx.deps.logger.warn(
          { connectionId: read.connectionId, err },
          'read-back of created opportunities failed; their server-set values follow next cycle',
        )
        return created
      }
    },
    plan: (read, actions, _applied, created) =>
      mergeHubSpotUpdates<'Opportunity', DealAction>(
        read.input,
        resolveCreates({
          actions,
          created,
          connectionId: read.connectionId,
          objectKind: 'deal',
          now: read.input.now,
          planEchoes: (echoes) =>
            planDeals({
              ...read.input,
              changes: echoes.map((e) => ({ side: 'salesforce', id: e.ref.id, event: 'changed' })),
              salesforce: new Map(echoes.map((e) => [e.ref.id, e.record])),
              links: echoes.map((e) => e.link),
              mergedInto: undefined,
              deletedHubSpot: undefined,
            }).actions,
        }),
      ),
  },
  io: (ctx, read): DealIo => ({
    ...pairIoContext(ctx, read),
    objectKind: 'deal',
    salesforceTypes: ['Opportunity'],
    hubspot: {
      upsert: (inputs) =>
        ctx.deps.hubspot.upsertDeals(
          inputs.map((i) => ({ salesforceId: i.salesforceId, properties: i.properties })),
        ),
      update: (inputs) => ctx.deps.hubspot.updateDeals(inputs),
      archive: (ids) => ctx.deps.hubspot.archiveDeals(ids),
    },
  }),
  handlers: DEAL_HANDLERS,
  afterCommit(ctx, cache, read, batch) {
    for (const c of batch.applied.created)
      if (c.fresh === true) ctx.cycle.createdDeals.add(`${c.side}:${c.id}`)
    releaseCaptured(cache, read.fromCapture, batch)
  },
}
