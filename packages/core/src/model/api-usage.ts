import type { Side } from './link.js'

/** API calls made on one side for one connection in one minute (design.md section 3.6). */
export interface ApiUsage {
  readonly connectionId: string
  readonly side: Side
  /** Epoch ms of the start of the minute (a multiple of 60,000). */
  readonly minute: number
  readonly calls: number
}

/**
 * What one side last reported about its own limits (design.md 3.6, B-API-1/6/7), kept per connection and
 * side so `crmsync status` can show it without a call: Salesforce's `Sforce-Limit-Info` (the org's rolling
 * 24 h usage and limit), HubSpot's `X-HubSpot-RateLimit-*` (the portal's daily quota and the burst window).
 */
export interface ApiLimitReading {
  readonly connectionId: string
  readonly side: Side
  /** Epoch ms of the response that carried it. */
  readonly seenAt: number
  /** Calls counted against the daily limit and the limit: Salesforce's rolling 24 h, HubSpot's day. */
  readonly daily: { readonly used: number; readonly limit: number } | undefined
  /** HubSpot only: calls left in the current burst window, the window's maximum and its length in ms. */
  readonly burst:
    { readonly remaining: number; readonly max: number; readonly intervalMs: number } | undefined
}
