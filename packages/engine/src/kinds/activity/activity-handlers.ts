import type {
  HubSpotEngagementType,
  TimelineAction,
  TimelineItem,
  TimelinePair,
  UpsertEngagement,
} from '@crmsync/core'

import type { EngineDeps } from '../../engine-types.js'
import {
  type ActionHandler,
  type ActionHandlers,
  EventsBuilder,
  storeOnly,
} from '../../pipeline/action-handler.js'
import type { ApplyResult } from '../../pipeline/apply-result.js'
import type { CommitEffect } from '../../pipeline/commit-effect.js'

/** What the activity handlers are given. */
export interface ActivityIo {
  readonly deps: EngineDeps
}

/** Both directions' actions: timeline sync's and the engagements from Salesforce (B-ACT-5). */
export type ActivityAction = TimelineAction | UpsertEngagement

type Of<K extends TimelineAction['kind']> = Extract<TimelineAction, { kind: K }>

/** Tasks per sObject Collections call. */
const PER_CALL = 200

/** A pair's row as the commit stores it (the commit adds the connection and the time). */
function item(
  pair: TimelinePair,
  state: TimelineItem['state'],
  taskId: string | null = null,
): Omit<TimelineItem, 'connectionId' | 'updatedAt'> {
  return {
    syncKey: pair.syncKey,
    activityKey: pair.activityKey,
    contactId: pair.contactId,
    state,
    salesforceTaskId: taskId,
    activity: pair.activity,
  }
}

/**
 * Inserts the Tasks (POST composite/sobjects, 200 per call) and stores each one's id. The pair was committed
 * as claimed before this insert: if the process dies after Salesforce inserted the Task and before this
 * commit, the next cycle finds the claim it did not make and looks the Task up by its sync key (the custom
 * field) before inserting, so a Task is neither lost nor made twice. A Task that failed stays claimed and
 * its error is kept on the activity; its retry looks it up first, which finds none.
 */
const createTask: ActionHandler<Of<'create-task'>, ActivityIo> = {
  step: 'salesforce',
  async apply(actions, io) {
    const out = new EventsBuilder()
    const results = await io.deps.salesforce.write({
      type: 'Task',
      inserts: actions.map((a) => ({ fields: a.fields })),
    })
    actions.forEach((a, i) => {
      const result = results.inserts?.[i]
      if (result?.ok === true) {
        out.created({ side: 'salesforce', key: a.pair.syncKey, id: result.id, type: 'Task', fresh: true })
        out.count('salesforce', 'created')
        return
      }
      out.failed(`hs:${a.pair.syncKey}`).failure({
        side: 'hubspot',
        recordId: a.pair.activityKey,
        writtenSide: 'salesforce',
        code: result?.ok === false ? result.error.code : 'SF_UNKNOWN',
        message: `Task on ${a.salesforceType} ${a.whoId}: ${result?.ok === false ? result.error.message : 'no result'}`,
      })
    })
    return out.events()
  },
  report: (actions) => ({
    planned: actions.map((a) => ({
      kind: 'create',
      side: 'salesforce' as const,
      hubspotId: a.pair.contactId,
      salesforceId: a.whoId,
      detail: `Task "${a.fields['Subject'] ?? ''}" for ${a.pair.activityKey}`,
    })),
    apiCost: { salesforce: Math.ceil(actions.length / PER_CALL) },
    counts: [{ side: 'salesforce', key: 'created', by: actions.length }],
  }),
  effects(action, applied: ApplyResult): readonly CommitEffect[] {
    const created = applied.createdOn('salesforce', action.pair.syncKey)
    if (created === undefined) return []
    return [
      { kind: 'timeline-items', items: [item(action.pair, 'written', created.id)] },
      { kind: 'resolve-errors', side: 'hubspot', recordId: action.pair.activityKey },
    ]
  },
}

