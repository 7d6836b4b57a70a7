import type { HubSpotCaptureResult } from './hubspot-connector.js'

/** The HubSpot CRM engagement object types timeline sync reads (api-surface 3.12). */
export const HUBSPOT_ENGAGEMENT_TYPES = ['calls', 'notes', 'meetings', 'tasks', 'emails'] as const
export type HubSpotEngagementType = (typeof HUBSPOT_ENGAGEMENT_TYPES)[number]

/** One engagement with the contacts it is associated with; property values are HubSpot's raw strings. */
export interface HubSpotEngagementRecord {
  readonly id: string
  readonly properties: Readonly<Record<string, string | null>>
  readonly contactIds: readonly string[]
}

/** A capture of one engagement type, like a contact capture (same cursor), with associated contacts. */
export type HubSpotEngagementCaptureResult = Omit<HubSpotCaptureResult, 'records'> & {
  readonly records: readonly HubSpotEngagementRecord[]
}

/** One marketing email event (`GET /email/public/v1/events`, api-surface 3.13). */
export interface HubSpotEmailEvent {
  readonly id: string
  /** Epoch ms. */
  readonly created: number
  /** SENT, OPEN, CLICK, or another type timeline sync does not send. */
  readonly type: string
  /** The recipient's address (an open of a forwarded email is credited to it, B-ACT-4). */
  readonly recipient: string
  readonly emailCampaignId: number | null
  /** CLICK only: the link clicked. (Default: none) */
  readonly url?: string | undefined
}

export interface HubSpotEmailEventPage {
  /** Oldest first. */
  readonly events: readonly HubSpotEmailEvent[]
  readonly hasMore: boolean
  /** Pass back as `offset` for the next page. */
  readonly offset: string
}

export interface HubSpotEmailEventRequest {
  /** Epoch ms, inclusive. */
  readonly startTimestamp: number
  /** Epoch ms, inclusive. (Default: none) */
  readonly endTimestamp?: number | undefined
  /** From an earlier page. (Default: the first page) */
  readonly offset?: string | undefined
}

/** An engagement written from a Salesforce Task or Event (B-ACT-5). */
export interface HubSpotEngagementUpsert {
  /** The Task or Event id: the key, kept in `crmsync_salesforce_id`. */
  readonly salesforceId: string
  readonly properties: Readonly<Record<string, string>>
  /** The HubSpot contact it is associated with. */
  readonly contactId: string
}

/** A HubSpot form (marketing forms v3). */
export interface HubSpotForm {
  readonly id: string
  readonly name: string
}

/** One submission of a form (`/form-integrations/v1/submissions/forms/{id}`); it names no contact id. */
export interface HubSpotFormSubmission {
  readonly conversionId: string
  /** Epoch ms. */
  readonly submittedAt: number
  readonly values: ReadonlyArray<{ readonly name: string; readonly value: string }>
  readonly pageUrl?: string | undefined
}

export interface HubSpotFormSubmissionPage {
  /** Newest first. */
  readonly results: readonly HubSpotFormSubmission[]
  /** Pass back as `after` for older ones. (Default: none, the last page) */
  readonly after?: string | undefined
}

/** One value a property had, and since when (property history). */
export interface HubSpotPropertyChange {
  readonly value: string
  /** Epoch ms. */
  readonly at: number
}
