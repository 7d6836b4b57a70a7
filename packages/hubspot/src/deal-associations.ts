// A deal's contacts (v4 type 3) and primary company (v4 type 5), read and changed as per-pair results
// (api-surface 3.5). Contact roles and Opportunity.AccountId are applied as a diff against these
// (design.md 3.4), so every change names one pair and a bad pair never fails the rest.
import type {
  HubSpotDealAssociationResult,
  HubSpotDealCompanyChange,
  HubSpotDealContactChange,
  SyncErrorCode,
} from '@crmsync/core'
import { SyncError } from '@crmsync/core'

import { type AssociationsDeps, readAssociations } from './associations.js'
import { chunk, isPerRecordCode } from './batch-write.js'
import { classifyBatchError, idsOfBatchError } from './errors.js'
import { COMPANIES, CONTACTS, DEALS } from './object-kinds.js'

/** deal -> contact (api-surface 3.5). */
export const DEAL_CONTACT_TYPE_ID = 3
/** deal -> company, the primary company. */
export const DEAL_PRIMARY_COMPANY_TYPE_ID = 5

type Outcome = HubSpotDealAssociationResult
type Pair = readonly [dealId: string, toId: string]

interface CreateReply {
  readonly results: ReadonlyArray<{
    readonly fromObjectId: string | number
    readonly toObjectId: string | number
  }>
  readonly errors?: ReadonlyArray<Record<string, unknown>> | undefined
}

export interface DealAssociations {
  /** Per deal read: its associated contacts (any label). */
  readonly contacts: ReadonlyMap<string, readonly string[]>
  /** Per deal read: its primary company, or null. */
  readonly primaryCompany: ReadonlyMap<string, string | null>
}

/** Contacts and primary companies of `dealIds`: 2 calls per `batchSize` deals. */
export async function readDealAssociations(
  deps: AssociationsDeps,
  dealIds: readonly string[],
): Promise<DealAssociations> {
  return {
    contacts: await readDealContactIds(deps, dealIds),
    primaryCompany: await readDealCompanies(deps, dealIds),
  }
}

/**
 * Each deal's associated contacts (any label): 1 call per `batchSize` deals. A deal HubSpot does not have is
 * absent from the map (not an empty list).
 */
export async function readDealContactIds(
  deps: AssociationsDeps,
  dealIds: readonly string[],
): Promise<Map<string, readonly string[]>> {
  const contacts = await readAssociations(deps, DEALS, CONTACTS, dealIds)
  return new Map(
    dealIds.flatMap((id) =>
      contacts.missing.has(id) ? [] : [[id, (contacts.targets.get(id) ?? []).map((c) => c.id)] as const],
    ),
  )
}

/** Each deal's primary company (type 5), or null: 1 call per `batchSize` deals. */
export async function readDealCompanies(
  deps: AssociationsDeps,
  dealIds: readonly string[],
): Promise<Map<string, string | null>> {
  const companies = await readAssociations(deps, DEALS, COMPANIES, dealIds)
  const primary = (id: string): string | null =>
    companies.targets
      .get(id)
      ?.find((company) =>
        company.types.some(
          (type) => type.typeId === DEAL_PRIMARY_COMPANY_TYPE_ID && type.category === 'HUBSPOT_DEFINED',
        ),
      )?.id ?? null
  return new Map(dealIds.map((id) => [id, primary(id)]))
}

const written = ([dealId, toId]: Pair): Outcome => ({ outcome: 'written', dealId, toId })
const failed = ([dealId, toId]: Pair, code: SyncErrorCode, message: string): Outcome => ({
  outcome: 'failed',
  dealId,
  toId,
  code,
  message,
})

