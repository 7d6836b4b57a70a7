import type {
  ContactChange,
  ContactSalesforceType,
  HubSpotContactRecord,
  InboxRow,
  PlanContactsInput,
  SalesforceCandidate,
  SalesforceContactRecord,
} from '@crmsync/core'
import { canonicalText } from '@crmsync/core'

import { hubspotPropertiesFor, salesforceFieldsFor, salesforceTypeOf } from '../contact-fields.js'
import type { StepContext } from '../engine-context.js'
import { portalTimeZone } from '../portal-time-zone.js'
import { BatchLinks } from './batch-links.js'
import { cycleListMembers, cycleOwners, type OwnerReferences } from './cycle-reads.js'
import { withoutEchoes } from './echo-rows.js'
import { followMerge, rekeyMergedLink, tombstoneDeletedHolders } from './hubspot-merges.js'
import { captureKey, rowsToPlan } from './planned-pairs.js'
import { readHubSpotContacts } from './read-hubspot.js'

/** A batch ready for the planner, with what apply and commit need besides. */
export interface ReadBatch {
  readonly input: PlanContactsInput
  /** `input.hubspot` itself, writable: planBatch adds property history to it when a plan needs it. */
  readonly hubspot: Map<string, HubSpotContactRecord>
  readonly links: BatchLinks
  /** HubSpot ids whose own change is in the batch (the rest are counterparts and candidates). */
  readonly changedHubSpot: ReadonlySet<string>
  /** `side:id` of the records served from this cycle's capture rather than read by id. */
  readonly fromCapture: ReadonlySet<string>
}

function emailOf(ctx: StepContext, record: HubSpotContactRecord | SalesforceContactRecord): string | null {
  if ('properties' in record) return canonicalText(record.properties['email'], true)
  const field = ctx.setup.mappings.find((m) => m.hubspot === 'email')?.salesforce[record.type] ?? 'Email'
  return canonicalText(record.fields[field], true)
}

/**
 * Step 2 of design.md 3.4 up to the planner call: read the counterparts in batch (HubSpot from the capture
 * or by batch read, with history added by planBatch where a rule compares change times; Salesforce from the capture or
 * by POST composite retrieve),
 * resolve links, follow HubSpot merges, and run the dedup look-ups in batch for unlinked records.
 */
