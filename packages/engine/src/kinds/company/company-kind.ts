import {
  type CompanyAction,
  type CreatedSalesforce,
  mergeHubSpotUpdates,
  planCompanies,
  resolveCreates,
  type SalesforceAccountRecord,
} from '@crmsync/core'

import type { ActionHandlers } from '../../pipeline/action-handler.js'
import type { ObjectKindDescriptor } from '../../pipeline/object-kind.js'
import { pairHandlers } from '../../pipeline/pair/pair-handlers.js'
import { type PairIo, pairIoContext } from '../../pipeline/pair/pair-io.js'
import { releaseCaptured } from '../contact/planned-pairs.js'
import { type CompanyCache, createCompanyCache } from './company-cache.js'
import { COMPANY_CAPTURE } from './company-capture.js'
import { accountFieldsFor, companyHistoryFor, companyPropertiesFor } from './company-fields.js'
import { type CompanyRead, readCompanies } from './read-companies.js'

type CompanyIo = PairIo<'Account'>

const COMPANY_HANDLERS: ActionHandlers<CompanyAction, CompanyIo> = pairHandlers<'Account'>()

/**
 * HubSpot companies with Salesforce Accounts: pass 2 of design.md 3.4. Capture reads Accounts and companies;
 * the plan is core's planCompanies; between the Salesforce and HubSpot writes the created accounts are read
 * back and planned as their own echo (their owner, B-OWN-8/11, and whatever Salesforce set), and each
 * company's HubSpot writes are merged into one update with its `salesforceaccountid`.
 */
export const COMPANY_KIND: ObjectKindDescriptor<
  CompanyCache,
  CompanyRead,
  CompanyAction,
  CompanyIo,
  readonly CreatedSalesforce<'Account', SalesforceAccountRecord>[]
> = {
  kind: 'company',
  createCache: createCompanyCache,
  capture: COMPANY_CAPTURE,
  read: readCompanies,
  links: (read) => read.links,
  plan(read) {
    const plan = planCompanies(read.input)
    return { actions: plan.actions, more: plan.hubspotHistoryWanted }
  },
  async readMore(ctx, read, plan) {
    const mappings = read.input.mappings
    const more = await ctx.deps.hubspot.readCompanies({
      ids: plan.more,
      properties: companyPropertiesFor(mappings),
      historyFor: companyHistoryFor(mappings),
    })
    // Contacts read for qualification stay with the records that had them.
    const hubspot = new Map(read.input.hubspot)
    for (const [id, record] of more.records) {
      const before = hubspot.get(id)
      hubspot.set(
        id,
        before?.contactIds === undefined
          ? record
          : { ...record, contactIds: before.contactIds, primaryContactIds: before.primaryContactIds },
      )
    }
    return { ...read, input: { ...read.input, hubspot } }
  },
  afterSalesforce: {
    async read(ctx, read, applied) {
      const created = applied.created.flatMap((c) =>
        c.side === 'salesforce' ? [{ hubspotId: c.key, ref: { type: 'Account' as const, id: c.id } }] : [],
      )
      if (created.length === 0) return []
      try {
        const records = await ctx.deps.salesforce.retrieveAccounts(
          created.map((c) => c.ref.id),
          accountFieldsFor(read.input.mappings),
        )
        return created.map((c) => ({ ...c, record: records.get(c.ref.id) }))
      } catch (err) {
        ctx.deps.logger.warn(
          { connectionId: read.connectionId, err },
          'read-back of created accounts failed; their server-set values follow next cycle',
        )
        return created
      }
    },
    plan: (read, actions, _applied, created) =>
      mergeHubSpotUpdates<'Account', CompanyAction>(
        read.input,
        resolveCreates({
          actions,
          created,
          connectionId: read.connectionId,
          objectKind: 'company',
          now: read.input.now,
          planEchoes: (echoes) =>
            planCompanies({
              ...read.input,
              changes: echoes.map((e) => ({ side: 'salesforce', id: e.ref.id, event: 'changed' })),
              salesforce: new Map(echoes.map((e) => [e.ref.id, e.record])),
              links: echoes.map((e) => e.link),
              accountContacts: new Map(),
              mergedInto: undefined,
              deletedHubSpot: undefined,
            }).actions,
        }),
      ),
  },
  io: (ctx, read): CompanyIo => ({
    ...pairIoContext(ctx, read),
    objectKind: 'company',
    salesforceTypes: ['Account'],
    hubspot: {
      upsert: (inputs) =>
        ctx.deps.hubspot.upsertCompanies(
          inputs.map((i) => ({ salesforceId: i.salesforceId, properties: i.properties })),
        ),
      update: (inputs) => ctx.deps.hubspot.updateCompanies(inputs),
      archive: (ids) => ctx.deps.hubspot.archiveCompanies(ids),
    },
  }),
  handlers: COMPANY_HANDLERS,
  afterCommit(_ctx, cache, read, batch) {
    releaseCaptured(cache, read.fromCapture, batch)
  },
}
