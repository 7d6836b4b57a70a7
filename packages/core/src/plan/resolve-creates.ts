import type { HubSpotValue } from '../canonical/index.js'
import type { FieldDecision } from '../merge/index.js'
import type { Link } from '../model/index.js'
import type { ContactAction, PairAction, SalesforceRef } from './contact-actions.js'
import { HUBSPOT_LINK_PROPERTY, type LinkedSalesforceType } from './link-properties.js'
import { planContacts } from './plan-contacts.js'
import type { PlanContactsInput, SalesforceContactRecord } from './plan-types.js'

type CommitAction<T extends string> = Extract<PairAction<T>, { kind: 'commit' }>

/** A Salesforce record this batch created, and how it reads back right after the create. */
export interface CreatedSalesforce<T extends string = 'Lead' | 'Contact', R = SalesforceContactRecord> {
  readonly hubspotId: string
  readonly ref: SalesforceRef<T>
  /** The record as read back; undefined when the read failed (its values follow with the next echo). */
  readonly record?: R | undefined
}

/** A created record's echo to plan: its create's commit is the stored link state. */
export interface CreatedEcho<T extends string, R> {
  readonly hubspotId: string
  readonly ref: SalesforceRef<T>
  readonly record: R
  /** The link as the create's commit leaves it. */
  readonly link: Link
}

/**
 * The batch's plan once its Salesforce creates are known (design.md 3.4 step 3): the step between the
 * Salesforce writes and the HubSpot writes, for any pair kind. Each created record's commit gets its id, and
 * the new link's property is written to the HubSpot record.
 *
 * Salesforce also sets values on create that were not sent: picklist defaults (Lead `Status`), the owner an
 * assignment rule picks (B-OWN-5), the creating user as owner (B-OWN-8/11), whatever triggers write. Left
 * alone they reach HubSpot one cycle later, when the created record comes back as an echo, so a second sync
 * would still write. So the created records, read back, are planned as that echo now (`planEchoes`, the
 * kind's own planner), each against its create's commit as the stored link state: a value reaches HubSpot
 * only where its rule lets Salesforce write HubSpot (it rides on the link property's update, no extra call),
 * otherwise it is recorded as the Salesforce shadow and audited as dropped.
 */
export function resolveCreates<T extends LinkedSalesforceType, R, A extends { readonly kind: string }>(init: {
  readonly actions: readonly A[]
  readonly created: readonly CreatedSalesforce<T, R>[]
  readonly connectionId: string
  readonly objectKind: Link['objectKind']
  readonly now: number
  readonly planEchoes: (echoes: readonly CreatedEcho<T, R>[]) => readonly A[]
}): readonly (A | PairAction<T>)[] {
  const { actions, created } = init
  if (created.length === 0) return actions
  const commits = new Map<string, CommitAction<T>>()
  for (const a of actions as unknown as readonly PairAction<T>[])
    if (a.kind === 'commit' && a.salesforceId === null && a.hubspotId !== null) commits.set(a.hubspotId, a)
  const echoes = created.flatMap((c): CreatedEcho<T, R>[] => {
    const commit = commits.get(c.hubspotId)
    if (commit === undefined || c.record === undefined) return []
    const link: Link = {
      connectionId: init.connectionId,
      objectKind: init.objectKind,
      hubspotId: c.hubspotId,
      salesforceType: c.ref.type,
      salesforceId: c.ref.id,
      state: 'active',
      fields: commit.fields,
      createdAt: init.now,
      updatedAt: init.now,
    }
    return [{ hubspotId: c.hubspotId, ref: c.ref, record: c.record, link }]
  })
  const readBack = readBackAll(echoes, init.planEchoes)
  const byHubSpot = new Map(created.map((c) => [c.hubspotId, c]))
  const out: (A | PairAction<T>)[] = []
  for (const action of actions) {
    const a = action as unknown as PairAction<T>
    const done =
      a.kind === 'commit' && a.salesforceId === null && a.hubspotId !== null
        ? byHubSpot.get(a.hubspotId)
        : undefined
    if (a.kind !== 'commit' || done === undefined) {
      out.push(action)
      continue
    }
    const echo = readBack.get(done.hubspotId)
    out.push({
      ...a,
      salesforceType: done.ref.type,
      salesforceId: done.ref.id,
      ...(echo === undefined ? {} : { serverSet: { fields: echo.fields, decisions: echo.decisions } }),
    })
    const serverSet = echo?.hubspot ?? {}
    out.push({
      kind: 'update-hubspot',
      hubspotId: done.hubspotId,
      salesforce: done.ref,
      values: { [HUBSPOT_LINK_PROPERTY[done.ref.type]]: done.ref.id, ...serverSet },
      ...(Object.keys(serverSet).length === 0 ? {} : { serverSet: Object.keys(serverSet) }),
    })
  }
  return out
}

