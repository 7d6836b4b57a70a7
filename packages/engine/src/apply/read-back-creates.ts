import type {
  ContactAction,
  ContactSalesforceType,
  FieldDecision,
  PlanContactsInput,
  SalesforceContactRecord,
  SalesforceRef,
} from '@crmsync/core'
import { planContacts } from '@crmsync/core'

import { salesforceFieldsFor } from '../contact-fields.js'
import type { StepContext } from '../engine-context.js'
import type { ApplyOutcome, ReadBack } from './apply-outcome.js'

type CommitAction = Extract<ContactAction, { kind: 'commit' }>

const NO_DEDUP: PlanContactsInput['dedup'] = { salesforceByEmail: new Map(), hubspotByEmail: new Map() }

/**
 * Salesforce sets values on create that we did not send: picklist defaults (Lead `Status`), the owner of an
 * assignment rule (B-OWN-5), whatever triggers write. Left alone, they reach HubSpot one cycle later, when
 * the created record comes back as an echo, so a second sync would still write. Instead the created
 * records are read back at once (one retrieve per type per batch, never per record) and planned as that
 * echo now: each becomes a linked pair whose stored state is the create's commit. The planner applies the
 * field rules as it would next cycle (a value reaches HubSpot only where its rule lets Salesforce write
 * HubSpot; otherwise it is recorded as the Salesforce shadow and audited as dropped), the HubSpot values
 * ride on the link write-back that follows a create anyway, and the commit stores what Salesforce holds.
 * A dry run creates nothing, so it reads nothing back.
 */
export async function readBackCreates(
  ctx: StepContext,
  input: PlanContactsInput,
  actions: readonly ContactAction[],
  outcome: ApplyOutcome,
): Promise<void> {
  if (ctx.cycle.dryRun || outcome.createdSalesforce.size === 0) return
  const records = await retrieveCreated(ctx, [...outcome.createdSalesforce.values()])
  if (records === undefined) return
  const commits = new Map<string, CommitAction>()
  for (const a of actions)
    if (a.kind === 'commit' && a.salesforceId === null && a.hubspotId !== null) commits.set(a.hubspotId, a)
  const echoes: Echo[] = []
  for (const [hubspotId, ref] of outcome.createdSalesforce) {
    const commit = commits.get(hubspotId)
    const record = records.get(ref.id)
    if (commit !== undefined && record !== undefined) echoes.push({ hubspotId, ref, commit, record })
  }
  // One plan for the whole batch (the planner's setup, owners index included, is built once); only when it
  // holds anything but commits and HubSpot updates is each echo planned alone, so one odd record cannot
  // take the others' read-back with it.
  const together = planEchoes(ctx, input, echoes)
  const plain = together.every((a) => a.kind === 'commit' || a.kind === 'update-hubspot')
  for (const echo of echoes) {
    const readBack = plain
      ? settle(together.filter((a) => 'hubspotId' in a && a.hubspotId === echo.hubspotId))
      : settle(planEchoes(ctx, input, [echo]))
    if (readBack !== undefined) outcome.readBack.set(echo.hubspotId, readBack)
  }
}

interface Echo {
  readonly hubspotId: string
  readonly ref: SalesforceRef
  readonly commit: CommitAction
  readonly record: SalesforceContactRecord
}

/**
 * The created records, by id. A failed read costs only the early arrival: the next cycle's echo carries the
 * same values, so the batch goes on (its creates already happened and must be linked) without them.
 */
async function retrieveCreated(
  ctx: StepContext,
  created: readonly SalesforceRef[],
): Promise<Map<string, SalesforceContactRecord> | undefined> {
  const out = new Map<string, SalesforceContactRecord>()
  try {
    for (const type of ['Contact', 'Lead'] as const satisfies readonly ContactSalesforceType[]) {
      const ids = created.filter((r) => r.type === type).map((r) => r.id)
      if (ids.length === 0) continue
      const fields = salesforceFieldsFor(ctx.setup.mappings, type)
      for (const [id, record] of await ctx.deps.salesforce.retrieve(type, ids, fields)) out.set(id, record)
    }
  } catch (err) {
    ctx.deps.logger.warn(
      { connectionId: ctx.setup.connectionId, err },
      'read-back of created Salesforce records failed; their server-set values follow next cycle',
    )
    return undefined
  }
  return out
}

/**
 * Plans the created records' echoes, each against its create's commit as the stored link state.
 */
function planEchoes(
  ctx: StepContext,
  input: PlanContactsInput,
  echoes: readonly Echo[],
): readonly ContactAction[] {
  if (echoes.length === 0) return []
  return planContacts({
    ...input,
    changes: echoes.map((e) => ({ side: 'salesforce', type: e.ref.type, id: e.ref.id, event: 'changed' })),
    salesforce: new Map(echoes.map((e) => [e.ref.id, e.record])),
    links: echoes.map((e) => ({
      connectionId: ctx.setup.connectionId,
      objectKind: 'contact',
      hubspotId: e.hubspotId,
      salesforceType: e.ref.type,
      salesforceId: e.ref.id,
      state: 'active',
      fields: e.commit.fields,
      createdAt: input.now,
      updatedAt: input.now,
    })),
    dedup: NO_DEDUP,
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
