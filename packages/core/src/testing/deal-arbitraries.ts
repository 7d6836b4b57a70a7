import fc from 'fast-check'

import type { RawValue } from '../canonical/index.js'
import type { DealChange } from '../deal/index.js'
import type { Side } from '../model/index.js'
import type { DealWorld } from './deal-world.js'
import {
  addDeal,
  addLinkedContact,
  addOpportunity,
  addRole,
  createDealWorld,
  dealChange,
  opportunityChange,
  setStage,
  STAGE_NAMES,
  stageId,
  worldLink,
} from './deal-world.js'

/** Values users type on each side, a few per default mapping; several forms of one value on purpose. */
const HUBSPOT_VALUES: Readonly<Record<string, readonly RawValue[]>> = {
  dealname: ['Acme renewal', 'Beta', null],
  amount: ['100', '100.5', '7', null],
  closedate: ['2026-12-01T00:00:00.000Z', '2027-01-15T12:00:00.000Z'],
  dealtype: ['newbusiness', 'existingbusiness', null],
  description: ['hot', null],
  // 14 has no Salesforce user (B-OWN-4).
  hubspot_owner_id: ['11', '12', '14', null],
}
const SALESFORCE_VALUES: Readonly<Record<string, readonly RawValue[]>> = {
  Name: ['Acme renewal', 'Gamma'],
  Amount: [100, 100.5, 9, null],
  CloseDate: ['2026-12-01', '2027-02-01'],
  Type: ['New Customer', 'Existing Customer - Downgrade', null],
  Description: ['cold', null],
  // 005SFONLY has no HubSpot owner (B-OWN-1).
  OwnerId: ['005ANN', '005BOB', '005SFONLY'],
  // A record type over the cap takes the opportunity out of sync (B-DEAL-3).
  RecordTypeId: ['012NEW', '012REN', '012OVER'],
}
const PIPELINES = ['P-NEW', 'P-REN', 'default'] as const
const RECORD_TYPES = ['012NEW', '012REN', null, '012OVER'] as const
const COMPANIES = [null, 'H1', 'H2', 'H9'] as const
const ACCOUNTS = [null, '001A', '001B', '001Z'] as const
const HS_CONTACTS = ['C1', 'C2', 'C3', 'C4'] as const
const SF_CONTACTS = ['K1', 'K2', 'K5'] as const
const LIFECYCLE = [null, 'lead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist'] as const

/** One user edit on either CRM, or a sync cycle; `pick` and `value` choose among what there is. */
export type DealOp =
  | { op: 'edit'; side: Side; pick: number; field: number; value: number }
  | { op: 'stage'; side: Side; pick: number; stage: number }
  | { op: 'pipeline'; pick: number; pipeline: number }
  | { op: 'company'; side: Side; pick: number; value: number }
  | { op: 'contact'; side: Side; pick: number; contact: number; add: boolean }
  | { op: 'add'; side: Side; pipeline: number }
  | { op: 'delete'; side: Side; pick: number }
  | { op: 'sync' }

const sideArb = fc.constantFrom<Side>('hubspot', 'salesforce')
const pick = fc.nat(9)
const of = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary })

export const dealOpArb: fc.Arbitrary<DealOp> = fc.oneof(
  of(4, fc.record({ op: fc.constant('edit' as const), side: sideArb, pick, field: pick, value: pick })),
  of(3, fc.record({ op: fc.constant('stage' as const), side: sideArb, pick, stage: pick })),
  of(1, fc.record({ op: fc.constant('pipeline' as const), pick, pipeline: pick })),
  of(2, fc.record({ op: fc.constant('company' as const), side: sideArb, pick, value: pick })),
  of(
    3,
    fc.record({ op: fc.constant('contact' as const), side: sideArb, pick, contact: pick, add: fc.boolean() }),
  ),
  of(1, fc.record({ op: fc.constant('add' as const), side: sideArb, pipeline: pick })),
  of(1, fc.record({ op: fc.constant('delete' as const), side: sideArb, pick })),
  of(2, fc.record({ op: fc.constant('sync' as const) })),
)

const fixed = <T>(arb: fc.Arbitrary<T>, n: number) => fc.array(arb, { minLength: n, maxLength: n })

export const dealInitialArb = fc.record({
  /** Each deal's pipeline, stage and company. */
  deals: fc.array(fc.record({ pipeline: fc.nat(2), stage: fc.nat(3), company: fc.nat(3) }), { maxLength: 3 }),
  /** Each opportunity's record type, stage and account. */
  opportunities: fc.array(fc.record({ recordType: fc.nat(3), stage: fc.nat(3), account: fc.nat(3) }), {
    maxLength: 3,
  }),
  /** Lifecycle stage of C1..C4. */
  stages: fixed(fc.nat(LIFECYCLE.length - 1), HS_CONTACTS.length),
  /** Company sync on (the account <-> primary company pair moves only with it). */
  companySync: fc.boolean(),
})
export type DealInitial = typeof dealInitialArb extends fc.Arbitrary<infer R> ? R : never

const at = <T>(list: readonly T[], i: number): T => list[i % list.length] as T

/**
 * Deals D1.., opportunities 006O1.., companies H1/H2 paired with 001A/001B (H9 and 001Z unpaired), contacts C1
 * and C2 linked to Contacts K1 and K2, C3 to a Lead, C4 unlinked, and K5 an SF Contact with no HubSpot contact.
 */
