export { build } from './app.js'
export { type Clock, type ControllableClock, createControllableClock, isControllableClock } from './clock.js'
export type { FaultKind, FaultRule } from './limits/faults.js'
export type { RateLimitOptions, RateTier } from './limits/rate-limiter.js'
export { HUBSPOT_INDUSTRY_VALUES, SALESFORCE_INDUSTRY_TO_HUBSPOT } from './model/company-industries.js'
export { DEFAULT_OWNER_PEOPLE } from './model/owners.js'
export { DEFAULT_PORTAL_SETTINGS, type PortalSettings } from './model/portal-settings.js'
export {
  DEFAULT_ACCESS_TOKEN,
  DEFAULT_APP_ID,
  DEFAULT_KNOBS,
  DEFAULT_PORTAL_ID,
  type Knobs,
  type SandboxOptions,
  type SeedName,
  type SeedOption,
  type SeedSpec,
} from './options.js'
export { SEEDS } from './seed/seed-portal.js'
export { type RunningHubSpotSandbox, startHubSpotSandbox, type StartOptions } from './start.js'
export type { DeliveryLogEntry, WebhookOptions, WebhookSubscription } from './webhooks/dispatcher.js'