export async function readBatch(ctx: StepContext, taken: readonly InboxRow[]): Promise<ReadBatch> {
  const { connectionId, mappings } = ctx.setup
  const links = new BatchLinks(ctx.store, connectionId)
  const unplanned = rowsToPlan(ctx, taken)
  const fromCapture = new Set<string>()
  await links.load('hubspot', idsOf(unplanned, 'hubspot'))
  await links.load('salesforce', idsOf(unplanned, 'salesforce'))
  const rows = await withoutEchoes(ctx, unplanned, links)
  const hsRowIds = idsOf(rows, 'hubspot')
  const sfRowIds = idsOf(rows, 'salesforce')

  // HubSpot: the changed contacts and the counterparts of changed Salesforce records.
  const counterpartHs = sfRowIds.flatMap((id) => {
    const link = links.find('salesforce', id)
    return link === undefined ? [] : [link.hubspotId]
  })
  const hubspot = new Map<string, HubSpotContactRecord>()
  const read = await readHubSpotContacts(ctx, [...hsRowIds, ...counterpartHs], fromCapture)
  for (const [id, record] of read.records) hubspot.set(id, record)
  for (const [oldId, survivorId] of read.mergedInto) await followMerge(ctx, links, oldId, survivorId)
  for (const record of read.records.values()) await rekeyMergedLink(ctx, links, record)

  // Changes keep inbox order (seq): the planner handles a pair once, for its first change in the batch.
  const changeAt = new Map<string, ContactChange>()
  const changedHubSpot = new Set<string>()
  for (const id of new Set(hsRowIds)) {
    const survivor = read.mergedInto.get(id) ?? id
    if (changedHubSpot.has(survivor)) continue
    changedHubSpot.add(survivor)
    const deleted = read.missing.includes(id)
    const event = deleted ? 'deleted' : ctx.cycle.resync.has(id) ? 'resync' : 'changed'
    changeAt.set(`hubspot:${id}`, { side: 'hubspot', id: survivor, event })
  }

  // Salesforce: the changed records (mostly from the capture) and the counterparts of HubSpot changes.
  const salesforce = new Map<string, SalesforceContactRecord>()
  const wanted = new Map<string, ContactSalesforceType>()
  for (const id of new Set(sfRowIds)) {
    const deletion = ctx.cycle.deletions.get(id)
    const type = deletion?.type ?? links.find('salesforce', id)?.salesforceType ?? salesforceTypeOf(id)
    if (type !== 'Lead' && type !== 'Contact') continue
    if (deletion !== undefined) {
      const master = deletion.masterRecordId === undefined ? {} : { masterRecordId: deletion.masterRecordId }
      changeAt.set(`salesforce:${id}`, { side: 'salesforce', type, id, event: 'deleted', ...master })
      if (deletion.masterRecordId !== undefined) await links.load('salesforce', [deletion.masterRecordId])
      continue
    }
    changeAt.set(`salesforce:${id}`, { side: 'salesforce', type, id, event: 'changed' })
    wanted.set(id, type)
  }
  for (const hsId of changedHubSpot) {
    const link = links.find('hubspot', hsId)
    const type = link === undefined ? undefined : salesforceTypeOf(link.salesforceId)
    if (link !== undefined && type !== undefined) wanted.set(link.salesforceId, type)
  }
  // Merged-away HubSpot ids point at links of the survivor: load those too.
  const mergedIds = [...hubspot.values()].flatMap((r) => r.mergedObjectIds ?? [])
  await links.load('hubspot', mergedIds)
  for (const id of mergedIds) {
    const link = links.find('hubspot', id)
    const type = link === undefined ? undefined : salesforceTypeOf(link.salesforceId)
    if (link !== undefined && type !== undefined) wanted.set(link.salesforceId, type)
  }
  await readSalesforce(ctx, wanted, salesforce, fromCapture)

  // Dedup for unlinked HubSpot contacts: Salesforce Contacts before Leads, oldest first (B-CON-7/8/9).
  const unlinkedHsEmails = [...changedHubSpot].flatMap((id) => {
    const record = hubspot.get(id)
    const email = record === undefined ? null : emailOf(ctx, record)
    const link = links.find('hubspot', id)
    // A resync of a broken link looks for the record that holds the email now (B-CON-25).
    const looks = link === undefined || (link.state === 'broken' && ctx.cycle.resync.has(id))
    return email === null || !looks ? [] : [email]
  })
  const salesforceByEmail = new Map<string, readonly SalesforceCandidate[]>()
  if (unlinkedHsEmails.length > 0) {
    const found = await ctx.deps.salesforce.findContactsByEmail([...new Set(unlinkedHsEmails)])
    const candidates = new Map<string, ContactSalesforceType>()
    for (const [email, list] of found) {
      salesforceByEmail.set(email, list)
      for (const c of list) if (!salesforce.has(c.id)) candidates.set(c.id, c.type)
    }
    const candidateIds = [...found.values()].flatMap((list) => list.map((c) => c.id))
    await links.load('salesforce', candidateIds)
    await readSalesforce(ctx, candidates, salesforce, fromCapture)
    await tombstoneDeletedHolders(ctx, links, candidateIds, hubspot)
  }

  // Dedup for unlinked Salesforce records: a HubSpot contact holding the email (B-CON-6, B-CON-8).
  const hubspotByEmail = new Map<string, string>()
  const unlinkedSfEmails = [...wanted.keys()].flatMap((id) => {
    const record = salesforce.get(id)
    const email = record === undefined ? null : emailOf(ctx, record)
    return email === null || links.find('salesforce', id) !== undefined ? [] : [email]
  })
  if (unlinkedSfEmails.length > 0 && ctx.setup.settings.createInHubSpot) {
    const found = await ctx.deps.hubspot.findContactsByEmail(
      [...new Set(unlinkedSfEmails)],
      hubspotPropertiesFor(mappings),
    )
    for (const [email, record] of found) {
      hubspotByEmail.set(email, record.id)
      if (!hubspot.has(record.id)) hubspot.set(record.id, record)
    }
    await links.load(
      'hubspot',
      [...found.values()].map((r) => r.id),
    )
  }

  const changes = [...rows]
    .sort((a, b) => a.seq - b.seq)
    .flatMap((r) => {
      const change = changeAt.get(`${r.side}:${r.recordId}`)
      changeAt.delete(`${r.side}:${r.recordId}`)
      return change === undefined ? [] : [change]
    })
  const input: PlanContactsInput = {
    now: ctx.deps.clock.now(),
    timeZone: await portalTimeZone(ctx.deps),
    mappings,
    settings: ctx.setup.settings,
    inclusionListMembers: await cycleListMembers(ctx),
    owners: await cycleOwners(ctx, ownerReferences(ctx, hubspot, salesforce)),
    changes,
    hubspot,
    salesforce,
    links: links.all(),
    dedup: { salesforceByEmail, hubspotByEmail },
    paused: ctx.setup.paused,
  }
  return { input, hubspot, links, changedHubSpot, fromCapture }
}