export function buildDealWorld(init: DealInitial): DealWorld {
  const world = createDealWorld()
  world.companyLinks.push(
    worldLink('company', 'H1', 'Account', '001A'),
    worldLink('company', 'H2', 'Account', '001B'),
  )
  init.deals.forEach((d, i) =>
    addDeal(world, `D${i + 1}`, {
      pipeline: at(PIPELINES, d.pipeline),
      stage: at(STAGE_NAMES, d.stage),
      company: at(COMPANIES, d.company),
    }),
  )
  init.opportunities.forEach((o, i) =>
    addOpportunity(world, `006O${i + 1}`, {
      RecordTypeId: at(RECORD_TYPES, o.recordType),
      AccountId: at(ACCOUNTS, o.account),
    }),
  )
  for (const [i, o] of init.opportunities.entries()) setStage(world, `006O${i + 1}`, at(STAGE_NAMES, o.stage))
  HS_CONTACTS.forEach((id, i) => {
    const stage = at(LIFECYCLE, init.stages[i] ?? 0)
    if (id === 'C1' || id === 'C2') addLinkedContact(world, id, `K${i + 1}`, { stage })
    else if (id === 'C3') addLinkedContact(world, id, 'L3', { type: 'Lead', stage })
    else world.contactStages.set(id, stage)
  })
  return world
}

/** Applies one user edit; returns the changes capture would see. */
export function applyDealOp(world: DealWorld, op: Exclude<DealOp, { op: 'sync' }>): DealChange[] {
  const deals = [...world.deals.keys()]
  const opps = [...world.opportunities.keys()]
  const dealId = deals.length === 0 ? undefined : at(deals, op.op === 'add' ? 0 : op.pick)
  const oppId = opps.length === 0 ? undefined : at(opps, op.op === 'add' ? 0 : op.pick)
  const onHubSpot = 'side' in op && op.side === 'hubspot'
  switch (op.op) {
    case 'edit': {
      const values = onHubSpot ? HUBSPOT_VALUES : SALESFORCE_VALUES
      const field = at(Object.keys(values), op.field)
      const value = at(values[field] ?? [null], op.value)
      if (onHubSpot && dealId !== undefined) {
        world.deals.get(dealId)!.properties[field] = value
        return [dealChange(dealId)]
      }
      if (!onHubSpot && oppId !== undefined) {
        world.opportunities.get(oppId)!.fields[field] = value
        return [opportunityChange(oppId)]
      }
      return []
    }
    case 'stage': {
      const stage = at(STAGE_NAMES, op.stage)
      if (onHubSpot && dealId !== undefined) {
        const deal = world.deals.get(dealId)!
        const pipeline = String(deal.properties['pipeline'])
        if (pipeline === 'default') return []
        deal.properties['dealstage'] = stageId(pipeline, stage)
        return [dealChange(dealId)]
      }
      if (!onHubSpot && oppId !== undefined) {
        setStage(world, oppId, stage)
        return [opportunityChange(oppId)]
      }
      return []
    }
    case 'pipeline': {
      if (dealId === undefined) return []
      const deal = world.deals.get(dealId)!
      const pipeline = at(PIPELINES, op.pipeline)
      const label = String(deal.properties['dealstage']).startsWith('P-')
        ? STAGE_NAMES[Number(String(deal.properties['dealstage']).split(':')[1])]
        : 'Prospecting'
      deal.properties['pipeline'] = pipeline
      deal.properties['dealstage'] =
        pipeline === 'default' ? 'appointmentscheduled' : stageId(pipeline, label ?? 'Prospecting')
      return [dealChange(dealId)]
    }
    case 'company': {
      if (onHubSpot && dealId !== undefined) {
        world.deals.get(dealId)!.primaryCompanyId = at(COMPANIES, op.value)
        return [dealChange(dealId)]
      }
      if (!onHubSpot && oppId !== undefined) {
        world.opportunities.get(oppId)!.fields['AccountId'] = at(ACCOUNTS, op.value)
        return [opportunityChange(oppId)]
      }
      return []
    }
    case 'contact': {
      if (onHubSpot && dealId !== undefined) {
        const deal = world.deals.get(dealId)!
        const contact = at(HS_CONTACTS, op.contact)
        deal.contactIds = deal.contactIds.filter((c) => c !== contact)
        if (op.add) deal.contactIds.push(contact)
        return [dealChange(dealId)]
      }
      if (!onHubSpot && oppId !== undefined) {
        const contact = at(SF_CONTACTS, op.contact)
        const existing = [...world.roles.values()].filter(
          (r) => r.opportunityId === oppId && r.contactId === contact,
        )
        if (op.add) addRole(world, oppId, contact)
        else for (const r of existing) world.roles.delete(r.id)
        return [opportunityChange(oppId)]
      }
      return []
    }
    case 'add': {
      const n = ++world.counter
      if (onHubSpot) {
        addDeal(world, `DU${n}`, { pipeline: at(PIPELINES, op.pipeline) })
        return [dealChange(`DU${n}`)]
      }
      addOpportunity(world, `006U${n}`, { RecordTypeId: at(RECORD_TYPES, op.pipeline) })
      return [opportunityChange(`006U${n}`)]
    }
    case 'delete': {
      if (onHubSpot && dealId !== undefined) {
        world.deals.delete(dealId)
        return [dealChange(dealId, 'deleted')]
      }
      if (!onHubSpot && oppId !== undefined) {
        world.opportunities.delete(oppId)
        for (const r of [...world.roles.values()]) if (r.opportunityId === oppId) world.roles.delete(r.id)
        return [opportunityChange(oppId, 'deleted')]
      }
      return []
    }
    default:
      return []
  }
}
