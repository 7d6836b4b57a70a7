import type { PairAction, SalesforceCreate, SalesforceUpdate, SalesforceWriteResult } from '@crmsync/core'

import { type ActionHandler, EventsBuilder } from '../action-handler.js'
import { hubspotKey, salesforceKey } from '../apply-result.js'
import type { PairIo } from './pair-io.js'

type CreateAction<T extends string> = Extract<PairAction<T>, { kind: 'create-salesforce' }>
type UpdateAction<T extends string> = Extract<PairAction<T>, { kind: 'update-salesforce' }>

/** Salesforce calls per Collections request (design.md 3.4 step 3). */
export const COLLECTIONS_SIZE = 200
/** Ids per POST composite/sobjects/{T} retrieve: the read-back of a batch's creates. */
const RETRIEVE_SIZE = 2000
const calls = (n: number, size: number) => Math.ceil(n / size)

/**
 * Salesforce creates through sObject Collections, per type, as upserts on the external id
 * `portalId:objectId` (a replay never duplicates), with `Sforce-Auto-Assign` only for Lead creates with no
 * matched owner (B-OWN-5). Per-record failures become typed errors, never the batch's.
 */
export function createSalesforce<T extends string>(): ActionHandler<CreateAction<T>, PairIo<T>> {
  return {
    step: 'salesforce',
    async apply(actions, io) {
      const out = new EventsBuilder()
      for (const type of io.salesforceTypes) {
        const creates = actions.filter((a) => a.salesforceType === type)
        if (creates.length === 0) continue
        const results = await io.deps.salesforce.write({
          type,
          creates: creates.map((a): SalesforceCreate => ({
            externalId: `${io.portalId}:${a.hubspotId}`,
            fields: a.values,
            autoAssign: a.owner.useAssignmentRules,
          })),
        })
        creates.forEach((a, i) => onCreate(out, io, a, results.creates[i]))
      }
      return out.events()
    },
    report(actions, io) {
      const planned = actions.map((a) => ({
        kind: 'create',
        side: 'salesforce' as const,
        hubspotId: a.hubspotId,
        salesforceId: null,
        detail: `${a.salesforceType}: ${a.reason}; ${Object.keys(a.values).join(', ')}`,
      }))
      // The real run reads its creates back (read-back.ts): one retrieve of up to 2000 ids per type.
      const cost = io.salesforceTypes
        .map((type) => actions.filter((a) => a.salesforceType === type).length)
        .reduce((sum, n) => sum + calls(n, COLLECTIONS_SIZE) + calls(n, RETRIEVE_SIZE), 0)
      return {
        planned,
        apiCost: { salesforce: cost },
        counts: [{ side: 'salesforce', key: 'created', by: actions.length }],
      }
    },
    effects: () => [],
  }
}

function onCreate<T extends string>(
  out: EventsBuilder,
  io: PairIo<T>,
  a: CreateAction<T>,
  result: SalesforceWriteResult | undefined,
): void {
  if (result?.ok === true) {
    out.created({
      side: 'salesforce',
      key: a.hubspotId,
      id: result.id,
      type: a.salesforceType,
      fresh: result.created === true,
    })
    out.written(result.id)
    out.count('salesforce', result.created === false ? 'updated' : 'created')
    out.synced(io.changedAt('hubspot', a.hubspotId))
    return
  }
  out.failed(hubspotKey(a.hubspotId))
  out.failure({
    side: 'hubspot',
    recordId: a.hubspotId,
    writtenSide: 'salesforce',
    code: result?.error.code ?? 'SF_UNKNOWN',
    message: failureMessage(a.salesforceType, result),
  })
}

/**
 * Salesforce's message, with the fields it names qualified by their object (`Lead.Title`), so a Sync Health
 * row says which field of which object to fix (B-ERR-5).
 */
function failureMessage(type: string, result: SalesforceWriteResult | undefined): string {
  if (result === undefined || result.ok) return 'no result for this record'
  const { fields, message } = result.error
  return fields.length === 0
    ? message
    : `${message} (fields: ${fields.map((f) => `${type}.${f}`).join(', ')})`
}

/** Updates of only the changed fields through sObject Collections, per type. */
export function updateSalesforce<T extends string>(): ActionHandler<UpdateAction<T>, PairIo<T>> {
  return {
    step: 'salesforce',
    async apply(actions, io) {
      const out = new EventsBuilder()
      for (const type of io.salesforceTypes) {
        const updates = actions.filter((a) => a.salesforce.type === type)
        if (updates.length === 0) continue
        const results = await io.deps.salesforce.write({
          type,
          updates: updates.map((a): SalesforceUpdate => ({ id: a.salesforce.id, fields: a.values })),
        })
        updates.forEach((a, i) => onUpdate(out, io, a, results.updates[i]))
      }
      return out.events()
    },
    report(actions, io) {
      const planned = actions.map((a) => ({
        kind: 'update',
        side: 'salesforce' as const,
        hubspotId: a.hubspotId,
        salesforceId: a.salesforce.id,
        detail: `${a.salesforce.type}: ${Object.keys(a.values).join(', ')}`,
      }))
      const cost = io.salesforceTypes
        .map((type) => actions.filter((a) => a.salesforce.type === type).length)
        .reduce((sum, n) => sum + calls(n, COLLECTIONS_SIZE), 0)
      return {
        planned,
        apiCost: { salesforce: cost },
        counts: [{ side: 'salesforce', key: 'updated', by: actions.length }],
      }
    },
    effects: () => [],
  }
}

function onUpdate<T extends string>(
  out: EventsBuilder,
  io: PairIo<T>,
  a: UpdateAction<T>,
  result: SalesforceWriteResult | undefined,
): void {
  const id = a.salesforce.id
  if (result?.ok === true) {
    out.written(id)
    out.count('salesforce', 'updated')
    out.synced(io.changedAt('hubspot', a.hubspotId))
    return
  }
  out.failed(hubspotKey(a.hubspotId), salesforceKey(id))
  const code = result?.error.code ?? 'SF_UNKNOWN'
  // The target moved (design.md 3.4 mid-flight): a converted lead is read again and the link follows
  // ConvertedContactId; a merged-away record is seen by the delete capture, which applies B-CON-24/25.
  if (code === 'SF_CONVERTED_LEAD' || code === 'SF_ENTITY_DELETED') {
    out.written(id)
    if (!io.cycle.replanned.has(id))
      out.replan({
        connectionId: io.setup.connectionId,
        objectKind: io.objectKind,
        side: 'salesforce',
        recordId: id,
      })
    return
  }
  out.failure({
    side: 'salesforce',
    recordId: id,
    writtenSide: 'salesforce',
    code,
    message: failureMessage(a.salesforce.type, result),
  })
}
