import type { FieldDecision } from '../merge/index.js'
import type { ContactAction, SalesforceRef } from './contact-actions.js'
import { HUBSPOT_LINK_PROPERTY } from './link-properties.js'
import { planContacts } from './plan-contacts.js'
import type { PlanContactsInput, SalesforceContactRecord } from './plan-types.js'

type CommitAction = Extract<ContactAction, { kind: 'commit' }>

/** A Salesforce record this batch created, and how it reads back right after the create. */
export interface CreatedSalesforce {
  readonly hubspotId: string
  readonly ref: SalesforceRef
  /** The record as read back; undefined when the read failed (its values follow with the next echo). */
  readonly record?: SalesforceContactRecord | undefined
}

/**
 * The batch's plan once its Salesforce creates are known (design.md 3.4 step 3): the step between the
 * Salesforce writes and the HubSpot writes. Each created record's commit gets its id, and the new link's
 * property is written to the HubSpot contact.
 *
 * Salesforce also sets values on create that were not sent: picklist defaults (Lead `Status`), the owner an
 * assignment rule picks (B-OWN-5), whatever triggers write. Left alone they reach HubSpot one cycle later,
 * when the created record comes back as an echo, so a second sync would still write. So the created records,
 * read back, are planned as that echo now, each against its create's commit as the stored link state: a
 * value reaches HubSpot only where its rule lets Salesforce write HubSpot (it rides on the link property's
 * update, no extra call), otherwise it is recorded as the Salesforce shadow and audited as dropped.
 */
export function resolveSalesforceCreates(
  input: PlanContactsInput,
  actions: readonly ContactAction[],
  created: readonly CreatedSalesforce[],
  connectionId: string,
): readonly ContactAction[] {
  if (created.length === 0) return actions
  const byHubSpot = new Map(created.map((c) => [c.hubspotId, c]))
  const readBack = readBackAll(input, actions, created, connectionId)
  const out: ContactAction[] = []
  for (const a of actions) {
    const c = a.kind === 'commit' && a.salesforceId === null && a.hubspotId !== null
    const done = c ? byHubSpot.get(a.hubspotId) : undefined
    if (a.kind !== 'commit' || done === undefined) {
      out.push(a)
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
  readonly hubspot: Readonly<Record<string, string | null>>
  readonly fields: CommitAction['fields']
  readonly decisions: readonly FieldDecision[]
}

interface Echo {
  readonly hubspotId: string
  readonly ref: SalesforceRef
  readonly commit: CommitAction
  readonly record: SalesforceContactRecord
}

/**
 * The echoes of every created record that read back. One plan for the whole batch (the planner's setup,
 * owners index included, is built once); only when it holds anything but commits and HubSpot updates is
 * each echo planned alone, so one odd record cannot take the others' read-back with it.
 */
function readBackAll(
  input: PlanContactsInput,
  actions: readonly ContactAction[],
  created: readonly CreatedSalesforce[],
  connectionId: string,
): Map<string, ReadBack> {
  const commits = new Map<string, CommitAction>()
  for (const a of actions)
    if (a.kind === 'commit' && a.salesforceId === null && a.hubspotId !== null) commits.set(a.hubspotId, a)
  const echoes = created.flatMap((c): Echo[] => {
    const commit = commits.get(c.hubspotId)
    return commit === undefined || c.record === undefined ? [] : [{ ...c, commit, record: c.record }]
  })
  const out = new Map<string, ReadBack>()
  if (echoes.length === 0) return out
  const together = planEchoes(input, echoes, connectionId)
  const plain = together.every((a) => a.kind === 'commit' || a.kind === 'update-hubspot')
  for (const echo of echoes) {
    const readBack = plain
      ? settle(together.filter((a) => 'hubspotId' in a && a.hubspotId === echo.hubspotId))
      : settle(planEchoes(input, [echo], connectionId))
    if (readBack !== undefined) out.set(echo.hubspotId, readBack)
  }
  return out
}

/** Plans the created records' echoes, each against its create's commit as the stored link state. */
function planEchoes(
  input: PlanContactsInput,
  echoes: readonly Echo[],
  connectionId: string,
): readonly ContactAction[] {
  const { mergedInto: _m, deletedHubSpot: _d, ownersRefresh: _o, ...rest } = input
  return planContacts({
    ...rest,
    changes: echoes.map((e) => ({ side: 'salesforce', type: e.ref.type, id: e.ref.id, event: 'changed' })),
    salesforce: new Map(echoes.map((e) => [e.ref.id, e.record])),
    links: echoes.map((e) => ({
      connectionId,
      objectKind: 'contact',
      hubspotId: e.hubspotId,
      salesforceType: e.ref.type,
      salesforceId: e.ref.id,
      state: 'active',
      fields: e.commit.fields,
      createdAt: input.now,
      updatedAt: input.now,
    })),
    dedup: { salesforceByEmail: new Map(), hubspotByEmail: new Map() },
  })
}

/**
 * One echo's plan taken as its read-back. Only the expected outcome is taken: a commit, with at most an
 * update of HubSpot. Anything else (a Salesforce write, an error, a converted lead) keeps the create's own
 * commit, and the next cycle plans the echo as it always would.
 */
function settle(echo: readonly ContactAction[]): ReadBack | undefined {
  const settled = echo.find((a): a is CommitAction => a.kind === 'commit')
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
