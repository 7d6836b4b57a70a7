import type {
  ContactChange,
  ContactSalesforceType,
  HubSpotContactRecord,
  InboxRow,
  Link,
  PlanContactsInput,
  SalesforceCandidate,
  SalesforceContactRecord,
} from '@crmsync/core'
import { canonicalText, prepareLinks } from '@crmsync/core'

import type { ReadContext } from '../../engine-context.js'
import { cycleListMembers } from '../../inclusion-list.js'
import { readOwnersRefresh } from '../../owners/awaiting-owner-read.js'
import { cycleOwners, type OwnerReferences } from '../../owners/cycle-owners.js'
import { BatchLinks } from '../../pipeline/batch-links.js'
import type { ContactCache } from './contact-cache.js'
import { hubspotPropertiesFor, salesforceFieldsFor, salesforceTypeOf } from './contact-fields.js'
import { readDeletedHolders } from './deleted-holders.js'
import { withoutEchoes } from './echo-rows.js'
import { captureKey, rowsToPlan } from './planned-pairs.js'
import { readHubSpotContacts } from './read-hubspot.js'

/** A batch of contact rows, read: the planner's input, and what the later stages need besides. */
export interface ContactRead {
  readonly connectionId: string
  readonly input: PlanContactsInput
  /** The links as stored (the plan and the commit start from them). */
  readonly links: readonly Link[]
  /** HubSpot ids whose own change is in the batch (the rest are counterparts and candidates). */
  readonly changedHubSpot: ReadonlySet<string>
  /** `side:id` of the records served from this cycle's capture rather than read by id. */
  readonly fromCapture: ReadonlySet<string>
  /** The read took a fresh owners table's refresh (B-OWN-1) into the plan: the commit settles it. */
  readonly ownersRefreshed: boolean
}

/**
 * The read stage for contacts (design.md 3.4 step 2 up to the planner call): the counterparts in batch
 * (HubSpot from the capture or by batch read, Salesforce from the capture or by POST composite retrieve), the
 * links, the HubSpot merges and deletes the reads reveal, the dedup look-ups in batch for unlinked records,
 * the owners table and the inclusion list. It reads; what to do about any of it is the plan's.
 */
