import type { ContactAction, HubSpotContactRecord, HubSpotReadResult, PlanContactsInput } from '@crmsync/core'
import { planContacts, planContactsDetailed } from '@crmsync/core'

import { hubspotHistoryFor, hubspotPropertiesFor } from '../contact-fields.js'
import type { StepContext } from '../engine-context.js'
import { captureKey } from './planned-pairs.js'

/**
 * HubSpot contacts by id for a batch: from this cycle's capture where it has them (capture selects the
 * mapped properties, so it doubles as the batch read), the rest by batch read (100 per call). A captured
 * record serves one batch only: once planned it may be written, so a later use reads it fresh.
 */
export async function readHubSpotContacts(
  ctx: StepContext,
  ids: readonly string[],
  fromCapture: Set<string>,
): Promise<HubSpotReadResult> {
  const records = new Map<string, HubSpotContactRecord>()
  const toRead: string[] = []
  for (const id of new Set(ids)) {
    const cached = ctx.cycle.hubspot.get(id)
    if (cached === undefined) toRead.push(id)
    else {
      ctx.cycle.hubspot.delete(id)
      records.set(id, cached)
      fromCapture.add(captureKey('hubspot', id))
    }
  }
  if (toRead.length === 0) return { records, missing: [], mergedInto: new Map() }
  const read = await ctx.deps.hubspot.readContacts({
    ids: toRead,
    properties: hubspotPropertiesFor(ctx.setup.mappings),
  })
  for (const [id, record] of read.records) records.set(id, record)
  return { records, missing: read.missing, mergedInto: read.mergedInto }
}

/**
 * Plans a batch. Property history is read only for contacts whose plan compares field change times (a
 * two-way or owner field changed on both sides, design.md 3.2), because history makes a read many times
 * larger: the plan names them, they are read again with history into the batch's HubSpot records (`input`
 * holds that same map), and the batch is planned again. In the common case the first plan is the plan.
 */
export async function planBatch(
  ctx: StepContext,
  hubspot: Map<string, HubSpotContactRecord>,
  input: PlanContactsInput,
): Promise<readonly ContactAction[]> {
  const first = planContactsDetailed(input)
  if (first.hubspotHistoryWanted.length === 0) return first.actions
  const read = await ctx.deps.hubspot.readContacts({
    ids: first.hubspotHistoryWanted,
    properties: hubspotPropertiesFor(ctx.setup.mappings),
    historyFor: hubspotHistoryFor(ctx.setup.mappings),
  })
  for (const [id, record] of read.records) hubspot.set(id, record)
  return planContacts(input)
}
