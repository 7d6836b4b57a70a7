export { type ApiCallListener, ApiMeter, parseHttpDate, parseLimitInfo } from './api-meter.js'
export {
  captureCursorFrom,
  type CaptureCursorState,
  decodeCaptureCursor,
  encodeCaptureCursor,
} from './capture-cursor.js'
export { type CaptureShareOptions, type CaptureShareStats, SalesforceCaptureShare } from './capture-share.js'
export {
  CALL_OPTIONS_CLIENT,
  type ConnectOptions,
  connectSalesforce,
  DEFAULT_API_VERSION,
  type SalesforceCredentials,
} from './client.js'
export { classifySalesforceFailure, toSyncError } from './errors.js'
export * from './mappers.js'
export {
  createSalesforceConnector,
  DEFAULT_EXTERNAL_ID_FIELD,
  DEFAULT_TRANSACTION_ALLOWANCE_MS,
  type SalesforceConnectorOptions,
} from './salesforce-connector.js'
export {
  buildAccountContactsQuery,
  buildCaptureQuery,
  buildEmailQuery,
  soqlDateTime,
  soqlString,
} from './soql.js'
