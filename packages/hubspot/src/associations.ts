// Associations v4 (api-surface 3.5): a company's contacts, and a contact's primary company (type 1,
// "Primary", HUBSPOT_DEFINED). A contact has at most one primary company; setting another moves the label
// and leaves the old company associated (unlabeled, 279), which is what the port promises.
import type { HubSpotAssociationResult, HubSpotPrimaryCompanyChange, SyncErrorCode } from '@crmsync/core'
import { SyncError } from '@crmsync/core'
import type { Client } from '@hubspot/api-client'

import { chunk, isPerRecordCode } from './batch-write.js'
import { classifyBatchError, idsOfBatchError } from './errors.js'
import { COMPANIES, CONTACTS, type HubSpotObjectKind } from './object-kinds.js'
import type { Call } from './retry-policy.js'

/** contact -> company, the primary company (api-surface 3.5; the client's AssociationTypes enum). */
export const PRIMARY_COMPANY_TYPE_ID = 1

const PRIMARY_COMPANY = {
  associationCategory: 'HUBSPOT_DEFINED',
  associationTypeId: PRIMARY_COMPANY_TYPE_ID,
} as const

type BatchApi = Client['crm']['associations']['v4']['batchApi']
type AssociationSpec = Parameters<BatchApi['create']>[2]['inputs'][number]['types'][number]

/** One associated record and the types (labels) that link it, in the direction read. */
export interface AssociatedRecord {
  readonly id: string
  readonly types: ReadonlyArray<{ readonly category: string; readonly typeId: number }>
}

export interface AssociationsRead {
  /** Per requested id that has associations; an id with none is absent (HubSpot leaves it out). */
  readonly targets: ReadonlyMap<string, readonly AssociatedRecord[]>
  /** Requested ids HubSpot reported as not found (207 errors). */
  readonly missing: ReadonlySet<string>
}

/** A 207 body's parts we read: the client types the results, the errors are StandardErrors. */
interface ReadReply {
  readonly results: ReadonlyArray<{
    readonly _from: { readonly id: string }
    readonly to: ReadonlyArray<{
      readonly toObjectId: string | number
      readonly associationTypes: ReadonlyArray<{ readonly category: string; readonly typeId: number }>
    }>
    readonly paging?: { readonly next?: { readonly after?: string } } | undefined
  }>
  readonly errors?: ReadonlyArray<Record<string, unknown>> | undefined
}

interface CreateReply {
  readonly results: ReadonlyArray<{ readonly fromObjectId: string | number }>
  readonly errors?: ReadonlyArray<Record<string, unknown>> | undefined
}

export interface AssociationsDeps {
  readonly client: Client
  readonly call: Call
  /** Inputs per batch call (HubSpot allows more for associations; the connector uses one size throughout). */
  readonly batchSize: number
}

const isPrimary = (type: { category: string; typeId: number }): boolean =>
  type.typeId === PRIMARY_COMPANY_TYPE_ID && type.category === 'HUBSPOT_DEFINED'

/** company -> contact, the inverse of PRIMARY_COMPANY_TYPE_ID: the contact's primary company is this one. */
export const PRIMARY_CONTACT_TYPE_ID = 2

/** A contact associated with a company (read from the company) whose primary company that is. */
export const isPrimaryContact = (contact: AssociatedRecord): boolean =>
  contact.types.some((type) => type.typeId === PRIMARY_CONTACT_TYPE_ID && type.category === 'HUBSPOT_DEFINED')

/** The company a contact's associations mark primary, else null. */
export function primaryCompanyOf(companies: readonly AssociatedRecord[] | undefined): string | null {
  return companies?.find((company) => company.types.some(isPrimary))?.id ?? null
}

/**
 * Every association of `ids` from one type to another, any label: 1 call per `batchSize` ids, and one more
 * round for the records whose associations come in more than one page (`paging.next.after` per input).
 */
