import type { ContactRoleAction, DealContactAssociation, LifecycleAction, SyncErrorCode } from '@crmsync/core'

import type { EngineDeps } from '../../engine-types.js'
import {
  type ActionHandler,
  type ActionHandlers,
  EventsBuilder,
  storeOnly,
} from '../../pipeline/action-handler.js'
import { hubspotKey } from '../../pipeline/apply-result.js'

/** What the contact-role handlers are given: the connectors, and each opportunity's deal. */
export interface DealContactIo {
  readonly deps: EngineDeps
  /** Opportunity id -> deal id, for the errors of Salesforce writes (stored on the deal). */
  readonly dealOf: ReadonlyMap<string, string>
}

/**
 * The contact-role pass's actions, the lifecycle moves they cause (B-LCS-2..5), and the contacts it sends on
 * to the company association pass, which copies a moved stage to the company (B-CMP-14), and, when the stage
 * is mapped to a Salesforce field (B-LCS-1), to the contact pass, which writes it there in the same sync.
 */
export type DealContactAction = ContactRoleAction | LifecycleAction | RequeueContacts

export interface RequeueContacts {
  readonly kind: 'requeue'
  readonly objectKind: 'contact-company' | 'contact'
  readonly side: 'hubspot'
  readonly ids: readonly string[]
  readonly reason: string
}

type Of<K extends ContactRoleAction['kind']> = Extract<ContactRoleAction, { kind: K }>

const calls = (n: number, size: number) => (n === 0 ? 0 : Math.ceil(n / size))

/** Deal-contact associations, added and removed (v4 type 3, 100 per call each). */
function association<K extends 'add-association' | 'remove-association'>(
  kind: K,
): ActionHandler<DealContactAssociation<K>, DealContactIo> {
  const op = kind === 'add-association' ? 'add' : 'remove'
  return {
    step: 'hubspot',
    async apply(actions, io) {
      const out = new EventsBuilder()
      const results = await io.deps.hubspot.changeDealContacts(
        actions.map((a) => ({ dealId: a.dealId, contactId: a.contactId, op })),
      )
      actions.forEach((a, i) => {
        const result = results[i]
        if (result?.outcome === 'written') return void out.count('hubspot', 'updated')
        out.failed(hubspotKey(a.dealId)).failure({
          side: 'hubspot',
          recordId: a.dealId,
          writtenSide: 'hubspot',
          code: result?.outcome === 'failed' ? result.code : 'HS_UNEXPECTED_RESPONSE',
          message: `contact ${a.contactId}: ${result?.outcome === 'failed' ? result.message : 'no result'}`,
        })
      })
      return out.events()
    },
    report: (actions) => ({
      planned: actions.map((a) => ({
        kind: 'update',
        side: 'hubspot' as const,
        hubspotId: a.dealId,
        salesforceId: null,
        detail: `deal contact ${op} ${a.contactId}`,
      })),
      apiCost: { hubspot: calls(actions.length, 100) },
      counts: [{ side: 'hubspot', key: 'updated', by: actions.length }],
    }),
    effects: () => [],
  }
}

/** OpportunityContactRoles inserted (no external id: a diff against what this batch read; 200 per call). */
const createRole: ActionHandler<Of<'create-contact-role'>, DealContactIo> = {
  step: 'salesforce',
  async apply(actions, io) {
    const out = new EventsBuilder()
    const results = await io.deps.salesforce.write({
      type: 'OpportunityContactRole',
      inserts: actions.map((a) => ({
        fields: { OpportunityId: a.opportunityId, ContactId: a.contactId, IsPrimary: a.isPrimary },
      })),
    })
    actions.forEach((a, i) => {
      const result = results.inserts?.[i]
      if (result?.ok === true) return void out.written(a.opportunityId).count('salesforce', 'created')
      failOn(out, io, a.opportunityId, result?.ok === false ? result.error : undefined, a.contactId)
    })
    return out.events()
  },
  report: (actions) => ({
    planned: actions.map((a) => ({
      kind: 'create',
      side: 'salesforce' as const,
      hubspotId: null,
      salesforceId: a.opportunityId,
      detail: `OpportunityContactRole: ContactId = ${a.contactId}`,
    })),
    apiCost: { salesforce: calls(actions.length, 200) },
    counts: [{ side: 'salesforce', key: 'created', by: actions.length }],
  }),
  effects: () => [],
}

