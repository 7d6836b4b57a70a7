import { createHash, createHmac } from 'node:crypto'

/** HubSpot's v1 signature: hex SHA-256 of clientSecret + body. */
export function signV1(clientSecret: string, body: string): string {
  return createHash('sha256')
    .update(clientSecret + body)
    .digest('hex')
}

/** HubSpot's v3 signature: base64 HMAC-SHA256 (key: the app secret) of method + uri + body + timestamp. */
export function signV3(
  clientSecret: string,
  method: string,
  uri: string,
  body: string,
  timestamp: number,
): string {
  return createHmac('sha256', clientSecret).update(`${method}${uri}${body}${timestamp}`).digest('base64')
}
