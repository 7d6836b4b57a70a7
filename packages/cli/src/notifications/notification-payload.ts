import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'

import type { ConnectionEvent } from '@crmsync/core'

/** The header with the signature, `sha256=<hex>`, and the one with the Unix time (seconds) it covers. */
export const SIGNATURE_HEADER = 'x-crmsync-signature'
export const TIMESTAMP_HEADER = 'x-crmsync-timestamp'

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * The JSON an event is sent as (docs/configuration.md `notifications`): times as ISO 8601, an `id` unique per
 * event (a receiver drops a retried delivery it already has), and what to do.
 */
export function notificationPayload(
  event: ConnectionEvent,
  id: string = randomUUID(),
): Record<string, unknown> {
  const common = { id, type: event.type, connectionId: event.connectionId, at: iso(event.at) }
  switch (event.type) {
    case 'suspension_entered':
      return {
        ...common,
        suspension: {
          ...event.suspension,
          state: `suspended:${event.suspension.reason}`,
          since: iso(event.suspension.since),
          lastProbeAt: event.suspension.lastProbeAt === undefined ? null : iso(event.suspension.lastProbeAt),
        },
        action:
          'crmsync probes the cause on a schedule and resumes by itself once it is gone; ' +
          `\`crmsync resume --config FILE --connection ${event.connectionId}\` clears it at once; ` +
          'see docs/errors.md "Suspensions".',
      }
    case 'suspension_cleared':
      return { ...common, reason: event.reason, by: event.by }
    case 'error_class_opened':
      return {
        ...common,
        code: event.code,
        errors: event.errors,
        action: `crmsync errors --type ${event.code} lists them; docs/errors.md says what to do.`,
      }
  }
}

/**
 * The signature of a delivery: HMAC-SHA256, keyed by the configured secret, of `<timestamp>.<body>` where
 * timestamp is the X-Crmsync-Timestamp header (Unix seconds) and body the raw request body, hex-encoded.
 */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/**
 * What a receiver does (documented in docs/configuration.md): recompute the signature over the raw body,
 * compare in constant time, and refuse a timestamp more than `toleranceS` from its own clock (a replay).
 */
export function verifySignature(input: {
  readonly secret: string
  readonly body: string
  readonly signature: string | undefined
  readonly timestamp: string | undefined
  readonly nowS: number
  readonly toleranceS?: number
}): boolean {
  const timestamp = Number(input.timestamp)
  if (input.signature === undefined || !Number.isInteger(timestamp)) return false
  if (Math.abs(input.nowS - timestamp) > (input.toleranceS ?? 300)) return false
  const expected = Buffer.from(signPayload(input.secret, timestamp, input.body))
  const given = Buffer.from(input.signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/** A one-line subject and a plain-text body for the e-mail. */
export function notificationText(event: ConnectionEvent): { subject: string; text: string } {
  const payload = notificationPayload(event, 'e-mail')
  const about = `crmsync connection ${event.connectionId}`
  const subject =
    event.type === 'suspension_entered'
      ? `[crmsync] ${about} suspended: ${event.suspension.reason}`
      : event.type === 'suspension_cleared'
        ? `[crmsync] ${about} resumed (${event.reason} cleared by ${event.by})`
        : `[crmsync] ${about}: a new class of error, ${event.code}`
  const lines =
    event.type === 'suspension_entered'
      ? [
          `Suspended since ${iso(event.suspension.since)}: nothing is written on either side until it clears.`,
          `Cause: ${event.suspension.code}: ${event.suspension.message}`,
          'crmsync probes the cause on a schedule and resumes by itself; ' +
            `\`crmsync resume --config FILE --connection ${event.connectionId}\` clears it at once.`,
          'What to do: docs/errors.md, "Suspensions".',
        ]
      : event.type === 'suspension_cleared'
        ? [`The ${event.reason} suspension was cleared at ${iso(event.at)}; syncing goes on.`]
        : [
            `${event.errors} open error(s) of ${event.code} since ${iso(event.at)}.`,
            `crmsync errors --type ${event.code} lists them; docs/errors.md says what to do.`,
          ]
  return { subject, text: `${lines.join('\n')}\n\n${JSON.stringify(payload, null, 2)}\n` }
}
