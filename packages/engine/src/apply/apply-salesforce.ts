import type {
  ContactAction,
  ContactSalesforceType,
  SalesforceCreate,
  SalesforceUpdate,
  SalesforceWriteResult,
} from '@crmsync/core'

import type { StepContext } from '../engine-context.js'
import { type ApplyOutcome, hsKey, sfKey } from './apply-outcome.js'
import { recordFailure } from './record-failure.js'

type CreateAction = Extract<ContactAction, { kind: 'create-salesforce' }>
type UpdateAction = Extract<ContactAction, { kind: 'update-salesforce' }>

/** Salesforce calls per Collections request (design.md 3.4 step 3). */
export const COLLECTIONS_SIZE = 200
/** Ids per POST composite/sobjects/{T} retrieve. */
const RETRIEVE_SIZE = 2000

/**
 * Salesforce writes of a batch through sObject Collections, per type: creates as upserts on the external id
 * `portalId:objectId`, with `Sforce-Auto-Assign` only for Lead creates with no matched owner (B-OWN-5),
 * then updates of only the changed fields. Per-record failures become typed errors (never the batch's).
 */
export async function applySalesforce(
  ctx: StepContext,
  actions: readonly ContactAction[],
  outcome: ApplyOutcome,
): Promise<void> {
  for (const type of ['Contact', 'Lead'] as const satisfies readonly ContactSalesforceType[]) {
    const creates = actions.filter(
      (a): a is CreateAction => a.kind === 'create-salesforce' && a.salesforceType === type,
    )
    const updates = actions.filter(
      (a): a is UpdateAction => a.kind === 'update-salesforce' && a.salesforce.type === type,
    )
    if (creates.length === 0 && updates.length === 0) continue
    if (ctx.cycle.dryRun) {
      planDry(ctx, type, creates, updates)
      continue
    }
    const results = await ctx.deps.salesforce.write({
      type,
      creates: creates.map((a): SalesforceCreate => ({
        externalId: `${ctx.portalId}:${a.hubspotId}`,
        fields: a.values,
        autoAssign: a.owner.useAssignmentRules,
      })),
      updates: updates.map((a): SalesforceUpdate => ({ id: a.salesforce.id, fields: a.values })),
    })
    creates.forEach((a, i) => onCreate(ctx, a, results.creates[i], outcome))
    updates.forEach((a, i) => onUpdate(ctx, a, results.updates[i], outcome))
  }
}

function onCreate(
  ctx: StepContext,
  a: CreateAction,
  result: SalesforceWriteResult | undefined,
  outcome: ApplyOutcome,
): void {
  if (result?.ok === true) {
    outcome.createdSalesforce.set(a.hubspotId, { type: a.salesforceType, id: result.id })
    ctx.cycle.written.add(result.id)
    ctx.cycle.summary.count('contact', 'salesforce', result.created === false ? 'updated' : 'created')
    return
  }
  outcome.failed.add(hsKey(a.hubspotId))
  recordFailure(ctx, outcome, {
    side: 'hubspot',
    recordId: a.hubspotId,
    writtenSide: 'salesforce',
    code: result?.error.code ?? 'SF_UNKNOWN',
    message: result?.error.message ?? 'no result for this record',
  })
}

function onUpdate(
  ctx: StepContext,
  a: UpdateAction,
  result: SalesforceWriteResult | undefined,
  outcome: ApplyOutcome,
): void {
  const id = a.salesforce.id
  if (result?.ok === true) {
    ctx.cycle.written.add(id)
    ctx.cycle.summary.count('contact', 'salesforce', 'updated')
    return
  }
  outcome.failed.add(hsKey(a.hubspotId))
  outcome.failed.add(sfKey(id))
  const code = result?.error.code ?? 'SF_UNKNOWN'
  // The target moved (design.md 3.4 mid-flight): a converted lead is read again and the link follows
  // ConvertedContactId; a merged-away record is seen by the delete capture, which applies B-CON-24/25.
  if (code === 'SF_CONVERTED_LEAD' || code === 'SF_ENTITY_DELETED') {
    ctx.cycle.written.add(id)
    if (!ctx.cycle.replanned.has(id)) {
      ctx.cycle.replanned.add(id)
      outcome.replan.push({
        connectionId: ctx.setup.connectionId,
        objectKind: 'contact',
        side: 'salesforce',
        recordId: id,
      })
    }
    return
  }
  recordFailure(ctx, outcome, {
    side: 'salesforce',
    recordId: id,
    writtenSide: 'salesforce',
    code,
    message: result?.error.message ?? 'no result for this record',
  })
}

function planDry(
  ctx: StepContext,
  type: ContactSalesforceType,
  creates: readonly CreateAction[],
  updates: readonly UpdateAction[],
): void {
  const s = ctx.cycle.summary
  for (const a of creates) {
    s.count('contact', 'salesforce', 'created')
    s.planned({
      kind: 'create',
      side: 'salesforce',
      hubspotId: a.hubspotId,
      salesforceId: null,
      detail: `${type}: ${a.reason}; ${Object.keys(a.values).join(', ')}`,
    })
  }
  for (const a of updates) {
    s.count('contact', 'salesforce', 'updated')
    s.planned({
      kind: 'update',
      side: 'salesforce',
      hubspotId: a.hubspotId,
      salesforceId: a.salesforce.id,
      detail: `${type}: ${Object.keys(a.values).join(', ')}`,
    })
  }
  // The real run reads its creates back (read-back-creates.ts): one retrieve of up to 2000 ids.
  s.apiCost(
    'salesforce',
    Math.ceil(creates.length / COLLECTIONS_SIZE) +
      Math.ceil(updates.length / COLLECTIONS_SIZE) +
      Math.ceil(creates.length / RETRIEVE_SIZE),
  )
}
