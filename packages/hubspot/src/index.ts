export { ApiMeter, readRateLimitHeaders } from './api-meter.js'
export { captureContacts, type CaptureDeps, type SearchPage } from './capture.js'
export { classifyFailure, propertyProblems, toFailure, toSyncError } from './errors.js'
export { createHubSpotConnector, type HubSpotConnectorOptions } from './hubspot-connector.js'
export {
  decodeCaptureCursor,
  encodeCaptureCursor,
  fromHubSpotContact,
  fromHubSpotOwner,
  LINK_PROPERTY,
  SALESFORCE_ID_PROPERTY,
  toHubSpotUpdateInput,
  toHubSpotUpsertInput,
} from './mappers.js'
export { isValidWebhookSignature, type SignedWebhookRequest } from './webhook-signature.js'
