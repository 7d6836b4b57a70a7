export { ApiMeter, readRateLimitHeaders } from './api-meter.js'
export { captureCompanies, captureContacts, type CaptureDeps, type SearchPage } from './capture.js'
export { classifyFailure, propertyProblems, toFailure, toSyncError } from './errors.js'
export { createHubSpotConnector, type HubSpotConnectorOptions } from './hubspot-connector.js'
export {
  ACCOUNT_LINK_PROPERTY,
  decodeCaptureCursor,
  encodeCaptureCursor,
  fromHubSpotContact,
  fromHubSpotObject,
  fromHubSpotOwner,
  LINK_PROPERTY,
  SALESFORCE_ID_PROPERTY,
  toHubSpotCompanyUpsertInput,
  toHubSpotUpdateInput,
  toHubSpotUpsertInput,
} from './mappers.js'
export { COMPANIES, CONTACTS, type HubSpotObjectKind } from './object-kinds.js'
export { isValidWebhookSignature, type SignedWebhookRequest } from './webhook-signature.js'
