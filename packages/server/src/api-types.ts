/**
 * The console API's request and response shapes: the contract between `packages/server` (which serves them) and
 * `packages/console` (which imports these types only, design.md section 2). Every route under `/api/` needs a
 * logged-in session (401 otherwise) and every non-GET request the CSRF token in the `x-csrf-token` header
 * (403 otherwise). `/auth/*` logs in and out; `/healthz`, `/readyz` and `/metrics` need no session.
 *
 * Text in these shapes comes from the CRMs: the console renders it as text (React escapes it), never as HTML.
 */

export type SideName = 'hubspot' | 'salesforce'
export type SyncedKind = 'contact' | 'company' | 'deal'

/**
 * The body of every error answer (4xx, 5xx) of `/auth/*`, `/api/*` and unknown paths: a code to branch on
 * (`bad-request`, `unauthorized`, `forbidden`, `not-found`, `no-engine`, `too-many-requests`...) and a
 * sentence for the person. A refused mapping or settings save answers its ConfigSaveResult instead.
 */
export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string }
}

/** `GET /auth/session`: whether this browser is logged in, and the CSRF token for its next state-changing call. */
export interface SessionInfo {
  readonly authenticated: boolean
  readonly csrfToken: string
  /** The demo (`npm start`) adds the Try-it page. */
  readonly demo: boolean
}

/** `POST /auth/login` body (CSRF header required, rate-limited); 401 on a wrong password. */
export interface LoginRequest {
  readonly password: string
}

/** The connection's state as `crmsync status` shows it. */
export interface ConnectionStateView {
  /** active, paused, suspended, disconnected */
  readonly state: string
  /** e.g. `suspended:api_limit`: the reason, the message and when it is probed next. */
  readonly reason?: string | undefined
  readonly message?: string | undefined
  readonly nextProbeAt?: number | undefined
}

/** `GET /api/connections`: every connection the process serves. */
export interface ConnectionListItem {
  readonly id: string
  readonly salesforceOrgId: string | null
  readonly hubspotPortalId: string | null
  readonly state: ConnectionStateView
  /** Which object kinds sync (contacts always). */
  readonly kinds: readonly SyncedKind[]
}

/** Counts of one object kind on the Overview page. */
export interface ObjectOverview {
  readonly kind: SyncedKind
  /** Links in state active. */
  readonly linked: number
  /** Linked, nothing waiting and no open error. */
  readonly inSync: number
  /** Records waiting in the inbox. */
  readonly pending: number
  /** Records with an open error. */
  readonly failing: number
}

/** The last engine cycle that ran in this process (null before the first). */
export interface CycleView {
  readonly at: number
  readonly durationMs: number
  /** Records written per kind and direction, e.g. { contact: { toSalesforce: 3, toHubspot: 1 } }. */
  readonly records: Partial<Record<string, { readonly toSalesforce: number; readonly toHubspot: number }>>
  readonly errors: number
  readonly apiCalls: Readonly<Record<SideName, number>>
}

/** One hour of API calls of one side. */
export interface ApiHour {
  /** Epoch ms of the hour's start. */
  readonly hour: number
  readonly calls: number
}

/** `GET /api/connections/:id/overview`. */
export interface Overview {
  readonly connectionId: string
  readonly state: ConnectionStateView
  readonly objects: readonly ObjectOverview[]
  readonly lastCycle: CycleView | null
  /** Change-to-sync latency of the records synced since the process started (null percentiles before any). */
  readonly latency: { readonly samples: number; readonly p50Ms: number | null; readonly p95Ms: number | null }
  /** The last 24 h per hour, oldest first, against what each side allows. */
  readonly apiUsage: {
    readonly salesforce: {
      readonly used24h: number
      /** salesforce.apiCallAllocation, or null when none is set. */
      readonly allocation: number | null
      readonly hourly: readonly ApiHour[]
    }
    readonly hubspot: {
      readonly used24h: number
      /** The portal's daily quota as HubSpot last reported it, or null. */
      readonly dailyLimit: number | null
      readonly hourly: readonly ApiHour[]
    }
  }
}

/** One group of the Sync Health page (B-ERR-1), as `crmsync errors --json` prints it. */
export interface HealthGroupView {
  readonly type: string
  readonly label: string
  readonly errors: number
  readonly records: number
  readonly action: string
}

/** One open error. */
export interface HealthRowView {
  readonly id: number | string
  readonly type: string
  /** The type's name on the page (Permissions, Duplicates...). */
  readonly label: string
  readonly code: string
  readonly objectKind: string
  readonly side: SideName
  readonly recordId: string
  /** The record's counterpart when linked. */
  readonly linkedId: string | null
  readonly message: string
  readonly action: string
  readonly attempts: number
  readonly firstSeenAt: number
  readonly lastSeenAt: number
  readonly nextRetryAt: number | null
}

/** `GET /api/connections/:id/health[?type=&object=]` (CSV: `GET /api/connections/:id/health.csv`). */
export interface HealthReport {
  readonly connection: string
  readonly errors: number
  readonly records: number
  readonly groups: readonly HealthGroupView[]
  readonly rows: readonly HealthRowView[]
}

/**
 * `POST /api/connections/:id/resync`: one record (by its side and id), or every record with an open error
 * (optionally of one Sync Health type). The engine runs it between its cycles.
 */
export type ResyncRequest =
  | { readonly record: { readonly objectKind: SyncedKind; readonly side: SideName; readonly id: string } }
  | { readonly errors: { readonly type?: string | undefined } }

export interface ResyncResult {
  /** Records resynced. */
  readonly resynced: number
  /** Errors still open on them afterwards. */
  readonly stillFailing: number
  readonly message: string
}

