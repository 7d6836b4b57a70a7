import {
  backoffDelayMs,
  type Connection,
  type ConnectionEvent,
  type ConnectionNotifier,
  NOTIFICATION_BACKOFF,
} from '@crmsync/core'
import type { EngineLogger } from '@crmsync/engine'
import { createTransport } from 'nodemailer'

import {
  notificationPayload,
  notificationText,
  SIGNATURE_HEADER,
  signPayload,
  TIMESTAMP_HEADER,
} from './notification-payload.js'

/** A notifier whose deliveries run in the background; flush() waits for those under way (shutdown, tests). */
export interface Notifier extends ConnectionNotifier {
  flush(): Promise<void>
}

export interface NotifierOptions {
  readonly config: Connection['notifications']
  readonly logger: EngineLogger
  /** (Default: setTimeout) */
  readonly sleep?: ((ms: number) => Promise<void>) | undefined
  /** Unix time in ms, for the signature's timestamp. (Default: Date.now) */
  readonly now?: (() => number) | undefined
  /** Per attempt. (Default: 10 s) */
  readonly timeoutMs?: number | undefined
}

/** A delivery's failure that another attempt cannot fix (the receiver refused the request as such). */
class Refused extends Error {}

/**
 * Sends each connection event (B-ERR-11) to the configured webhook (signed JSON) and e-mail recipients (SMTP,
 * nodemailer). notify() returns at once: a delivery is retried on NOTIFICATION_BACKOFF (the core retry
 * table) and, if it still fails, logged; it never blocks or fails the sync. Without a webhook or e-mail
 * configured, undefined: events are only logged (by the engine).
 */
export function createNotifier(options: NotifierOptions): Notifier | undefined {
  const { config, logger } = options
  if (config?.webhook === undefined && config?.email === undefined) return undefined
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const now = options.now ?? Date.now
  const timeoutMs = options.timeoutMs ?? 10_000
  const pending = new Set<Promise<void>>()
  const mail =
    config.email === undefined
      ? undefined
      : {
          ...config.email,
          transport: createTransport(config.email.smtpUrl, { connectionTimeout: timeoutMs }),
        }

  async function withRetries(channel: string, event: ConnectionEvent, send: () => Promise<void>) {
    for (let attempt = 1; ; attempt++) {
      try {
        await send()
        logger.info({ channel, type: event.type, connectionId: event.connectionId }, 'notification sent')
        return
      } catch (err) {
        const wait = err instanceof Refused ? undefined : backoffDelayMs(NOTIFICATION_BACKOFF, attempt)
        const fields = {
          channel,
          type: event.type,
          attempt,
          error: err instanceof Error ? err.message : String(err),
        }
        if (wait === undefined) {
          logger.error(fields, 'notification not delivered; the sync goes on')
          return
        }
        logger.warn(fields, 'notification failed; retrying')
        await sleep(wait)
      }
    }
  }

  function postWebhook(webhook: { readonly url: string; readonly secret: string }, event: ConnectionEvent) {
    const body = JSON.stringify(notificationPayload(event))
    return async () => {
      const timestamp = Math.floor(now() / 1000)
      const response = await fetch(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-crmsync-event': event.type,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signPayload(webhook.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      })
      await response.body?.cancel()
      if (response.ok) return
      const message = `the webhook answered ${response.status}`
      // A 4xx other than 408/429 says the request itself is refused: the same one will be refused again.
      if (response.status < 500 && response.status !== 408 && response.status !== 429)
        throw new Refused(message)
      throw new Error(message)
    }
  }

  function send(channel: string, event: ConnectionEvent, attempt: () => Promise<void>) {
    const delivery = withRetries(channel, event, attempt).finally(() => pending.delete(delivery))
    pending.add(delivery)
  }

  return {
    notify(event) {
      if (config.webhook !== undefined) send('webhook', event, postWebhook(config.webhook, event))
      if (mail !== undefined) {
        const { subject, text } = notificationText(event)
        send('email', event, async () => {
          await mail.transport.sendMail({ from: mail.from, to: [...mail.to], subject, text })
        })
      }
    },
    async flush() {
      while (pending.size > 0) await Promise.allSettled([...pending])
    },
  }
}
