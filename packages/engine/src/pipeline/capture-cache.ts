/**
 * What one cycle's capture of a paired kind read, so capture doubles as the batch read (design.md 3.4):
 * contacts and companies keep the same cache, each with its own record types.
 */
export interface CaptureCache<SalesforceRecord, SalesforceDeletion, HubSpotRecord> {
  readonly salesforce: Map<string, SalesforceRecord>
  readonly deletions: Map<string, SalesforceDeletion>
  /**
   * HubSpot records captured this cycle, with the mapped properties. Each serves one batch: once planned it
   * may be written, so anything planned again later in the cycle is read fresh.
   */
  readonly hubspot: Map<string, HubSpotRecord>
  /** `side:id` of captured records whose pair a batch of this cycle already planned (planned-pairs.ts). */
  readonly consumed: Set<string>
  /** Records modified by this cycle's writes: never served from the capture cache again. */
  readonly written: Set<string>
}

export function createCaptureCache<SalesforceRecord, SalesforceDeletion, HubSpotRecord>(): CaptureCache<
  SalesforceRecord,
  SalesforceDeletion,
  HubSpotRecord
> {
  return {
    salesforce: new Map(),
    deletions: new Map(),
    hubspot: new Map(),
    consumed: new Set(),
    written: new Set(),
  }
}
