/**
 * The HubSpot object types the connector syncs, and what differs between them; every batch, search and
 * capture helper takes one of these instead of being written per object (api-surface 3.2).
 */
export interface HubSpotObjectKind {
  /** The path segment of `/crm/v3/objects/{t}` and `/crm/v4/associations/{from}/{to}`. */
  readonly objectType: 'contacts' | 'companies' | 'deals'
  /** As lists name it (`objectTypeId`, api-surface 3.2). */
  readonly objectTypeId: '0-1' | '0-2' | '0-3'
  /** One record, in messages. */
  readonly noun: string
  /** The property capture filters and sorts on: contacts `lastmodifieddate`, companies `hs_lastmodifieddate`. */
  readonly modifiedProperty: string
  /** Properties every read adds: merges are detected from `hs_merged_object_ids` (B-CON-27). */
  readonly alwaysRead: readonly string[]
}

export const CONTACTS: HubSpotObjectKind = {
  objectType: 'contacts',
  objectTypeId: '0-1',
  noun: 'contact',
  modifiedProperty: 'lastmodifieddate',
  alwaysRead: ['hs_merged_object_ids', 'email', 'lastmodifieddate'],
}

export const COMPANIES: HubSpotObjectKind = {
  objectType: 'companies',
  objectTypeId: '0-2',
  noun: 'company',
  modifiedProperty: 'hs_lastmodifieddate',
  alwaysRead: ['hs_merged_object_ids', 'hs_lastmodifieddate'],
}

/** Deals: `pipeline` and `dealstage` always, since which pipeline a deal is in decides whether it syncs. */
export const DEALS: HubSpotObjectKind = {
  objectType: 'deals',
  objectTypeId: '0-3',
  noun: 'deal',
  modifiedProperty: 'hs_lastmodifieddate',
  alwaysRead: ['hs_merged_object_ids', 'hs_lastmodifieddate', 'pipeline', 'dealstage', 'createdate'],
}
