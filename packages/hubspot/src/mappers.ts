import type {
  HubSpotCaptureCursor,
  HubSpotCompanyUpsertInput,
  HubSpotContactRecord,
  HubSpotDealUpsertInput,
  HubSpotOwnerRecord,
  HubSpotUpdateInput,
  HubSpotUpsertInput,
  RawValue,
} from '@crmsync/core'

/**
 * The unique property holding the Salesforce id, on contacts and companies alike: creates are upserts on it
 * (design.md 3.4).
 */
export const SALESFORCE_ID_PROPERTY = 'crmsync_salesforce_id'

/** The link properties HubSpot shows on the contact (design.md 3.1). */
export const LINK_PROPERTY = { Lead: 'salesforceleadid', Contact: 'salesforcecontactid' } as const

/** The company property HubSpot's own Salesforce integration shows the Account id in (design.md 3.1). */
export const ACCOUNT_LINK_PROPERTY = 'salesforceaccountid'
/** A deal's Opportunity id property, in the Salesforce information group. */
export const OPPORTUNITY_LINK_PROPERTY = 'salesforceopportunityid'

/**
 * A contact or company as read or captured: what the port's HubSpotContactRecord and HubSpotCompanyRecord
 * share (a company's `contactIds` are added by the read that asks for them).
 */
export interface HubSpotObjectRecord {
  readonly id: string
  readonly properties: Readonly<Record<string, RawValue>>
  readonly propertyChangedAt?: Readonly<Record<string, number>> | undefined
  readonly mergedObjectIds?: readonly string[] | undefined
}

/** One property-history entry as the client returns it (timestamp already a Date, api-surface 8.6). */
export interface HistoryEntryLike {
  readonly value?: string | undefined
  readonly timestamp?: Date | string | undefined
  readonly sourceType?: string | undefined
  readonly sourceId?: string | undefined
}

/** The parts of a client SimplePublicObject the mappers read. */
export interface HubSpotObjectLike {
  readonly id: string
  readonly properties: Readonly<Record<string, string | null | undefined>>
  readonly propertiesWithHistory?:
    Readonly<Record<string, readonly HistoryEntryLike[] | undefined>> | undefined
}

export interface OwnerLike {
  readonly id: string
  readonly firstName?: string | undefined
  readonly lastName?: string | undefined
  readonly email?: string | undefined
  readonly archived?: boolean | undefined
}

function epochOf(timestamp: Date | string | undefined): number | undefined {
  if (timestamp === undefined) return undefined
  const ms = timestamp instanceof Date ? timestamp.getTime() : Date.parse(timestamp)
  return Number.isFinite(ms) ? ms : undefined
}

/** A write by this connection: an INTEGRATION entry whose source id is our app id (api-surface 8.6). */
export function isOwnWrite(entry: HistoryEntryLike, ownAppId: string | undefined): boolean {
  return ownAppId !== undefined && entry.sourceType === 'INTEGRATION' && entry.sourceId === ownAppId
}

/**
 * Per property, the newest history entry not written by this connection. A property whose every entry is
 * ours is left out, so the planner falls back to the capture time (plan-types: the documented default).
 */
export function changeTimesOf(
  history: Readonly<Record<string, readonly HistoryEntryLike[] | undefined>>,
  ownAppId: string | undefined,
): Record<string, number> {
  const times: Record<string, number> = {}
  for (const [name, entries] of Object.entries(history)) {
    let newest: number | undefined
    for (const entry of entries ?? []) {
      if (isOwnWrite(entry, ownAppId)) continue
      const at = epochOf(entry.timestamp)
      // Newest first is observed, not documented (api-surface 8.6), so take the maximum, not entry 0.
      if (at !== undefined && (newest === undefined || at > newest)) newest = at
    }
    if (newest !== undefined) times[name] = newest
  }
  return times
}

/** `hs_merged_object_ids` is a semicolon-separated string of absorbed ids (api-surface 8.4). */
export function parseMergedIds(raw: string | null | undefined): string[] {
  if (raw == null) return []
  return raw
    .split(';')
    .map((id) => id.trim())
    .filter((id) => id !== '')
}

