import type { HubSpotCaptureCursor, StateStore } from '@crmsync/core'

/** Capture streams (design.md 3.4): one cursor per Salesforce type and feed, one for HubSpot contacts. */
export const SALESFORCE_STREAMS = ['Contact', 'Lead', 'Contact:deleted', 'Lead:deleted'] as const
export const HUBSPOT_CONTACT_STREAM = 'contact'

/**
 * The stored HubSpot cursor: JSON with `v: 2` (fresh frontier, settled mark, rows returned above it, a settle
 * under way). It keeps `modifiedAt`, the frontier's instant, where version 1 had it (status reads it).
 */
export function encodeHubSpotCursor(cursor: HubSpotCaptureCursor): string {
  return JSON.stringify({ v: 2, ...cursor })
}

/** Version 1 (`{modifiedAt, lastId}`, read after the lag had passed) is settled and fresh at modifiedAt. */
export function decodeHubSpotCursor(value: string | undefined): HubSpotCaptureCursor | undefined {
  if (value === undefined) return undefined
  const parsed = JSON.parse(value) as Partial<HubSpotCaptureCursor> & { v?: unknown }
  if (typeof parsed.modifiedAt !== 'number' || (parsed.v !== undefined && parsed.v !== 2))
    throw new Error(`not a HubSpot capture cursor: ${value.slice(0, 80)}`)
  const lastId = typeof parsed.lastId === 'string' ? parsed.lastId : null
  if (parsed.v === undefined) return { modifiedAt: parsed.modifiedAt, lastId, settled: parsed.modifiedAt }
  return {
    modifiedAt: parsed.modifiedAt,
    lastId,
    settled: typeof parsed.settled === 'number' ? parsed.settled : parsed.modifiedAt,
    seen: parsed.seen ?? {},
    ...(parsed.settle === undefined ? {} : { settle: parsed.settle }),
  }
}

/**
 * Starts every missing cursor at the moment of connecting, so connecting copies nothing (B-INST-6): only
 * records changed afterwards, or imported, move. `salesforceCursorAt` builds the connector's cursor format.
 */
export async function initCursors(
  store: StateStore,
  connectionId: string,
  at: { readonly salesforce: number; readonly hubspot: number },
  salesforceCursorAt: (epochMs: number) => string,
): Promise<void> {
  for (const stream of SALESFORCE_STREAMS) {
    if ((await store.getCursor(connectionId, 'salesforce', stream)) !== undefined) continue
    await store.setCursor({
      connectionId,
      side: 'salesforce',
      stream,
      value: salesforceCursorAt(at.salesforce),
      updatedAt: at.salesforce,
    })
  }
  if ((await store.getCursor(connectionId, 'hubspot', HUBSPOT_CONTACT_STREAM)) === undefined) {
    await store.setCursor({
      connectionId,
      side: 'hubspot',
      stream: HUBSPOT_CONTACT_STREAM,
      value: encodeHubSpotCursor({ modifiedAt: at.hubspot, lastId: null, settled: at.hubspot, seen: {} }),
      updatedAt: at.hubspot,
    })
  }
}