/** OpportunityContactRoles deleted (200 per call). */
const deleteRole: ActionHandler<Of<'delete-contact-role'>, DealContactIo> = {
  step: 'salesforce',
  async apply(actions, io) {
    const out = new EventsBuilder()
    const results = await io.deps.salesforce.write({
      type: 'OpportunityContactRole',
      deletes: actions.map((a) => a.contactRoleId),
    })
    actions.forEach((a, i) => {
      const result = results.deletes[i]
      // Already gone is what was asked.
      if (
        result?.ok === true ||
        (result?.ok === false && result.error.salesforceCode === 'ENTITY_IS_DELETED')
      )
        return void out.written(a.opportunityId).count('salesforce', 'deleted')
      failOn(out, io, a.opportunityId, result?.ok === false ? result.error : undefined, a.contactId)
    })
    return out.events()
  },
  report: (actions) => ({
    planned: actions.map((a) => ({
      kind: 'delete',
      side: 'salesforce' as const,
      hubspotId: null,
      salesforceId: a.contactRoleId,
      detail: `OpportunityContactRole of ${a.contactId} on ${a.opportunityId}`,
    })),
    apiCost: { salesforce: calls(actions.length, 200) },
    counts: [{ side: 'salesforce', key: 'deleted', by: actions.length }],
  }),
  effects: () => [],
}

/**
 * A contact's lifecycle stage moved forward (B-LCS-2, 3): HubSpot contact updates, 100 per call. HubSpot only;
 * a Lead is never converted for it (B-LCS-6). A failure is the contact's error.
 */
const moveLifecycle: ActionHandler<LifecycleAction, DealContactIo> = {
  step: 'hubspot',
  async apply(actions, io) {
    const out = new EventsBuilder()
    const results = await io.deps.hubspot.updateContacts(
      actions.map((a) => ({ id: a.hubspotId, properties: { lifecyclestage: a.values.lifecyclestage } })),
    )
    actions.forEach((a, i) => {
      const result = results[i]
      if (result?.outcome === 'written') return void out.written(a.hubspotId).count('hubspot', 'updated')
      out.failed(hubspotKey(a.hubspotId)).failure({
        side: 'hubspot',
        recordId: a.hubspotId,
        writtenSide: 'hubspot',
        code: result?.outcome === 'failed' ? result.code : 'HS_UNEXPECTED_RESPONSE',
        message: `lifecyclestage ${a.values.lifecyclestage}: ${result?.outcome === 'failed' ? result.message : 'no result'}`,
      })
    })
    return out.events()
  },
  report: (actions) => ({
    planned: actions.map((a) => ({
      kind: 'update',
      side: 'hubspot' as const,
      hubspotId: a.hubspotId,
      salesforceId: a.salesforce.id,
      detail: `lifecyclestage = ${a.values.lifecyclestage} (${a.reason})`,
    })),
    apiCost: { hubspot: calls(actions.length, 100) },
    counts: [{ side: 'hubspot', key: 'updated', by: actions.length }],
  }),
  effects: () => [],
}

/** A Salesforce write of a deal's contact role failed: the error is the deal's, its commit waits. */
function failOn(
  out: EventsBuilder,
  io: DealContactIo,
  opportunityId: string,
  error: { readonly code: SyncErrorCode; readonly message: string } | undefined,
  contactId: string,
): void {
  const dealId = io.dealOf.get(opportunityId) ?? opportunityId
  out.failed(hubspotKey(dealId)).failure({
    side: 'hubspot',
    recordId: dealId,
    writtenSide: 'salesforce',
    code: error?.code ?? 'SF_UNKNOWN',
    message: `contact role of ${contactId}: ${error?.message ?? 'no result for this record'}`,
  })
}

/**
 * One handler per contact-role action kind. The agreed contacts are kept on the deal link
 * (DEAL_CONTACTS_FIELD), committed only when the deal's writes succeeded.
 */
export const DEAL_CONTACT_HANDLERS: ActionHandlers<DealContactAction, DealContactIo> = {
  'add-association': association('add-association'),
  'remove-association': association('remove-association'),
  'create-contact-role': createRole,
  'delete-contact-role': deleteRole,
  'update-hubspot': moveLifecycle,
  requeue: storeOnly({
    effects: (a) => [{ kind: 'requeue', side: a.side, ids: a.ids, objectKind: a.objectKind }],
  }),
  commit: storeOnly({
    effects: (a, applied) =>
      applied.failed.has(hubspotKey(a.dealId))
        ? []
        : [
            {
              kind: 'sync-fields',
              hubspotId: a.dealId,
              salesforceType: 'Opportunity',
              salesforceId: a.opportunityId,
              fields: { [a.field]: a.state },
              decisions: [],
            },
          ],
  }),
}
