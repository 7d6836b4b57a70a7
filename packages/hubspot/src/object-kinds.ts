import type { HubSpotEngagementType } from '@crmsync/core'

/**
 * The HubSpot object types the connector syncs, and what differs between them; every batch, search and
 * capture helper takes one of these instead of being written per object (api-surface 3.2).
 */
export interface HubSpotObjectKind {
  /** The path segment of `/crm/v3/objects/{t}` and `/crm/v4/associations/{from}/{to}`. */
  readonly objectType: 'contacts' | 'companies' | 'deals' | HubSpotEngagementType
  /** As lists name it (`objectTypeId`, api-surface 3.2). */
  readonly objectTypeId: string
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

/**
 * Engagement object types (api-surface 3.12): timeline sync reads them (B-ACT-1/2); Salesforce Tasks and
 * Events are upserted as them (B-ACT-5).
 */
export const ENGAGEMENTS: Readonly<Record<HubSpotEngagementType, HubSpotObjectKind>> = {
  calls: engagement('calls', '0-48', 'call', ['hs_call_title', 'hs_call_body']),
  notes: engagement('notes', '0-46', 'note', ['hs_note_body']),
  meetings: engagement('meetings', '0-47', 'meeting', [
    'hs_meeting_title',
    'hs_meeting_body',
    'hs_meeting_start_time',
  ]),
  tasks: engagement('tasks', '0-27', 'task', ['hs_task_subject', 'hs_task_body', 'hs_task_status']),
  emails: engagement('emails', '0-49', 'email', ['hs_email_subject', 'hs_email_text', 'hs_email_direction']),
}

function engagement(
  objectType: HubSpotEngagementType,
  objectTypeId: string,
  noun: string,
  properties: readonly string[],
): HubSpotObjectKind {
  return {
    objectType,
    objectTypeId,
    noun,
    modifiedProperty: 'hs_lastmodifieddate',
    // crmsync_salesforce_id marks an engagement crmsync wrote from Salesforce (B-ACT-5): never sent back.
    alwaysRead: ['hs_lastmodifieddate', 'hs_timestamp', 'crmsync_salesforce_id', ...properties],
  }
}
