import type { ContactAction } from '@crmsync/core'

import { OWNERS_WITHOUT_STREAM } from '../../../owners/awaiting-owner-read.js'
import { type ActionHandler, storeOnly } from '../../../pipeline/action-handler.js'
import type { CommitEffect } from '../../../pipeline/commit-effect.js'
import type { ContactIo } from '../contact-io.js'

type Of<K extends ContactAction['kind']> = Extract<ContactAction, { kind: K }>

/** A link found by dedup is a create avoided: counted under the side that would otherwise have been written. */
const linkedSide = (io: ContactIo, hubspotId: string) =>
  io.changedHubSpot.has(hubspotId) ? 'salesforce' : 'hubspot'

/** B-CON-6/7/9: linked to an existing record with the email instead of creating one. */
export const link: ActionHandler<Of<'link'>, ContactIo> = storeOnly({
  effects: (a) => [
    {
      kind: 'link',
      hubspotId: a.hubspotId,
      salesforceType: a.salesforce.type,
      salesforceId: a.salesforce.id,
    },
  ],
  counts: (actions, io) => actions.map((a) => ({ side: linkedSide(io, a.hubspotId), key: 'linked', by: 1 })),
  planned: (actions) =>
    actions.map((a) => ({
      kind: 'link',
      side: 'store',
      hubspotId: a.hubspotId,
      salesforceId: a.salesforce.id,
      detail: a.reason,
    })),
})

/** A link moved to another record: lead conversion, a newer record with the email, a merge (B-CON-8/12/25/27). */
export const relink: ActionHandler<Of<'relink'>, ContactIo> = storeOnly({
  effects: (a) => [
    {
      kind: 'relink',
      from: { hubspotId: a.from.hubspotId, salesforceId: a.from.salesforce.id },
      to: {
        hubspotId: a.to.hubspotId,
        salesforceType: a.to.salesforce.type,
        salesforceId: a.to.salesforce.id,
      },
    },
  ],
  counts: (actions, io) =>
    actions.map((a) => ({ side: linkedSide(io, a.to.hubspotId), key: 'linked', by: 1 })),
  planned: (actions) =>
    actions.map((a) => ({
      kind: 'relink',
      side: 'store',
      hubspotId: a.to.hubspotId,
      salesforceId: a.to.salesforce.id,
      detail: a.reason,
    })),
})

export const linkState: ActionHandler<Of<'link-state'>, ContactIo> = storeOnly({
  effects: (a) => [{ kind: 'link-state', hubspotId: a.hubspotId, state: a.state }],
})

export const rekey: ActionHandler<Of<'rekey'>, ContactIo> = storeOnly({
  effects: (a) => [{ kind: 'rekey', from: a.from, to: a.to }],
})

/**
 * A pair synced: its field states and audit, once its writes succeeded. A create's pair takes the id the
 * create returned; a pair whose write failed commits nothing (the replan sees the same differences again).
 * A created record read back commits what Salesforce holds, unless HubSpot refused its server-set values.
 */
export const commit: ActionHandler<Of<'commit'>, ContactIo> = storeOnly({
  effects: (a, applied): CommitEffect[] => {
    const createdHubSpot =
      a.hubspotId === null ? applied.createdOn('hubspot', a.salesforceId ?? '') : undefined
    const createdSalesforce =
      a.salesforceId === null ? applied.createdOn('salesforce', a.hubspotId ?? '') : undefined
    const hubspotId = a.hubspotId ?? createdHubSpot?.id
    const salesforceId = a.salesforceId ?? createdSalesforce?.id
    if (hubspotId === undefined || salesforceId === undefined) return []
    if (applied.pairFailed(hubspotId, salesforceId)) return []
    const serverSet = applied.serverSetRefused.has(hubspotId) ? undefined : a.serverSet
    return [
      {
        kind: 'sync-fields',
        hubspotId,
        salesforceType: createdSalesforce?.type ?? a.salesforceType,
        salesforceId,
        fields: serverSet?.fields ?? a.fields,
        decisions: [...a.decisions, ...(serverSet?.decisions ?? [])],
      },
    ]
  },
  planned: (actions) =>
    actions.flatMap((a) =>
      a.decisions
        .filter((d) => d.conflict === true)
        .map((d) => ({
          kind: 'conflict',
          side: d.action === 'to-salesforce' ? ('salesforce' as const) : ('hubspot' as const),
          hubspotId: a.hubspotId,
          salesforceId: a.salesforceId,
          detail: `${d.field}: ${d.reason}`,
        })),
    ),
})

/** Not eligible (B-CON-4 and the other skip reasons): counted, and an open error of the record resolved. */
export const skip: ActionHandler<Of<'skip'>, ContactIo> = storeOnly({
  effects: (a) => [{ kind: 'resolve-errors', side: a.side, recordId: a.id }],
  counts: (actions) => actions.map((a) => ({ side: a.side, key: 'skipped', by: 1 })),
})

/** A value the planner could not transform: stored like a write error, on the changed record. */
export const error: ActionHandler<Of<'error'>, ContactIo> = storeOnly({
  effects: (a) => {
    const onHubSpot = a.hubspotId !== null
    return [
      {
        kind: 'record-error',
        failure: {
          side: onHubSpot ? 'hubspot' : 'salesforce',
          recordId: (onHubSpot ? a.hubspotId : a.salesforceId) ?? '',
          writtenSide: a.side,
          code: a.code,
          message: a.message,
        },
      },
    ]
  },
})

export const requeue: ActionHandler<Of<'requeue'>, ContactIo> = storeOnly({
  effects: (a) => [{ kind: 'requeue', side: a.side, ids: a.ids }],
})

export const rememberOwnersWithoutHubSpot: ActionHandler<
  Of<'remember-owners-without-hubspot'>,
  ContactIo
> = storeOnly({
  effects: (a) => [
    { kind: 'cursor', side: 'salesforce', stream: OWNERS_WITHOUT_STREAM, value: JSON.stringify(a.ownerIds) },
  ],
})
