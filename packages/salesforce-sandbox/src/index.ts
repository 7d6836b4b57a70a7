export { build, type BuildOptions, defaultAccessToken, sandboxStates } from './app.js'
export { type Clock, ControllableClock } from './clock.js'
export type { FaultKind, FaultSpec } from './faults.js'
export { checksumSuffix, makeId, normalizeId } from './ids.js'
export type { CustomFieldMetadata } from './metadata/custom-fields.js'
export type { OAuthOptions } from './routes/oauth.js'
export { type SeedKind, seedRecords, type SeedSpec } from './seed/generate.js'
export {
  DEFAULT_USERS,
  HUBSPOT_ID_FIELDS,
  INTEGRATION_USER_EMAIL,
  LEAD_QUEUE_NAME,
} from './seed/org-metadata.js'
export { type QueryOptions, type QueryOutcome, runQuery } from './soql/execute.js'
export { type RunningSandbox, type StartOptions, startSalesforceSandbox } from './start.js'
export type { AssignmentEntry, AssignmentRuleConfig, Org, ValidationRule } from './store/org.js'
