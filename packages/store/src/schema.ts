import type { Generated } from 'kysely'

/**
 * The store's tables as Kysely sees them: snake_case columns, epoch-ms timestamps as numbers (bigint on
 * Postgres, parsed back to numbers by the pool, see postgres/postgres-dialect.ts). Domain types are mapped at
 * the boundary, one toRow/fromRow pair per table in queries/.
 */
export interface StoreDatabase {
  store_sequences: StoreSequencesTable
  connection_identities: ConnectionIdentitiesTable
  links: LinksTable
  cursors: CursorsTable
  inbox: InboxTable
  audit_entries: AuditEntriesTable
  sync_errors: SyncErrorsTable
  api_usage: ApiUsageTable
  api_limit_readings: ApiLimitReadingsTable
  settings_snapshots: SettingsSnapshotsTable
  connection_states: ConnectionStatesTable
  activity_items: ActivityItemsTable
}

/** Named counters; `inbox` hands out inbox seqs (see queries/inbox.ts for why not a database sequence). */
export interface StoreSequencesTable {
  name: string
  value: number
}

export interface ConnectionIdentitiesTable {
  connection_id: string
  salesforce_org_id: string
  hubspot_portal_id: string
  /** 0005: 1 sandbox, 0 production, null not recorded. */
  salesforce_is_sandbox: number | null
  salesforce_user_id: string | null
  /** 0005: JSON ObjectPermissionSnapshot. */
  salesforce_object_permissions: string | null
}

export interface LinksTable {
  connection_id: string
  object_kind: string
  hubspot_id: string
  salesforce_type: string
  salesforce_id: string
  state: string
  /** Per-field ancestors and shadows as JSON text (see migrations/0001-initial.ts for why). */
  fields_json: string
  created_at: number
  updated_at: number
}

export interface CursorsTable {
  connection_id: string
  side: string
  stream: string
  value: string
  updated_at: number
}

export interface InboxTable {
  connection_id: string
  object_kind: string
  side: string
  record_id: string
  seq: number
}

export interface AuditEntriesTable {
  id: Generated<number>
  connection_id: string
  object_kind: string
  hubspot_id: string | null
  salesforce_id: string | null
  field: string
  old_value: string | null
  new_value: string | null
  direction: string
  rule: string
  reason: string
  at: number
}

export interface SyncErrorsTable {
  id: Generated<number>
  connection_id: string
  object_kind: string
  side: string
  record_id: string
  code: string
  message: string
  attempts: number
  next_retry_at: number | null
  first_seen_at: number
  last_seen_at: number
  resolved_at: number | null
}

export interface ApiUsageTable {
  connection_id: string
  side: string
  /** Epoch ms of the start of the minute. */
  minute: number
  calls: number
}

/** A connection's pause, suspension and disconnect (migrations/0002-connection-states.ts). */
export interface ConnectionStatesTable {
  connection_id: string
  /** 0 or 1. */
  paused: number
  suspension_json: string | null
  disconnected_at: number | null
}

/** What each side last reported about its limits (migrations/0003-api-limit-readings.ts). */
export interface ApiLimitReadingsTable {
  connection_id: string
  side: string
  seen_at: number
  daily_used: number | null
  daily_limit: number | null
  burst_remaining: number | null
  burst_max: number | null
  burst_interval_ms: number | null
}

export interface SettingsSnapshotsTable {
  id: Generated<number>
  connection_id: string
  taken_at: number
  json: string
}

/** Timeline sync's (activity, contact) pairs (migrations/0004-activity-items.ts). */
export interface ActivityItemsTable {
  connection_id: string
  sync_key: string
  activity_key: string
  contact_id: string
  state: string
  salesforce_task_id: string | null
  activity_json: string
  updated_at: number
}