interface ReadBack {
  readonly hubspot: Readonly<Record<string, HubSpotValue>>
  readonly fields: CommitAction<string>['fields']
  readonly decisions: readonly FieldDecision[]
}

/**
 * The echoes of every created record that read back. One plan for the whole batch (the planner's setup,
 * owners index included, is built once); only when it holds anything but commits and HubSpot updates is
 * each echo planned alone, so one odd record cannot take the others' read-back with it.
 */
function readBackAll<T extends string, R, A extends { readonly kind: string }>(
  echoes: readonly CreatedEcho<T, R>[],
  planEchoes: (echoes: readonly CreatedEcho<T, R>[]) => readonly A[],
): Map<string, ReadBack> {
  const out = new Map<string, ReadBack>()
  if (echoes.length === 0) return out
  const plan = (some: readonly CreatedEcho<T, R>[]) => planEchoes(some) as unknown as readonly PairAction<T>[]
  const together = plan(echoes)
  const plain = together.every((a) => a.kind === 'commit' || a.kind === 'update-hubspot')
  for (const echo of echoes) {
    const readBack = plain
      ? settle(together.filter((a) => 'hubspotId' in a && a.hubspotId === echo.hubspotId))
      : settle(plan([echo]))
    if (readBack !== undefined) out.set(echo.hubspotId, readBack)
  }
  return out
}

/**
 * One echo's plan taken as its read-back. Only the expected outcome is taken: a commit, with at most an
 * update of HubSpot. Anything else (a Salesforce write, an error, a converted lead) keeps the create's own
 * commit, and the next cycle plans the echo as it always would.
 */
function settle<T extends string>(echo: readonly PairAction<T>[]): ReadBack | undefined {
  const settled = echo.find((a): a is CommitAction<T> => a.kind === 'commit')
  if (settled === undefined || echo.some((a) => a.kind !== 'commit' && a.kind !== 'update-hubspot'))
    return undefined
  const update = echo.find((a) => a.kind === 'update-hubspot')
  return {
    hubspot: update?.values ?? {},
    fields: settled.fields,
    decisions: settled.decisions
      .filter(movesOrDrops)
      .map((d): FieldDecision => ({ ...d, reason: `read back after create: ${d.reason}` })),
  }
}

/** Fields the create already settled come back as "sides agree": only server-set values are news. */
function movesOrDrops(d: FieldDecision): boolean {
  return d.action !== 'none' || (d.dropped ?? []).length > 0 || d.conflict === true
}

/** Contacts: the created Leads and Contacts, their echoes planned by planContacts. */
export function resolveSalesforceCreates(
  input: PlanContactsInput,
  actions: readonly ContactAction[],
  created: readonly CreatedSalesforce[],
  connectionId: string,
): readonly ContactAction[] {
  // The echoes are planned for their field values only: what the batch's own plan decided about merges,
  // deletes, owners and pass 3 (company sync's requeue of every changed contact) is not theirs to repeat,
  // and a requeue among an echo's actions would make its read-back unusable.
  const {
    mergedInto: _m,
    deletedHubSpot: _d,
    ownersRefresh: _o,
    companySync: _c,
    associationMoved: _a,
    ...rest
  } = input
  return resolveCreates({
    actions,
    created,
    connectionId,
    objectKind: 'contact',
    now: input.now,
    planEchoes: (echoes) =>
      planContacts({
        ...rest,
        changes: echoes.map((e) => ({
          side: 'salesforce',
          type: e.ref.type,
          id: e.ref.id,
          event: 'changed',
        })),
        salesforce: new Map(echoes.map((e) => [e.ref.id, e.record])),
        links: echoes.map((e) => e.link),
        dedup: { salesforceByEmail: new Map(), hubspotByEmail: new Map() },
      }),
  })
}
