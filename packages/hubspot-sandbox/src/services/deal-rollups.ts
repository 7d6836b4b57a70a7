import { isLive } from '../model/object-store.js'
import type { Portal } from '../model/portal.js'
import { type HsRecord, iso, type WriteSource } from '../model/record.js'
import { parseTime } from './normalize-value.js'
import type { WriteContext } from './record-changes.js'
import { applySystemUpdate } from './system-update.js'

/** The records that carry deal roll-ups: contacts and companies (docs/deal-rollups.md). */
export type RollupHolder = 'contacts' | 'companies'

/** The roll-up properties, the same names on contacts and companies. */
export const DEAL_ROLLUP_PROPERTIES = [
  'num_associated_deals',
  'first_deal_created_date',
  'recent_deal_amount',
  'recent_deal_close_date',
  'total_revenue',
] as const

/** Deal properties the roll-ups read: a change to one of them recomputes the deal's contacts and companies. */
export const DEAL_ROLLUP_INPUTS: ReadonlySet<string> = new Set([
  'amount',
  'closedate',
  'dealstage',
  'pipeline',
  'createdate',
])

/** HubSpot's property history names calculated values CALCULATED (as for num_associated_contacts). */
const CALCULATED: WriteSource = { sourceType: 'CALCULATED' }

/**
 * A closed-won stage: closed, with a win probability of 1 (the default pipeline's `closedwon` has
 * `isClosed: "true"`, `probability: "1.0"`). Numbers are compared, so a custom stage's "1" counts too.
 */
export function isClosedWonStage(
  portal: Portal,
  pipelineId: string | undefined,
  stageId: string | undefined,
) {
  const pipeline = portal.pipelines.get('deals')?.find((p) => p.id === pipelineId)
  const stage = pipeline?.stages.find((s) => s.id === stageId)
  return stage?.metadata['isClosed'] === 'true' && Number(stage.metadata['probability']) === 1
}

function liveDealsOf(portal: Portal, type: RollupHolder, id: number): HsRecord[] {
  const deals: HsRecord[] = []
  for (const edge of portal.associations.edges(type, id, 'deals')) {
    const deal = portal.stores.deals.records.get(edge.toId)
    if (deal !== undefined && isLive(deal)) deals.push(deal)
  }
  return deals
}

const closeTime = (deal: HsRecord): number => {
  const value = deal.props['closedate']
  const ms = value === undefined ? Number.NaN : parseTime(value)
  return Number.isFinite(ms) ? ms : Number.NEGATIVE_INFINITY
}

/** Sums decimal strings without binary noise such as 0.1 + 0.2 = 0.30000000000000004. */
function sum(amounts: readonly number[]): string {
  return String(Math.round(amounts.reduce((total, amount) => total + amount, 0) * 1e6) / 1e6)
}

/**
 * The roll-ups as HubSpot defines them (docs/deal-rollups.md): the number of associated deals, the earliest
 * deal create date, the close date and amount of the most recently closed closed-won deal, and the sum of
 * the closed-won amounts. Counts and sums that once had a value read "0" when nothing is left; the rest clear.
 */
export function computeDealRollups(
  portal: Portal,
  type: RollupHolder,
  record: HsRecord,
): Record<string, string | undefined> {
  const deals = liveDealsOf(portal, type, record.id)
  const won = deals.filter((deal) =>
    isClosedWonStage(portal, deal.props['pipeline'], deal.props['dealstage']),
  )
  // Latest close date first; among equal dates the later created deal is the more recent one.
  const recent = [...won].sort((a, b) => closeTime(b) - closeTime(a) || b.createdAt - a.createdAt)[0]
  const firstCreated = deals.length === 0 ? undefined : Math.min(...deals.map((deal) => deal.createdAt))
  const amounts = won.map((deal) => Number(deal.props['amount'] ?? 0)).filter(Number.isFinite)
  const keepZero = (name: string): string | undefined => (record.props[name] === undefined ? undefined : '0')
  return {
    num_associated_deals: deals.length > 0 ? String(deals.length) : keepZero('num_associated_deals'),
    first_deal_created_date: firstCreated === undefined ? undefined : iso(firstCreated),
    recent_deal_amount: recent?.props['amount'],
    recent_deal_close_date: recent?.props['closedate'],
    total_revenue: won.length > 0 ? sum(amounts) : keepZero('total_revenue'),
  }
}

/**
 * Recomputes one contact's or company's roll-ups. A change is a system update: the values are attributed to
 * CALCULATED and the last-modified time moves, so a poller's last-modified search finds the record.
 */
export function refreshDealRollups(ctx: WriteContext, type: RollupHolder, id: number): void {
  const record = ctx.portal.stores[type].records.get(id)
  if (record === undefined || !isLive(record)) return
  const values = computeDealRollups(ctx.portal, type, record)
  const changed = Object.entries(values).some(([name, value]) => record.props[name] !== value)
  if (changed) applySystemUpdate({ portal: ctx.portal, source: CALCULATED }, type, record, values, true)
}

/** Recomputes the roll-ups of every contact and company associated with a deal. */
export function refreshRollupsOfDeal(ctx: WriteContext, dealId: number): void {
  for (const type of ['contacts', 'companies'] as const)
    for (const edge of ctx.portal.associations.edges('deals', dealId, type))
      refreshDealRollups(ctx, type, edge.toId)
}

/** Fills the roll-ups of freshly seeded records without history or webhooks, as seeds do for other values. */
export function seedDealRollups(portal: Portal, type: RollupHolder, record: HsRecord): void {
  for (const [name, value] of Object.entries(computeDealRollups(portal, type, record)))
    if (value !== undefined) record.props[name] = value
}
