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

/**
 * A captured row of a paired kind judged an echo by `test` on the record capture read: only records captured
 * this cycle and not written since, never a delete, a resync or a replan (those always plan).
 */
export function isCapturedEcho<S, D, H>(
  cycle: { readonly replanned: ReadonlySet<string>; readonly resync: ReadonlySet<string> },
  cache: CaptureCache<S, D, H>,
  row: { readonly side: 'hubspot' | 'salesforce'; readonly recordId: string },
  test: { readonly salesforce: (record: S) => boolean; readonly hubspot: (record: H) => boolean },
): boolean {
  const id = row.recordId
  if (cycle.replanned.has(id) || cycle.resync.has(id) || cache.written.has(id) || cache.deletions.has(id))
    return false
  if (row.side === 'salesforce') {
    const record = cache.salesforce.get(id)
    return record !== undefined && test.salesforce(record)
  }
  const record = cache.hubspot.get(id)
  return record !== undefined && test.hubspot(record)
}

/**
 * Salesforce records by id into `into`: from this cycle's capture when the cycle has not written them since
 * (their `salesforce:id` added to `fromCapture`), the rest through `retrieve` in one call. Ids already in
 * `into` are left as they are.
 */
export async function salesforceFromCaptureOrRead<S>(
  cache: Pick<CaptureCache<S, unknown, unknown>, 'salesforce' | 'written'>,
  wanted: Iterable<string>,
  into: Map<string, S>,
  fromCapture: Set<string>,
  retrieve: (ids: readonly string[]) => Promise<ReadonlyMap<string, S>>,
): Promise<void> {
  const toRead: string[] = []
  for (const id of wanted) {
    if (into.has(id)) continue
    const cached = cache.written.has(id) ? undefined : cache.salesforce.get(id)
    if (cached === undefined) toRead.push(id)
    else {
      into.set(id, cached)
      fromCapture.add(`salesforce:${id}`)
    }
  }
  if (toRead.length === 0) return
  for (const [id, record] of await retrieve(toRead)) into.set(id, record)
}
