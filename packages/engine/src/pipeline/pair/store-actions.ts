import type { PairAction } from '@crmsync/core'

import { type ActionHandler, storeOnly } from '../action-handler.js'
import type { CommitEffect } from '../commit-effect.js'
import type { PairIo } from './pair-io.js'

type Of<T extends string, K extends PairAction<T>['kind']> = Extract<PairAction<T>, { kind: K }>
type Handler<T extends string, K extends PairAction<T>['kind']> = ActionHandler<Of<T, K>, PairIo<T>>

/** A link found by dedup is a create avoided: counted under the side that would otherwise have been written. */
const linkedSide = <T extends string>(io: PairIo<T>, hubspotId: string) =>
  io.changedHubSpot.has(hubspotId) ? 'salesforce' : 'hubspot'

/** B-CON-6/7/9: linked to an existing record with the email instead of creating one. */
export function link<T extends string>(): Handler<T, 'link'> {
  return storeOnly({
    effects: (a) => [
      {
        kind: 'link',
        hubspotId: a.hubspotId,
        salesforceType: a.salesforce.type,
        salesforceId: a.salesforce.id,
      },
    ],
    counts: (actions, io) =>
      actions.map((a) => ({ side: linkedSide(io, a.hubspotId), key: 'linked', by: 1 })),
    planned: (actions) =>
      actions.map((a) => ({
        kind: 'link',
        side: 'store',
        hubspotId: a.hubspotId,
        salesforceId: a.salesforce.id,
        detail: a.reason,
      })),
  })
}

/** A link moved to another record: lead conversion, a newer record with the email, a merge (B-CON-8/12/25/27). */
export function relink<T extends string>(): Handler<T, 'relink'> {
  return storeOnly({
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
}

export function linkState<T extends string>(): Handler<T, 'link-state'> {
  return storeOnly({
    effects: (a) => [{ kind: 'link-state', hubspotId: a.hubspotId, state: a.state }],
  })
}

export function rekey<T extends string>(): Handler<T, 'rekey'> {
  return storeOnly({
    effects: (a) => [{ kind: 'rekey', from: a.from, to: a.to }],
  })
}

/**
 * A pair synced: its field states and audit, once its writes succeeded. A create's pair takes the id the
 * create returned; a pair whose write failed commits nothing (the replan sees the same differences again).
 * A created record read back commits what Salesforce holds, unless HubSpot refused its server-set values.
 */
export function commit<T extends string>(): Handler<T, 'commit'> {
  return storeOnly({
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
}

/** Not eligible (B-CON-4 and the other skip reasons): counted, and an open error of the record resolved. */
export function skip<T extends string>(): Handler<T, 'skip'> {
  return storeOnly({
    effects: (a) => [{ kind: 'resolve-errors', side: a.side, recordId: a.id }],
    counts: (actions) => actions.map((a) => ({ side: a.side, key: 'skipped', by: 1 })),
  })
}

/** A value the planner could not transform: stored like a write error, on the changed record. */
export function error<T extends string>(): Handler<T, 'error'> {
  return storeOnly({
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
}

export function requeue<T extends string>(): Handler<T, 'requeue'> {
  return storeOnly({
    effects: (a) => [
      {
        kind: 'requeue',
        side: a.side,
        ids: a.ids,
        ...(a.objectKind === undefined ? {} : { objectKind: a.objectKind }),
      },
    ],
  })
}