/** Adds (type 3) and removes deal-contact associations: 1 call per `batchSize` of each. */
export async function changeDealContacts(
  deps: AssociationsDeps,
  changes: readonly HubSpotDealContactChange[],
): Promise<Outcome[]> {
  const adds = changes.filter((c) => c.op === 'add').map((c): Pair => [c.dealId, c.contactId])
  const removes = changes.filter((c) => c.op === 'remove').map((c): Pair => [c.dealId, c.contactId])
  const outcomes: Outcome[] = []
  for (const part of chunk(adds, deps.batchSize))
    outcomes.push(...(await perPair(part, (pairs) => create(deps, 'contacts', DEAL_CONTACT_TYPE_ID, pairs))))
  for (const part of chunk(removes, deps.batchSize))
    outcomes.push(...(await perPair(part, (pairs) => archive(deps, pairs))))
  return outcomes
}

/** Sets primary companies (type 5; HubSpot keeps the old one associated, unlabeled): 1 call per batch. */
export async function setDealCompanies(
  deps: AssociationsDeps,
  changes: readonly HubSpotDealCompanyChange[],
): Promise<Outcome[]> {
  const pairs = changes.map((c): Pair => [c.dealId, c.companyId])
  const outcomes: Outcome[] = []
  for (const part of chunk(pairs, deps.batchSize))
    outcomes.push(
      ...(await perPair(part, (chunked) => create(deps, 'companies', DEAL_PRIMARY_COMPANY_TYPE_ID, chunked))),
    )
  return outcomes
}

async function create(
  deps: AssociationsDeps,
  to: 'contacts' | 'companies',
  typeId: number,
  pairs: readonly Pair[],
): Promise<Outcome[]> {
  const batch = deps.client.crm.associations.v4.batchApi
  const types = [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }]
  const inputs = pairs.map(([dealId, toId]) => ({ _from: { id: dealId }, to: { id: toId }, types }))
  const reply = (await deps.call(`deals to ${to} association create`, () =>
    batch.create(DEALS.objectType, to, { inputs } as unknown as Parameters<typeof batch.create>[2]),
  )) as unknown as CreateReply
  const made = new Set(reply.results.map((row) => `${String(row.fromObjectId)}:${String(row.toObjectId)}`))
  const errors = reply.errors ?? []
  const named = (id: string) => errors.find((error) => idsOfBatchError(error).includes(id))
  const unnamed = errors.find((error) => idsOfBatchError(error).length === 0)
  return pairs.map((pair) => {
    if (made.has(`${pair[0]}:${pair[1]}`)) return written(pair)
    const error = named(pair[0]) ?? named(pair[1]) ?? unnamed
    return error === undefined ? written(pair) : failed(pair, classifyBatchError(error), messageOf(error))
  })
}

/** One batch archive (204, no per-pair body): every pair is done or the call throws. */
async function archive(deps: AssociationsDeps, pairs: readonly Pair[]): Promise<Outcome[]> {
  const batch = deps.client.crm.associations.v4.batchApi
  const byDeal = new Map<string, string[]>()
  for (const [dealId, toId] of pairs) byDeal.set(dealId, [...(byDeal.get(dealId) ?? []), toId])
  const inputs = [...byDeal].map(([dealId, ids]) => ({
    _from: { id: dealId },
    to: ids.map((id) => ({ id })),
  }))
  await deps.call('deals to contacts association archive', () =>
    batch.archive(DEALS.objectType, CONTACTS.objectType, { inputs }),
  )
  return pairs.map(written)
}

/** Runs `send`; when HubSpot refuses a whole batch for what may be one bad pair, halves it to find it. */
async function perPair(items: readonly Pair[], send: (items: readonly Pair[]) => Promise<Outcome[]>) {
  if (items.length === 0) return []
  try {
    return await send(items)
  } catch (err) {
    if (!(err instanceof SyncError) || !isPerRecordCode(err.code)) throw err
    const only = items.length === 1 ? items[0] : undefined
    if (only !== undefined) return [failed(only, err.code, err.message)]
    const half = Math.ceil(items.length / 2)
    const outcomes: Outcome[] = [...(await perPair(items.slice(0, half), send))]
    outcomes.push(...(await perPair(items.slice(half), send)))
    return outcomes
  }
}

function messageOf(error: Readonly<Record<string, unknown>>): string {
  const message = error['message']
  return `HubSpot refused the association: ${typeof message === 'string' ? message : 'no message'}`
}