export async function readAssociations(
  deps: AssociationsDeps,
  from: HubSpotObjectKind,
  to: HubSpotObjectKind,
  ids: readonly string[],
): Promise<AssociationsRead> {
  const batch = deps.client.crm.associations.v4.batchApi
  const targets = new Map<string, AssociatedRecord[]>()
  const missing = new Set<string>()
  let pending: Array<{ id: string; after?: string }> = [...new Set(ids)].map((id) => ({ id }))
  while (pending.length > 0) {
    const next: Array<{ id: string; after: string }> = []
    for (const inputs of chunk(pending, deps.batchSize)) {
      const reply = (await deps.call(`${from.objectType} to ${to.objectType} associations read`, () =>
        batch.getPage(from.objectType, to.objectType, { inputs }),
      )) as unknown as ReadReply
      for (const row of reply.results) {
        const id = String(row._from.id)
        const list = targets.get(id) ?? []
        for (const target of row.to) {
          const types = target.associationTypes.map(({ category, typeId }) => ({ category, typeId }))
          list.push({ id: String(target.toObjectId), types })
        }
        targets.set(id, list)
        const after = row.paging?.next?.after
        if (after !== undefined) next.push({ id, after })
      }
      for (const error of reply.errors ?? []) for (const id of idsOfBatchError(error)) missing.add(id)
    }
    pending = next
  }
  return { targets, missing }
}

/** Each contact's primary company (null: none): 1 call per `batchSize` contacts. */
export async function readPrimaryCompanies(
  deps: AssociationsDeps,
  contactIds: readonly string[],
): Promise<Map<string, string | null>> {
  const { targets } = await readAssociations(deps, CONTACTS, COMPANIES, contactIds)
  return new Map(contactIds.map((id) => [id, primaryCompanyOf(targets.get(id))]))
}

type Outcome = HubSpotAssociationResult

const contactOfPair = ([contactId]: readonly [string, string]): string => contactId
const written = (contactId: string): Outcome => ({ outcome: 'written', contactId })
const failed = (contactId: string, code: SyncErrorCode, message: string): Outcome => ({
  outcome: 'failed',
  contactId,
  code,
  message,
})

/**
 * Sets or removes primary companies with per-contact results; a failure of one never fails the rest.
 * - Set: v4 batch create of type 1, 1 call per `batchSize` contacts.
 * - Remove (`companyId: null`): v4 batch read of the contacts' companies, then a batch labels archive of
 *   type 1 for those that have a primary, 1 + 1 calls per `batchSize` (the archive only when some have
 *   one). The company stays associated, unlabeled: removing the primary is not unlinking the company.
 * A contact named twice gets its last change (both results report it). When HubSpot refuses a whole batch
 * for what may be one bad pair (400, 404, 409), the batch is halved until the pair is found. Whole-call
 * failures (auth, limits, 5xx after the retries) throw.
 */
export async function setPrimaryCompanies(
  deps: AssociationsDeps,
  changes: readonly HubSpotPrimaryCompanyChange[],
): Promise<Outcome[]> {
  const latest = new Map<string, string | null>()
  for (const change of changes) latest.set(change.contactId, change.companyId)
  const sets: Array<readonly [string, string]> = []
  const removals: string[] = []
  for (const [contactId, companyId] of latest)
    if (companyId === null) removals.push(contactId)
    else sets.push([contactId, companyId])
  const outcomes = new Map<string, Outcome>()
  for (const part of chunk(sets, deps.batchSize)) {
    const done = await perPair(part, contactOfPair, (pairs) => createPrimaries(deps, pairs))
    for (const outcome of done) outcomes.set(outcome.contactId, outcome)
  }
  for (const part of chunk(removals, deps.batchSize)) {
    const done = await removePrimaries(deps, part)
    for (const outcome of done) outcomes.set(outcome.contactId, outcome)
  }
  return changes.map(
    (change) =>
      outcomes.get(change.contactId) ??
      failed(change.contactId, 'HS_UNEXPECTED_RESPONSE', 'HubSpot gave no result for this contact'),
  )
}

/** The v4 batch inputs that name the primary type (1) between each contact and company. */
function primaryInputs(pairs: ReadonlyArray<readonly [string, string]>) {
  const types = [PRIMARY_COMPANY as unknown as AssociationSpec]
  return pairs.map(([contactId, companyId]) => ({ _from: { id: contactId }, to: { id: companyId }, types }))
}