/** A claimed pair whose Task the look-up found: stored as written, nothing inserted. */
const adoptTask = storeOnly<Of<'adopt-task'>, ActivityIo>({
  effects: (a) => [
    { kind: 'timeline-items', items: [item(a.pair, 'written', a.taskId)] },
    { kind: 'resolve-errors', side: 'hubspot', recordId: a.pair.activityKey },
  ],
  counts: (actions) => [{ side: 'salesforce', key: 'linked', by: actions.length }],
  planned: (actions) =>
    actions.map((a) => ({
      kind: 'link',
      side: 'store' as const,
      hubspotId: a.pair.contactId,
      salesforceId: a.taskId,
      detail: `Task found by its key ${a.pair.syncKey} (inserted before an interruption)`,
    })),
})

const claim = storeOnly<Of<'claim'>, ActivityIo>({
  effects: (a) => [{ kind: 'timeline-items', items: a.pairs.map((p) => item(p, 'claimed')) }],
})

const park = storeOnly<Of<'park'>, ActivityIo>({
  effects: (a) => [{ kind: 'timeline-items', items: a.pairs.map((p) => item(p, 'pending')) }],
  counts: (actions) => [
    { side: 'salesforce', key: 'skipped', by: actions.reduce((n, a) => n + a.pairs.length, 0) },
  ],
})

/** B-ACT-9: the contacts go to the contact pass's inbox and sync under its rules. */
const triggerContacts = storeOnly<Of<'trigger-contacts'>, ActivityIo>({
  effects: (a) => [{ kind: 'requeue', side: 'hubspot', ids: a.contactIds, objectKind: 'contact' }],
})

const requeue = storeOnly<Of<'requeue'>, ActivityIo>({
  effects: (a) => [{ kind: 'requeue', side: 'hubspot', ids: a.activityKeys }],
})

/**
 * Salesforce Tasks and Events as HubSpot engagements (B-ACT-5), upserted per engagement type on the
 * Salesforce id: a replay or an edit updates the engagement it made. The owner is never copied (B-ACT-7).
 */
const upsertEngagement: ActionHandler<UpsertEngagement, ActivityIo> = {
  step: 'hubspot',
  async apply(actions, io) {
    const out = new EventsBuilder()
    const types = [...new Set(actions.map((a) => a.engagement))]
    for (const type of types) {
      const ofType = actions.filter((a) => a.engagement === type)
      const results = await io.deps.hubspot.upsertEngagements(type, ofType)
      const byKey = new Map(results.map((r) => [r.key, r]))
      for (const a of ofType) {
        const result = byKey.get(a.salesforceId)
        if (result?.outcome === 'written') {
          out.count('hubspot', result.created ? 'created' : 'updated')
          continue
        }
        out.failed(`sf:${a.salesforceId}`).failure({
          side: 'salesforce',
          recordId: a.salesforceId,
          writtenSide: 'hubspot',
          code: result?.outcome === 'failed' ? result.code : 'HS_UNEXPECTED_RESPONSE',
          message: `${type} for contact ${a.contactId}: ${result?.outcome === 'failed' ? result.message : 'no result'}`,
        })
      }
    }
    return out.events()
  },
  report: (actions) => ({
    planned: actions.map((a) => ({
      kind: 'upsert',
      side: 'hubspot' as const,
      hubspotId: a.contactId,
      salesforceId: a.salesforceId,
      detail: `${a.engagement} from Salesforce ${a.salesforceId}`,
    })),
    apiCost: { hubspot: engagementCalls(actions) },
  }),
  effects: (a, applied) =>
    applied.failed.has(`sf:${a.salesforceId}`)
      ? []
      : [{ kind: 'resolve-errors', side: 'salesforce', recordId: a.salesforceId }],
}

/** 1 upsert and 1 association call per 100 engagements of a type. */
function engagementCalls(actions: readonly UpsertEngagement[]): number {
  const perType = new Map<HubSpotEngagementType, number>()
  for (const a of actions) perType.set(a.engagement, (perType.get(a.engagement) ?? 0) + 1)
  return [...perType.values()].reduce((n, count) => n + 2 * Math.ceil(count / 100), 0)
}

/** One handler per activity action (exhaustive by type); creates first, then what the store keeps. */
export const ACTIVITY_HANDLERS: ActionHandlers<ActivityAction, ActivityIo> = {
  'create-task': createTask,
  'adopt-task': adoptTask,
  claim,
  park,
  'trigger-contacts': triggerContacts,
  requeue,
  'upsert-engagement': upsertEngagement,
}
