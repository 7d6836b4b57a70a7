/**
 * Every error code crmsync can report. docs/errors.md documents each one (meaning and operator action),
 * and a test keeps the two in step (style guide item 13). Add a code here and a section there together.
 */
export const ERROR_CODES = {
  CONFIG_INVALID: { origin: 'config', retryable: false, summary: 'The configuration file is invalid.' },
  STORE_MIGRATION_FAILED: { origin: 'store', retryable: false, summary: 'A store migration failed.' },
  STORE_URL_INVALID: {
    origin: 'store',
    retryable: false,
    summary: 'The store URL is not sqlite::memory:, sqlite:<path> or postgres://…',
  },
  STORE_UNAVAILABLE: {
    origin: 'store',
    retryable: true,
    summary: 'The database cannot be reached or opened (connection refused or lost, file not openable).',
  },
  STORE_BUSY: {
    origin: 'store',
    retryable: true,
    summary: 'The database is locked by another writer (SQLITE_BUSY, Postgres lock timeout).',
  },
  STORE_SERIALIZATION_FAILURE: {
    origin: 'store',
    retryable: true,
    summary: 'A transaction lost a serialization race or a deadlock; retry the whole transaction.',
  },
  STORE_CONSTRAINT_VIOLATION: {
    origin: 'store',
    retryable: false,
    summary: 'A write broke a uniqueness rule, e.g. two links holding the same Salesforce id.',
  },
  STORE_QUERY_FAILED: { origin: 'store', retryable: false, summary: 'A store query failed unexpectedly.' },
  MAPPING_TYPE_MISMATCH: {
    origin: 'config',
    retryable: false,
    summary:
      'A mapping pairs a HubSpot property type with a Salesforce field type that B-MAP-5 does not allow.',
  },
  MAPPING_ALREADY_MAPPED: {
    origin: 'config',
    retryable: false,
    summary: 'A HubSpot property or Salesforce field appears in more than one mapping (B-MAP-6).',
  },
  MAPPING_USER_PROPERTY: {
    origin: 'config',
    retryable: false,
    summary: 'A HubSpot user property cannot be mapped (B-MAP-7).',
  },
  MAPPING_RULE_INVALID: {
    origin: 'config',
    retryable: false,
    summary: 'A mapping names an unknown sync rule.',
  },
  MAPPING_LOCKED: {
    origin: 'config',
    retryable: false,
    summary: 'The owner and email opt-out mappings cannot be changed (B-OWN-12, B-OPT-1).',
  },
  MAPPING_NOT_DELETABLE: {
    origin: 'config',
    retryable: false,
    summary: 'A default mapping cannot be deleted, only given the rule none (B-MAP-9).',
  },
  MAPPING_OBJECT_SYNC_OFF: {
    origin: 'config',
    retryable: false,
    summary: 'Company or deal mappings are configured while that object is not synced (B-INST-10).',
  },
  VALUE_TOO_LONG: {
    origin: 'engine',
    retryable: false,
    summary: 'A text value is longer than the target field allows and the mapping does not truncate.',
  },
  VALUE_INVALID_NUMBER: { origin: 'engine', retryable: false, summary: 'A value is not a decimal number.' },
  VALUE_OUT_OF_RANGE: {
    origin: 'engine',
    retryable: false,
    summary: 'A number has more digits than the Salesforce field precision allows.',
  },
  VALUE_INVALID_DATE: {
    origin: 'engine',
    retryable: false,
    summary: 'A value is not a valid date or datetime.',
  },
  VALUE_INVALID_BOOLEAN: { origin: 'engine', retryable: false, summary: 'A value is not true or false.' },
  OWNER_NOT_MATCHED: {
    origin: 'engine',
    retryable: false,
    summary: 'A HubSpot owner matches no active Salesforce user by name and email (B-OWN-3).',
  },
  OWNER_NOT_IN_HUBSPOT: {
    origin: 'engine',
    retryable: false,
    summary: 'A Salesforce owner has no HubSpot owner yet, so the owner cannot be written to HubSpot.',
  },
  SF_RATE_LIMITED: {
    origin: 'salesforce',
    retryable: false,
    summary:
      "The org's daily API allocation is used up (403 REQUEST_LIMIT_EXCEEDED); the Salesforce side is suspended.",
  },
  SF_CONCURRENT_LIMIT: {
    origin: 'salesforce',
    retryable: true,
    summary:
      'Too many long-running requests (20 s or longer) run in the org at once (403 REQUEST_LIMIT_EXCEEDED, ConcurrentPerOrgLongTxn); retried with backoff (B-API-5).',
  },
  SF_UNAVAILABLE: {
    origin: 'salesforce',
    retryable: true,
    summary:
      'Salesforce answered 5xx, 420 or 429, or the request timed out: a transient server-side failure.',
  },
  SF_LOCKED: {
    origin: 'salesforce',
    retryable: true,
    summary: 'A record was locked by another transaction (UNABLE_TO_LOCK_ROW).',
  },
  SF_SESSION_EXPIRED: {
    origin: 'salesforce',
    retryable: false,
    summary: 'The access token is expired or invalid and could not be refreshed (INVALID_SESSION_ID).',
  },
  SF_AUTH_FAILED: {
    origin: 'salesforce',
    retryable: false,
    summary: 'The OAuth token endpoint refused the credentials (invalid_grant, invalid_client, ...).',
  },
  SF_API_DISABLED: {
    origin: 'salesforce',
    retryable: false,
    summary: 'The integration user lost the API Enabled permission or the org has no API access (B-ERR-9).',
  },
  SF_INSUFFICIENT_ACCESS: {
    origin: 'salesforce',
    retryable: false,
    summary: 'The integration user may not read or write an object, field or record (B-ERR-5, B-ERR-10).',
  },
  SF_VALIDATION: {
    origin: 'salesforce',
    retryable: false,
    summary: 'A validation rule, trigger or flow rejected the record (FIELD_CUSTOM_VALIDATION_EXCEPTION).',
  },
  SF_INVALID_EMAIL: {
    origin: 'salesforce',
    retryable: false,
    summary: 'Salesforce rejected an email address (INVALID_EMAIL_ADDRESS).',
  },
  SF_STRING_TOO_LONG: {
    origin: 'salesforce',
    retryable: false,
    summary: 'A text value is longer than the Salesforce field allows (STRING_TOO_LONG).',
  },
  SF_BAD_PICKLIST: {
    origin: 'salesforce',
    retryable: false,
    summary: 'A value is not allowed by a restricted picklist (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST).',
  },
  SF_PERSON_ACCOUNT_CONTACT: {
    origin: 'salesforce',
    retryable: false,
    summary:
      'A contact is associated in HubSpot with the company of a person account, which takes no other contact (B-PA-3).',
  },
  SF_REQUIRED_FIELD_MISSING: {
    origin: 'salesforce',
    retryable: false,
    summary: 'A field Salesforce requires has no value (REQUIRED_FIELD_MISSING).',
  },
  SF_DUPLICATE_VALUE: {
    origin: 'salesforce',
    retryable: false,
    summary: 'A unique field already holds this value on another record (DUPLICATE_VALUE).',
  },
  SF_DUPLICATES_DETECTED: {
    origin: 'salesforce',
    retryable: false,
    summary: 'A Salesforce duplicate rule blocked the save (DUPLICATES_DETECTED, B-ERR-4).',
  },
  SF_CONVERTED_LEAD: {
    origin: 'salesforce',
    retryable: false,
    summary: 'A write targeted a converted lead, which is read-only (CANNOT_UPDATE_CONVERTED_LEAD).',
  },
  SF_ENTITY_DELETED: {
    origin: 'salesforce',
    retryable: false,
    summary: 'The record is in the recycle bin or was merged away (ENTITY_IS_DELETED).',
  },
  SF_INVALID_CROSS_REFERENCE: {
    origin: 'salesforce',
    retryable: false,
    summary:
      'A lookup, owner or record type points at a record that does not exist or is not visible (INVALID_CROSS_REFERENCE_KEY).',
  },
  SF_INVALID_FIELD: {
    origin: 'salesforce',
    retryable: false,
    summary: 'A field name is unknown or hidden from the integration user (INVALID_FIELD).',
  },
  SF_FIELD_NOT_VISIBLE: {
    origin: 'engine',
    retryable: false,
    summary:
      'A HubSpot change would write a mapped Salesforce field that field-level security hides from the integration user (B-ERR-5).',
  },
  SF_NOT_FOUND: {
    origin: 'salesforce',
    retryable: false,
    summary: 'The record or resource does not exist (NOT_FOUND).',
  },
  SF_REQUEST_INVALID: {
    origin: 'salesforce',
    retryable: false,
    summary:
      'Salesforce refused the request as malformed (MALFORMED_QUERY, INVALID_TYPE, JSON_PARSER_ERROR, ...).',
  },
  SF_OBJECT_NOT_ACCESSIBLE: {
    origin: 'salesforce',
    retryable: false,
    summary:
      'Salesforce answered INVALID_TYPE for a synced object: the integration user cannot read it (or it does not exist); the connection is suspended (B-ERR-10).',
  },
  SF_UNKNOWN_EXCEPTION: {
    origin: 'salesforce',
    retryable: true,
    summary:
      'Salesforce answered UNKNOWN_EXCEPTION; retried, and when it outlasts the retries the connection is suspended (B-ERR-10).',
  },
  SF_UNKNOWN: {
    origin: 'salesforce',
    retryable: false,
    summary: 'Salesforce returned an error the connector has no code for.',
  },
  HS_RATE_LIMITED: {
    origin: 'hubspot',
    retryable: true,
    summary: 'HubSpot answered 429 for the ten-second or secondly limit; retried after the wait it asks for.',
  },
  HS_DAILY_LIMIT: {
    origin: 'hubspot',
    retryable: false,
    summary: "HubSpot's daily API limit is used up; the HubSpot side is suspended until it resets (B-API-4).",
  },
  HS_UNAVAILABLE: { origin: 'hubspot', retryable: true, summary: 'HubSpot answered 5xx.' },
  HS_NETWORK: {
    origin: 'hubspot',
    retryable: true,
    summary: 'HubSpot could not be reached or the connection broke before a response.',
  },
  HS_UNAUTHORIZED: {
    origin: 'hubspot',
    retryable: false,
    summary: 'HubSpot rejected the token (401): expired, revoked or wrong; the connection pauses.',
  },
  HS_MISSING_SCOPES: {
    origin: 'hubspot',
    retryable: false,
    summary: 'The HubSpot token lacks a scope this call needs (403 MISSING_SCOPES).',
  },
  HS_USER_NOT_ADMIN: {
    origin: 'hubspot',
    retryable: false,
    summary:
      'The HubSpot user the token acts for has no account-level admin access (not a Super Admin); run and sync refuse to start (B-INST-2).',
  },
  HS_NOT_FOUND: {
    origin: 'hubspot',
    retryable: false,
    summary: 'The HubSpot record or list does not exist.',
  },
  HS_VALIDATION: {
    origin: 'hubspot',
    retryable: false,
    summary: 'HubSpot rejected a property value (invalid email, option not allowed, bad number or date).',
  },
  HS_UNKNOWN_PROPERTY: {
    origin: 'hubspot',
    retryable: false,
    summary: 'A write names a HubSpot property that does not exist (PROPERTY_DOESNT_EXIST).',
  },
  HS_READ_ONLY_PROPERTY: {
    origin: 'hubspot',
    retryable: false,
    summary: 'A write names a read-only HubSpot property such as hs_email_optout (READ_ONLY_VALUE).',
  },
  HS_DUPLICATE_EMAIL: {
    origin: 'hubspot',
    retryable: false,
    summary: 'Another HubSpot contact already holds this email or additional email (409, B-ERR-4).',
  },
  HS_CONFLICT: {
    origin: 'hubspot',
    retryable: false,
    summary: 'Another HubSpot record already holds a unique property value (409), other than an email.',
  },
  HS_LIFECYCLE_BACKWARDS: {
    origin: 'hubspot',
    retryable: false,
    summary: 'HubSpot refused or ignored moving a lifecycle stage backwards (api-surface 8.3).',
  },
  HS_UNEXPECTED_RESPONSE: {
    origin: 'hubspot',
    retryable: false,
    summary: 'HubSpot answered with a status or body the connector does not know.',
  },
  ENGINE_IDENTITY_CHANGED: {
    origin: 'engine',
    retryable: false,
    summary:
      'The Salesforce org id or HubSpot portal id differs from the one stored for this connection; the engine refuses to start.',
  },
  INCLUSION_LIST_NOT_DYNAMIC: {
    origin: 'config',
    retryable: false,
    summary:
      'The inclusion list is a static (MANUAL or SNAPSHOT) list; only an active (DYNAMIC) list can be one (B-CON-16).',
  },
  SF_EDITION_UNSUPPORTED: {
    origin: 'salesforce',
    retryable: false,
    summary:
      'The org has no API access (Group Edition, or API_DISABLED_FOR_ORG at the pre-flight); run and sync refuse to start (B-INST-1).',
  },
  SF_ORG_KIND_MISMATCH: {
    origin: 'salesforce',
    retryable: false,
    summary:
      'The org is a sandbox and salesforce.sandbox is false, or the other way round; run and sync refuse to start (B-INST-9).',
  },
  SF_OBJECT_PERMISSION_MISSING: {
    origin: 'salesforce',
    retryable: false,
    summary:
      'The integration user cannot read an object the connection syncs; run and sync refuse to start (B-INST-4).',
  },
  ACTIVITY_KEY_FIELD_MISSING: {
    origin: 'salesforce',
    retryable: false,
    summary:
      'Activity sync is on but the Activity field crmsync_HubSpot_Activity_Id__c is missing; run and sync refuse to start (`crmsync doctor --fix` creates it).',
  },
  DEAL_SYNC_PERMISSION_MISSING: {
    origin: 'salesforce',
    retryable: false,
    summary:
      'Deal sync is on but the integration user has neither Modify All Data nor Modify Metadata Through Metadata API Functions (B-INST-5); the engine refuses to sync.',
  },
  ENGINE_BUDGET_EXHAUSTED: {
    origin: 'engine',
    retryable: false,
    summary:
      'The configured Salesforce API allocation for the rolling 24 hours is spent; syncing waits (B-API-1).',
  },
  ENGINE_DISCONNECTED: {
    origin: 'engine',
    retryable: false,
    summary:
      'The connection was disconnected (`crmsync disconnect`); run and sync refuse until `crmsync resume --reconnect`.',
  },
} as const

export type SyncErrorCode = keyof typeof ERROR_CODES