/** `GET /api/connections/:id/records?q=`: search by email, name or id. */
export interface RecordHit {
  readonly objectKind: SyncedKind
  readonly hubspotId: string | null
  readonly salesforceId: string | null
  /** Lead, Contact, Account, Opportunity, or null. */
  readonly salesforceType: string | null
  /** Name or email, for the result list. */
  readonly label: string
  readonly linkState: string | null
}

/** One mapped field on a record's sync card. */
export interface CardField {
  /** The HubSpot property. */
  readonly hubspot: string
  /** The Salesforce field on this record's type. */
  readonly salesforce: string
  readonly rule: string
  readonly hubspotValue: unknown
  readonly salesforceValue: unknown
  /** The value both sides last agreed on (design.md 3.2), or null. */
  readonly ancestor: unknown
  /** in-sync, differs (a change waits), or not-synced (rule none or no link). */
  readonly status: string
}

/** One decision of the audit trail. */
export interface CardDecision {
  readonly at: number
  readonly field: string
  readonly oldValue: unknown
  readonly newValue: unknown
  /** to-salesforce, to-hubspot, ... */
  readonly direction: string
  readonly rule: string
  readonly reason: string
}

/**
 * `GET /api/connections/:id/records/:kind/:side/:recordId`: the sync card (B-ERR-8), `crmsync explain --json` in
 * the browser.
 */
export interface RecordCard {
  readonly objectKind: SyncedKind
  readonly hubspotId: string | null
  readonly salesforceId: string | null
  readonly salesforceType: string | null
  readonly label: string
  /** synced, not-syncing (with why), error (with details). */
  readonly status: {
    readonly state: string
    readonly detail: string
    readonly errors: readonly HealthRowView[]
  }
  readonly fields: readonly CardField[]
  /** Newest first. */
  readonly history: readonly CardDecision[]
  /** live: both CRMs were read now; store: the CRMs were not reachable, values are the last synced ones. */
  readonly valuesFrom: 'live' | 'store'
}

/** One row of the mapping table. */
export interface MappingView {
  readonly hubspot: string
  /** One field for every record type, or one per Salesforce type (contacts: Lead and Contact). */
  readonly salesforce: string | Readonly<Record<string, string>>
  readonly rule: string
  /** A default mapping: its rule may change, it cannot be removed (B-MAP-9). */
  readonly default: boolean
  /** A locked default: not even its rule may change. */
  readonly locked: boolean
}

/** `GET /api/connections/:id/mappings`. */
export interface MappingsView {
  readonly objects: Readonly<Partial<Record<SyncedKind, readonly MappingView[]>>>
  readonly rules: readonly string[]
  /** Whether the config file can be written; if not, saves answer with the YAML to commit. */
  readonly writable: boolean
}

/**
 * `PUT /api/connections/:id/mappings/:kind`: add a mapping or change a rule (the row is matched by its HubSpot
 * property); `DELETE /api/connections/:id/mappings/:kind/:hubspot` removes a custom one.
 */
export interface MappingChange {
  readonly hubspot: string
  readonly salesforce: string | Readonly<Record<string, string>>
  readonly rule: string
}

/** The answer to every change of mappings or settings. */
export type ConfigSaveResult =
  /** Written back; the engine uses it from its next cycle. */
  | { readonly ok: true; readonly written: true; readonly file: string }
  /** Valid, but the file could not be written: commit this YAML yourself. */
  | { readonly ok: true; readonly written: false; readonly reason: string; readonly yaml: string }
  /** Refused (B-MAP-5/6/7, the schema): nothing changed. */
  | { readonly ok: false; readonly problems: readonly { readonly path: string; readonly message: string }[] }

/** `GET /api/connections/:id/settings`: the switches of the configuration the console edits. */
export interface SettingsView {
  readonly values: Readonly<Record<string, unknown>>
  readonly writable: boolean
}

/** `PATCH /api/connections/:id/settings`: dotted paths under `settings.` to new values. */
export interface SettingsChange {
  readonly changes: Readonly<Record<string, unknown>>
}

/** `GET /api/live`: server-sent events, `event: cycle` and `event: change`. */
export type LiveEvent =
  | { readonly type: 'cycle'; readonly connectionId: string; readonly cycle: CycleView }
  | {
      readonly type: 'change'
      readonly connectionId: string
      readonly objectKind: string
      readonly hubspotId: string | null
      readonly salesforceId: string | null
      readonly field: string
      readonly direction: string
      readonly newValue: unknown
      readonly at: number
    }

/** `GET /api/try-it/contacts` (demo only): linked contacts to try an edit on. */
export interface TryItContact {
  readonly connectionId: string
  readonly hubspotId: string
  readonly salesforceId: string
  readonly salesforceType: string
  readonly label: string
  /** The editable fields, HubSpot property to Salesforce field, with both sides' values now. */
  readonly fields: readonly {
    readonly hubspot: string
    readonly salesforce: string
    /** Its rule now (under prefer-salesforce a HubSpot edit reverts while Salesforce has a value). */
    readonly rule: string
    readonly hubspotValue: unknown
    readonly salesforceValue: unknown
  }[]
}

/** `POST /api/try-it/edit` (demo only): edits one field on one side through the sandbox's own API. */
export interface TryItEdit {
  readonly connectionId: string
  readonly hubspotId: string
  readonly side: SideName
  /** The HubSpot property (the Salesforce field is the mapping's). */
  readonly field: string
  readonly value: string
}

export interface TryItEditResult {
  /** Epoch ms when the edit was saved. */
  readonly editedAt: number
}

/** `GET /api/try-it/edit-status?...`: whether the edit has crossed, and how long it took. */
export interface TryItStatus {
  readonly crossed: boolean
  readonly otherSideValue: unknown
  readonly latencyMs: number | null
}