export async function readContacts(
  ctx: ReadContext,
  cache: ContactCache,
  taken: readonly InboxRow[],
): Promise<ContactRead> {
  const { connectionId, mappings } = ctx.setup
  const links = new BatchLinks(ctx.store, connectionId)
  const unplanned = rowsToPlan(ctx.cycle, cache, taken)
  const fromCapture = new Set<string>()
  await links.load('hubspot', idsOf(unplanned, 'hubspot'))
  await links.load('salesforce', idsOf(unplanned, 'salesforce'))
  const { rows, associationMoved } = await withoutEchoes(ctx, cache, unplanned, links)
  const hsRowIds = idsOf(rows, 'hubspot')
  const sfRowIds = idsOf(rows, 'salesforce')

  // HubSpot: the changed contacts and the counterparts of changed Salesforce records.
  const counterpartHs = sfRowIds.flatMap((id) => {
    const link = links.find('salesforce', id)
    return link === undefined ? [] : [link.hubspotId]
  })
  const hubspot = new Map<string, HubSpotContactRecord>()
  const read = await readHubSpotContacts(ctx, cache, [...hsRowIds, ...counterpartHs], fromCapture)
  for (const [id, record] of read.records) hubspot.set(id, record)
  // Merges: the survivors' links and the merged contacts' links, then lookups see them as the plan will.
  await links.load('hubspot', read.mergedInto.values())
  await links.load(
    'hubspot',
    [...read.records.values()].flatMap((r) => [r.id, ...(r.mergedObjectIds ?? [])]),
  )
  links.anticipate(prepareLinks({ links: links.all(), hubspot, mergedInto: read.mergedInto }).links)

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
    const deletion = cache.deletions.get(id)
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
  const wantCounterpart = (link: Link | undefined) => {
    const type = link === undefined ? undefined : salesforceTypeOf(link.salesforceId)
    if (link !== undefined && type !== undefined) wanted.set(link.salesforceId, type)
  }
  for (const hsId of changedHubSpot) wantCounterpart(links.find('hubspot', hsId))
  // Merged-away HubSpot ids point at links of the survivor: their records too.
  for (const id of [...hubspot.values()].flatMap((r) => r.mergedObjectIds ?? []))
    wantCounterpart(links.find('hubspot', id))
  await readSalesforce(ctx, cache, wanted, salesforce, fromCapture)

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
  const deletedHubSpot = new Set<string>()
  if (unlinkedHsEmails.length > 0) {
    const found = await ctx.deps.salesforce.findContactsByEmail([...new Set(unlinkedHsEmails)])
    const candidates = new Map<string, ContactSalesforceType>()
    for (const [email, list] of found) {
      salesforceByEmail.set(email, list)
      for (const c of list) if (!salesforce.has(c.id)) candidates.set(c.id, c.type)
    }
    const candidateIds = [...found.values()].flatMap((list) => list.map((c) => c.id))
    await links.load('salesforce', candidateIds)
    await readSalesforce(ctx, cache, candidates, salesforce, fromCapture)
    for (const id of await readDeletedHolders(ctx, links, candidateIds, hubspot)) deletedHubSpot.add(id)
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
  const owners = await cycleOwners(ctx, ownerReferences(ctx, hubspot, salesforce))
  // The last owners read of the batch: a table read from the CRMs in it says what waited (B-OWN-1).
  const ownersRefreshed = ctx.cycle.ownersFresh
  const ownersRefresh = ownersRefreshed ? await readOwnersRefresh(ctx, owners) : undefined
  const input: PlanContactsInput = {
    now: ctx.deps.clock.now(),
    timeZone: await ctx.state.timeZone(),
    mappings,
    settings: ctx.setup.settings,
    inclusionListMembers: await cycleListMembers(ctx, ctx.setup.settings.inclusionList),
    owners,
    changes,
    hubspot,
    salesforce,
    links: links.all(),
    dedup: { salesforceByEmail, hubspotByEmail },
    paused: ctx.setup.paused,
    ...(read.mergedInto.size === 0 ? {} : { mergedInto: read.mergedInto }),
    ...(deletedHubSpot.size === 0 ? {} : { deletedHubSpot }),
    ...(ownersRefresh === undefined ? {} : { ownersRefresh }),
    ...(ctx.cycle.salesforceImport === undefined ? {} : { salesforceImport: true }),
    ...(ctx.setup.companies === undefined ? {} : { companySync: true, associationMoved }),
  }
  return { connectionId, input, links: links.all(), changedHubSpot, fromCapture, ownersRefreshed }
}

function emailOf(ctx: ReadContext, record: HubSpotContactRecord | SalesforceContactRecord): string | null {
  if ('properties' in record) return canonicalText(record.properties['email'], true)
  const field = ctx.setup.mappings.find((m) => m.hubspot === 'email')?.salesforce[record.type] ?? 'Email'
  return canonicalText(record.fields[field], true)
}

/** The owner ids the batch's records hold on each side (the locked owner mapping's fields). */
function ownerReferences(
  ctx: ReadContext,
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
  ctx: ReadContext,
  cache: ContactCache,
  wanted: ReadonlyMap<string, ContactSalesforceType>,
  into: Map<string, SalesforceContactRecord>,
  fromCapture: Set<string>,
): Promise<void> {
  const missing: Record<ContactSalesforceType, string[]> = { Lead: [], Contact: [] }
  for (const [id, type] of wanted) {
    const cached = cache.written.has(id) ? undefined : cache.salesforce.get(id)
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
  if (converted.size > 0) await readSalesforce(ctx, cache, converted, into, fromCapture)
}
