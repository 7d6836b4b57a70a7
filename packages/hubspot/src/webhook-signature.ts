import { Signature } from '@hubspot/api-client'

/** What a webhook request carries, as the engine's receiver sees it (api-surface 3.11). */
export interface SignedWebhookRequest {
  readonly method: string
  /** The full URL HubSpot posted to, as HubSpot saw it (scheme, host, path and query). */
  readonly url: string
  /** The raw body, byte for byte. */
  readonly body: string
  /** `X-HubSpot-Signature-v3`. */
  readonly signature: string | undefined
  /** `X-HubSpot-Request-Timestamp`, epoch ms as a string. */
  readonly timestamp: string | undefined
}

/**
 * Checks a v3 webhook signature (base64 HMAC-SHA256 of method + URL + body + timestamp, keyed by the app's
 * client secret) with the client's own helper, which also rejects timestamps older than five minutes.
 */
export function isValidWebhookSignature(request: SignedWebhookRequest, clientSecret: string): boolean {
  if (request.signature === undefined || request.timestamp === undefined) return false
  const timestamp = Number(request.timestamp)
  if (!Number.isFinite(timestamp)) return false
  return Signature.isValid({
    signatureVersion: 'v3',
    signature: request.signature,
    clientSecret,
    requestBody: request.body,
    url: request.url,
    method: request.method,
    timestamp,
  })
}