/** A client contact object to the planner's HubSpotContactRecord. */
export function fromHubSpotContact(object: HubSpotObjectLike, ownAppId?: string): HubSpotContactRecord {
  return fromHubSpotObject(object, ownAppId)
}

/** A client object (contact or company) to the record the port returns for it. */
export function fromHubSpotObject(object: HubSpotObjectLike, ownAppId?: string): HubSpotObjectRecord {
  const properties: Record<string, string | null> = {}
  for (const [name, value] of Object.entries(object.properties)) properties[name] = value ?? null
  const merged = parseMergedIds(object.properties['hs_merged_object_ids'])
  const history = object.propertiesWithHistory
  return {
    id: object.id,
    properties,
    ...(history === undefined ? {} : { propertyChangedAt: changeTimesOf(history, ownAppId) }),
    ...(merged.length === 0 ? {} : { mergedObjectIds: merged }),
  }
}

/** An upsert input keyed by the Salesforce id, with the link property of the record's type. */
export function toHubSpotUpsertInput(input: HubSpotUpsertInput): {
  idProperty: string
  id: string
  properties: Record<string, string>
} {
  const link =
    input.salesforceType === undefined ? {} : { [LINK_PROPERTY[input.salesforceType]]: input.salesforceId }
  return {
    idProperty: SALESFORCE_ID_PROPERTY,
    id: input.salesforceId,
    properties: { ...input.properties, ...link, [SALESFORCE_ID_PROPERTY]: input.salesforceId },
  }
}

/** A company upsert keyed by the Salesforce Account id, also written to `salesforceaccountid`. */
export function toHubSpotCompanyUpsertInput(input: HubSpotCompanyUpsertInput): {
  idProperty: string
  id: string
  properties: Record<string, string>
} {
  return {
    idProperty: SALESFORCE_ID_PROPERTY,
    id: input.salesforceId,
    properties: {
      ...input.properties,
      [ACCOUNT_LINK_PROPERTY]: input.salesforceId,
      [SALESFORCE_ID_PROPERTY]: input.salesforceId,
    },
  }
}

/** A deal create keyed by the Opportunity id, with `salesforceopportunityid` (B-MAP-14). */
export function toHubSpotDealUpsertInput(input: HubSpotDealUpsertInput): {
  idProperty: string
  id: string
  properties: Record<string, string>
} {
  return {
    idProperty: SALESFORCE_ID_PROPERTY,
    id: input.salesforceId,
    properties: {
      ...input.properties,
      [OPPORTUNITY_LINK_PROPERTY]: input.salesforceId,
      [SALESFORCE_ID_PROPERTY]: input.salesforceId,
    },
  }
}

export function toHubSpotUpdateInput(input: HubSpotUpdateInput): {
  id: string
  properties: Record<string, string>
} {
  return { id: input.id, properties: { ...input.properties } }
}

/** A client owner to ours; archived owners are deactivated users (api-surface 3.6). */
export function fromHubSpotOwner(owner: OwnerLike): HubSpotOwnerRecord {
  return {
    id: owner.id,
    firstName: owner.firstName ?? '',
    lastName: owner.lastName ?? '',
    email: (owner.email ?? '').toLowerCase(),
    active: owner.archived !== true,
  }
}

/** The stored form of a capture cursor (the store keeps cursors as opaque strings). */
export function encodeCaptureCursor(cursor: HubSpotCaptureCursor): string {
  return JSON.stringify({ modifiedAt: cursor.modifiedAt, lastId: cursor.lastId })
}

/** Reads a stored cursor back; anything unreadable restarts from the beginning rather than skipping. */
export function decodeCaptureCursor(value: string | undefined): HubSpotCaptureCursor | undefined {
  if (value === undefined) return undefined
  try {
    const parsed = JSON.parse(value) as { modifiedAt?: unknown; lastId?: unknown }
    if (typeof parsed.modifiedAt !== 'number' || !Number.isFinite(parsed.modifiedAt)) return undefined
    const lastId = typeof parsed.lastId === 'string' && /^\d+$/.test(parsed.lastId) ? parsed.lastId : null
    return { modifiedAt: parsed.modifiedAt, lastId }
  } catch {
    return undefined
  }
}