/** The owner ids the batch's records hold on each side (the locked owner mapping's fields). */
function ownerReferences(
  ctx: StepContext,
  hubspot: ReadonlyMap<string, HubSpotContactRecord>,
  salesforce: ReadonlyMap<string, SalesforceContactRecord>,
): OwnerReferences {
  const owner = ctx.setup.mappings.find((m) => m.rule === 'owner')
  if (owner === undefined) return { hubspot: [], salesforce: [] }
  const text = (value: unknown): string[] => (typeof value === 'string' && value !== '' ? [value] : [])
  return {
    hubspot: [...hubspot.values()].flatMap((r) => text(r.properties[owner.hubspot])),
    salesforce: [...salesforce.values()].flatMap((r) => {
      const field = owner.salesforce[r.type]
      return field === undefined ? [] : text(r.fields[field])
    }),
  }
}

function idsOf(rows: readonly InboxRow[], side: 'hubspot' | 'salesforce'): string[] {
  return rows.filter((r) => r.side === side).map((r) => r.recordId)
}

/** Reads Salesforce records by id, from the capture cache when this cycle has not written them since. */
async function readSalesforce(
  ctx: StepContext,
  wanted: ReadonlyMap<string, ContactSalesforceType>,
  into: Map<string, SalesforceContactRecord>,
  fromCapture: Set<string>,
): Promise<void> {
  const missing: Record<ContactSalesforceType, string[]> = { Lead: [], Contact: [] }
  for (const [id, type] of wanted) {
    const cached = ctx.cycle.written.has(id) ? undefined : ctx.cycle.salesforce.get(id)
    if (cached !== undefined) {
      into.set(id, cached)
      fromCapture.add(captureKey('salesforce', id))
    } else if (!into.has(id)) missing[type].push(id)
  }
  for (const type of ['Contact', 'Lead'] as const) {
    if (missing[type].length === 0) continue
    const found = await ctx.deps.salesforce.retrieve(
      type,
      missing[type],
      salesforceFieldsFor(ctx.setup.mappings, type),
    )
    for (const [id, record] of found) into.set(id, record)
  }
  // A converted lead's contact is read too, so the planner can follow the conversion (B-CON-12).
  const converted = new Map<string, ContactSalesforceType>()
  for (const record of into.values()) {
    const contactId = record.convertedContactId
    if (record.isConverted === true && contactId !== undefined && !into.has(contactId))
      converted.set(contactId, 'Contact')
  }
  if (converted.size > 0) await readSalesforce(ctx, converted, into, fromCapture)
}