/** One batch create of primary associations; pairs not in the results fail with the 207 error naming them. */
async function createPrimaries(
  deps: AssociationsDeps,
  pairs: ReadonlyArray<readonly [string, string]>,
): Promise<Outcome[]> {
  const batch = deps.client.crm.associations.v4.batchApi
  const reply = (await deps.call('contacts to companies primary association create', () =>
    batch.create(CONTACTS.objectType, COMPANIES.objectType, { inputs: primaryInputs(pairs) }),
  )) as unknown as CreateReply
  const errors = reply.errors ?? []
  const created = new Set(reply.results.map((row) => String(row.fromObjectId)))
  const named = (id: string) => errors.find((error) => idsOfBatchError(error).includes(id))
  const unnamed = errors.find((error) => idsOfBatchError(error).length === 0)
  return pairs.map(([contactId, companyId]) => {
    // In the results: made. (Contact and company ids may coincide, so an error naming the id of a company
    // elsewhere in the batch must not fail a pair HubSpot reports made.)
    if (created.has(contactId)) return written(contactId)
    const error = named(contactId) ?? named(companyId) ?? unnamed
    if (error !== undefined) return failed(contactId, classifyBatchError(error), messageOf(error))
    // Neither made nor refused by id: HubSpot may report a merged-away contact under its survivor's id.
    return written(contactId)
  })
}

/** One batch labels archive of the primary type: the associations stay, unlabeled (204, no per-pair body). */
async function archivePrimaryLabels(
  deps: AssociationsDeps,
  pairs: ReadonlyArray<readonly [string, string]>,
): Promise<Outcome[]> {
  const batch = deps.client.crm.associations.v4.batchApi
  await deps.call('contacts to companies primary label archive', () =>
    batch.archiveLabels(CONTACTS.objectType, COMPANIES.objectType, { inputs: primaryInputs(pairs) }),
  )
  return pairs.map(([contactId]) => written(contactId))
}

/** Reads the contacts' primary companies and archives the primary label of those that have one. */
async function removePrimaries(deps: AssociationsDeps, contactIds: readonly string[]): Promise<Outcome[]> {
  const { targets, missing } = await readAssociations(deps, CONTACTS, COMPANIES, contactIds)
  const labelled: Array<readonly [string, string]> = []
  for (const contactId of contactIds) {
    const companyId = primaryCompanyOf(targets.get(contactId))
    if (companyId !== null) labelled.push([contactId, companyId])
  }
  const archived = await perPair(labelled, contactOfPair, (pairs) => archivePrimaryLabels(deps, pairs))
  const byContact = new Map(archived.map((outcome) => [outcome.contactId, outcome]))
  return contactIds.map((contactId) => {
    const done = byContact.get(contactId)
    if (done !== undefined) return done
    if (missing.has(contactId))
      return failed(contactId, 'HS_NOT_FOUND', `HubSpot has no contact ${contactId}`)
    // No primary company: already as asked.
    return written(contactId)
  })
}

/**
 * Runs `send` on the whole list, and when HubSpot refuses it whole for what may be one bad input (a
 * per-record code), halves it until the bad inputs are alone, each then failed with that code.
 */
async function perPair<T>(
  items: readonly T[],
  contactOf: (item: T) => string,
  send: (items: readonly T[]) => Promise<Outcome[]>,
): Promise<Outcome[]> {
  if (items.length === 0) return []
  try {
    return await send(items)
  } catch (err) {
    if (!(err instanceof SyncError) || !isPerRecordCode(err.code)) throw err
    const only = items.length === 1 ? items[0] : undefined
    if (only !== undefined) return [failed(contactOf(only), err.code, err.message)]
    const half = Math.ceil(items.length / 2)
    return [
      ...(await perPair(items.slice(0, half), contactOf, send)),
      ...(await perPair(items.slice(half), contactOf, send)),
    ]
  }
}

function messageOf(error: Readonly<Record<string, unknown>>): string {
  const message = error['message']
  return `HubSpot refused the association: ${typeof message === 'string' ? message : 'no message'}`
}
