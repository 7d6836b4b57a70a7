/** The search request body we send (the client's PublicObjectSearchRequest, with typed sorts). */
export interface SearchBody {
  readonly filterGroups: ReadonlyArray<{ readonly filters: readonly SearchFilter[] }>
  readonly sorts: ReadonlyArray<{
    readonly propertyName: string
    readonly direction: 'ASCENDING' | 'DESCENDING'
  }>
  readonly properties: readonly string[]
  readonly limit: number
  readonly after?: string | undefined
}

export interface SearchFilter {
  readonly propertyName: string
  readonly operator: 'EQ' | 'GT' | 'GTE' | 'LT' | 'LTE'
  readonly value: string
}

/** Contacts' last-modified property (companies and deals use hs_lastmodifieddate, api-surface 3.2). */
export const CONTACT_MODIFIED = 'lastmodifieddate'

/** The search page size HubSpot allows (api-surface 3.4). */
export const SEARCH_PAGE_SIZE = 200

function withModified(properties: readonly string[], modified: string): string[] {
  return [...new Set([...properties, modified, 'hs_object_id'])]
}

/**
 * Query 1 of a capture window: the records modified exactly at `modifiedAt` with an id above `lastId`,
 * by id. Search sorts by one key only, so ties on the date are walked by id here (keyset, no `after`),
 * which also never meets the 10,000-result cap however many records share that instant. `modified` is the
 * object's last-modified property (object-kinds.ts).
 */
export function tieQuery(
  modifiedAt: number,
  lastId: string | null,
  properties: readonly string[],
  modified = CONTACT_MODIFIED,
): SearchBody {
  const filters: SearchFilter[] = [{ propertyName: modified, operator: 'EQ', value: String(modifiedAt) }]
  if (lastId !== null) filters.push({ propertyName: 'hs_object_id', operator: 'GT', value: lastId })
  return {
    filterGroups: [{ filters }],
    sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
    properties: withModified(properties, modified),
    limit: SEARCH_PAGE_SIZE,
  }
}

/**
 * Query 2 of a capture window: records modified after `after` and at or before `upTo`, oldest first.
 * The upper bound keeps the window under the result cap; a fresh pass reaches past now, a settle pass stops
 * at server time minus the indexing lag.
 */
export function windowQuery(
  afterTime: number,
  upTo: number,
  properties: readonly string[],
  page: { readonly limit?: number; readonly after?: string | undefined } = {},
  modified = CONTACT_MODIFIED,
): SearchBody {
  return {
    filterGroups: [
      {
        filters: [
          { propertyName: modified, operator: 'GT', value: String(afterTime) },
          { propertyName: modified, operator: 'LTE', value: String(upTo) },
        ],
      },
    ],
    sorts: [{ propertyName: modified, direction: 'ASCENDING' }],
    properties: withModified(properties, modified),
    limit: page.limit ?? SEARCH_PAGE_SIZE,
    ...(page.after === undefined ? {} : { after: page.after }),
  }
}
