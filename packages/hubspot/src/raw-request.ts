import type { Client } from '@hubspot/api-client'

import type { ApiMeter } from './api-meter.js'

/** Thrown for a non-2xx raw response, shaped like the client's ApiException so errors.ts reads both alike. */
export class RawResponseError extends Error {
  override readonly name = 'RawResponseError'
  readonly code: number
  readonly body: Record<string, unknown>
  readonly headers: Record<string, string>
  constructor(code: number, body: Record<string, unknown>, headers: Record<string, string>) {
    super(typeof body['message'] === 'string' ? body['message'] : `HTTP ${code}`)
    this.code = code
    this.body = body
    this.headers = headers
  }
}

/**
 * `client.apiRequest` for endpoints the client does not wrap (communication preferences v4, account info).
 * It returns the raw response and never throws on HTTP errors, and it bypasses the middleware (api-surface
 * 4.2), so this counts the call, reads the headers and throws for non-2xx itself.
 */
export async function rawRequest(
  client: Client,
  meter: ApiMeter,
  opts: { method: string; path: string; body?: unknown; qs?: Record<string, string> },
): Promise<unknown> {
  meter.countCall()
  const response = await client.apiRequest({
    method: opts.method,
    path: opts.path,
    ...(opts.body === undefined ? {} : { body: opts.body }),
    ...(opts.qs === undefined ? {} : { qs: opts.qs }),
  })
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value
  })
  meter.observe(headers)
  const text = await response.text()
  let parsed: unknown = undefined
  try {
    parsed = text === '' ? undefined : JSON.parse(text)
  } catch {
    parsed = { message: text }
  }
  if (!response.ok) {
    const body = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {}
    throw new RawResponseError(response.status, body, headers)
  }
  return parsed
}
