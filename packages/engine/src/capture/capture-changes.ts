import type { ContactSalesforceType, InboxArrival } from '@crmsync/core'

import { hubspotPropertiesFor, salesforceFieldsFor } from '../contact-fields.js'
import type { StepContext } from '../engine-context.js'
import { decodeHubSpotCursor, encodeHubSpotCursor, HUBSPOT_CONTACT_STREAM } from './capture-cursors.js'

/** Capture passes end on their own; this only stops a connector that keeps saying `more` forever. */
const MAX_PAGES_PER_STREAM = 1000

function arrival(ctx: StepContext, side: 'hubspot' | 'salesforce', recordId: string): InboxArrival {
  return { connectionId: ctx.setup.connectionId, objectKind: 'contact', side, recordId }
}

/**
 * Step 1 of design.md 3.4 for Salesforce: pages of changed, deleted and merged-away Leads and Contacts (one
 * queryAll per page with the mapped fields selected, so capture doubles as the batch read); each page's
 * inbox rows and its cursor are written in one transaction. Contacts first, so a conversion's contact is
 * known when its lead is planned.
 */
export async function captureSalesforce(ctx: StepContext): Promise<void> {
  const { connectionId } = ctx.setup
  for (const type of ['Contact', 'Lead'] as const satisfies readonly ContactSalesforceType[]) {
    const fields = salesforceFieldsFor(ctx.setup.mappings, type)
    for (let page = 0; page < MAX_PAGES_PER_STREAM; page++) {
      const cursor = await ctx.store.getCursor(connectionId, 'salesforce', type)
      const result = await ctx.deps.salesforce.captureChanges(type, cursor?.value, fields)
      for (const record of result.records) ctx.cycle.salesforce.set(record.id, record)
      for (const deletion of result.deletions) ctx.cycle.deletions.set(deletion.id, deletion)
      const ids = [...result.records, ...result.deletions].map((r) => r.id)
      await ctx.store.transaction(async (tx) => {
        await tx.enqueue(ids.map((id) => arrival(ctx, 'salesforce', id)))
        await tx.setCursor({
          connectionId,
          side: 'salesforce',
          stream: type,
          value: result.cursor,
          updatedAt: ctx.deps.clock.now(),
        })
      })
      if (!result.hasMore) break
    }
  }
}

/**
 * Step 1 for HubSpot: the connector's two-query capture (design.md 3.4), its watermark kept below server
 * time minus the search indexing lag. The search returns the mapped properties, so capture doubles as the
 * batch read here too (a record edited again after its index entry is captured again with the new values). Deletes and merges surface when records are read (missing ids and
 * `hs_merged_object_ids`).
 */
export async function captureHubSpot(ctx: StepContext): Promise<void> {
  const { connectionId } = ctx.setup
  const properties = hubspotPropertiesFor(ctx.setup.mappings)
  for (let page = 0; page < MAX_PAGES_PER_STREAM; page++) {
    const stored = await ctx.store.getCursor(connectionId, 'hubspot', HUBSPOT_CONTACT_STREAM)
    const result = await ctx.deps.hubspot.captureContacts({
      cursor: decodeHubSpotCursor(stored?.value),
      properties,
    })
    for (const record of result.records) ctx.cycle.hubspot.set(record.id, record)
    await ctx.store.transaction(async (tx) => {
      await tx.enqueue(result.records.map((r) => arrival(ctx, 'hubspot', r.id)))
      await tx.setCursor({
        connectionId,
        side: 'hubspot',
        stream: HUBSPOT_CONTACT_STREAM,
        value: encodeHubSpotCursor(result.cursor),
        updatedAt: ctx.deps.clock.now(),
      })
    })
    if (!result.more) break
  }
}
