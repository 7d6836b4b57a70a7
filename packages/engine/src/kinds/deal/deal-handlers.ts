import type { DealAction } from '@crmsync/core'

import { type ActionHandler, type ActionHandlers, EventsBuilder } from '../../pipeline/action-handler.js'
import { hubspotKey } from '../../pipeline/apply-result.js'
import { pairHandlers } from '../../pipeline/pair/pair-handlers.js'
import type { PairIo } from '../../pipeline/pair/pair-io.js'

export type DealIo = PairIo<'Opportunity'>

type SetDealCompany = Extract<DealAction, { kind: 'set-deal-company' }>

/**
 * A deal's primary company from its opportunity's account (B-DEAL-15): v4 type 5, 100 per call. Runs after the
 * HubSpot creates of the step, so a deal created in this batch gets its company from the id its create
 * returned; a deal whose create failed gets nothing (its pair commits nothing either).
 */
const setDealCompany: ActionHandler<SetDealCompany, DealIo> = {
  step: 'hubspot',
  async apply(actions, io, earlier) {
    const out = new EventsBuilder()
    const targets = actions.flatMap((a) => {
      const dealId = a.dealId ?? earlier.createdOn('hubspot', a.opportunityId)?.id
      return dealId === undefined ? [] : [{ ...a, dealId }]
    })
    const results = await io.deps.hubspot.setDealCompanies(
      targets.map((a) => ({ dealId: a.dealId, companyId: a.companyId })),
    )
    targets.forEach((a, i) => {
      const result = results[i]
      if (result?.outcome === 'written') {
        out.written(a.dealId).count('hubspot', 'updated')
        return
      }
      out.failed(hubspotKey(a.dealId)).failure({
        side: 'hubspot',
        recordId: a.dealId,
        writtenSide: 'hubspot',
        code: result?.outcome === 'failed' ? result.code : 'HS_UNEXPECTED_RESPONSE',
        message: result?.outcome === 'failed' ? result.message : 'no result for this deal',
      })
    })
    return out.events()
  },
  report: (actions) => ({
    planned: actions.map((a) => ({
      kind: 'update',
      side: 'hubspot' as const,
      hubspotId: a.dealId ?? '(new deal)',
      salesforceId: a.opportunityId,
      detail: `deal primary company = ${a.companyId}`,
    })),
    apiCost: { hubspot: Math.ceil(actions.length / 100) },
    counts: [{ side: 'hubspot', key: 'updated', by: actions.length }],
  }),
  effects: () => [],
}

/** The pair handlers over Opportunities, and the deal's company after the HubSpot creates and updates. */
export const DEAL_HANDLERS: ActionHandlers<DealAction, DealIo> = {
  ...pairHandlers<'Opportunity'>(),
  'set-deal-company': setDealCompany,
}
