import type { Clock } from './clock.js'
import type { FaultRule } from './limits/faults.js'
import type { RateLimitOptions } from './limits/rate-limiter.js'
import type { PortalSettings } from './model/portal-settings.js'
import type { WebhookOptions } from './webhooks/dispatcher.js'

export type SeedName = 'none' | 'small' | 'large'

/** A custom seed: record counts and the faker seed. Unset counts are 0. */
export interface SeedSpec {
  readonly contacts?: number
  readonly companies?: number
  readonly deals?: number
  /** Also create calls, notes, meetings, tasks and marketing email events. (Default: true) */
  readonly engagements?: boolean
  /** Give each contact a `crmsync_salesforce_id` (unique), as synced records have. (Default: false) */
  readonly salesforceIds?: boolean
  /** The faker seed; the same seed gives the same data. (Default: 42) */
  readonly seed?: number
}

export type SeedOption = SeedName | SeedSpec

/** Behaviour knobs the admin API can change at run time. */
export interface Knobs {
  /** Search lags writes by this much, like HubSpot's index. (Default: 0) */
  searchLagMs: number
  /** DYNAMIC lists report PROCESSING for this long after a filter change. (Default: 0) */
  listProcessingDelayMs: number
  /** What a backward lifecycle-stage write does (api-surface.md 8.3). (Default: 'ignore') */
  lifecycleBackwardMove: 'ignore' | 'allow' | 'reject'
  /** Merging contacts or companies mints a new survivor id (8.4); deals keep the primary. (Default: true) */
  mergeMintsNewId: boolean
  /** Inputs per object batch call. (Default: 100) */
  batchLimit: number
  /** Rows per search page. (Default: 200) */
  searchPageLimit: number
  /** Reachable search results; an `after` at or past this gets 400. (Default: 10000) */
  searchResultCap: number
  /** Filter groups per search. (Default: 5) */
  maxFilterGroups: number
  /** Filters per group. (Default: 10) */
  maxFiltersPerGroup: number
  /** Filters in all groups together. (Default: 25) */
  maxFilters: number
  /** Inputs per associations batch create. (Default: 2000) */
  associationBatchCreateLimit: number
  /** Inputs per associations batch read. (Default: 1000) */
  associationBatchReadLimit: number
  /** Writes to communication preferences need legalBasis and legalBasisExplanation. (Default: false) */
  gdpr: boolean
  /**
   * Token info (`GET /oauth/v1/access-tokens/{token}`) answers for private-app tokens too, so a client
   * learns the app id without configuration. Real HubSpot answers 404 for them: set false to get that.
   * (Default: true)
   */
  privateAppTokenInfo: boolean
}

export const DEFAULT_KNOBS: Readonly<Knobs> = {
  searchLagMs: 0,
  listProcessingDelayMs: 0,
  lifecycleBackwardMove: 'ignore',
  mergeMintsNewId: true,
  batchLimit: 100,
  searchPageLimit: 200,
  searchResultCap: 10_000,
  maxFilterGroups: 5,
  maxFiltersPerGroup: 10,
  maxFilters: 25,
  associationBatchCreateLimit: 2000,
  associationBatchReadLimit: 1000,
  gdpr: false,
  privateAppTokenInfo: true,
}

/** Options of `build()`. */
export interface SandboxOptions {
  /** Source of every timestamp. (Default: a controllable clock that follows real time) */
  readonly clock?: Clock
  /** Initial data. (Default: 'none': metadata, no records) */
  readonly seed?: SeedOption
  /** Fault rules in force from the start. (Default: none) */
  readonly faults?: readonly FaultRule[]
  /** Fastify request logging. (Default: false) */
  readonly logger?: boolean
  /** Where to deliver webhooks. (Default: no deliveries until the admin API configures them) */
  readonly webhooks?: WebhookOptions
  /** Burst, secondly and daily limits. (Default: tier 'professional') */
  readonly rateLimits?: RateLimitOptions
  /** The portal (hub) id. (Default: 62515) */
  readonly portalId?: number
  /** The private-app token accepted from the start. (Default: 'pat-na1-sandbox-0001') */
  readonly accessToken?: string
  /** That token's scopes; a call that needs one it lacks gets 403 MISSING_SCOPES. (Default: FULL_SCOPES) */
  readonly scopes?: readonly string[]
  /**
   * The user that token acts as (Settings > Users id 9000000): token info names them, and without
   * `superAdmin` they lack account-level admin rights (B-INST-2). (Default: a super admin, integration@acme-demo.com)
   */
  readonly user?: {
    readonly email?: string
    readonly superAdmin?: boolean
    readonly roleIds?: readonly string[]
  }
  /** The app id writes made with that token are attributed to. (Default: 1160452) */
  readonly appId?: number
  /** Behaviour knobs. (Default: DEFAULT_KNOBS) */
  readonly knobs?: Partial<Knobs>
  /** Portal settings such as auto-creating companies for contacts. (Default: DEFAULT_PORTAL_SETTINGS, all off) */
  readonly settings?: Partial<PortalSettings>
  /** The portal's time zone, which `GET /account-info/v3/details` reports. (Default: 'US/Eastern') */
  readonly timeZone?: string
}

export const DEFAULT_PORTAL_ID = 62515
export const DEFAULT_ACCESS_TOKEN = 'pat-na1-sandbox-0001'
export const DEFAULT_APP_ID = 1160452
