import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import type { ConnectionEvent } from '@crmsync/core'
import { SMTPServer } from 'smtp-server'
import { afterEach, describe, expect, it } from 'vitest'

import { createNotifier } from './create-notifier.js'
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from './notification-payload.js'

// Real receivers: a local HTTP server for the webhook and a local SMTP server (smtp-server) for the e-mail.

const SECRET = 'a-secret-of-at-least-16'

const SUSPENDED: ConnectionEvent = {
  type: 'suspension_entered',
  connectionId: 'emea',
  at: Date.UTC(2026, 0, 2, 3, 4, 5),
  suspension: {
    side: 'salesforce',
    reason: 'api_limit',
    code: 'SF_RATE_LIMITED',
    message: 'REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.',
    since: Date.UTC(2026, 0, 2, 3, 4, 5),
    lastProbeAt: undefined,
  },
}

interface Logged {
  readonly level: string
  readonly fields: Record<string, unknown>
  readonly message: string
}

function recordingLogger(into: Logged[]) {
  const at =
    (level: string) =>
    (fields: Record<string, unknown>, message: string): void => {
      into.push({ level, fields, message })
    }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

interface Received {
  readonly headers: IncomingHttpHeaders
  readonly body: string
}

const servers: Array<{ close(callback: () => void): unknown }> = []
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  )
})

/** A webhook receiver answering each request with the next status of `statuses` (then 200). */
async function receiver(statuses: number[] = []): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = []
  const server: Server = createServer((request, response) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => (body += chunk))
    request.on('end', () => {
      received.push({ headers: request.headers, body })
      response.statusCode = statuses.shift() ?? 200
      response.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  servers.push(server)
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received }
}

async function smtp(): Promise<{ url: string; mails: Array<{ from: string; to: string[]; data: string }> }> {
  const mails: Array<{ from: string; to: string[]; data: string }> = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let data = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => (data += chunk))
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  servers.push(server)
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, mails }
}

describe('notifications (B-ERR-11)', () => {
  it('B-ERR-11: posts the event as JSON signed with HMAC-SHA256 over timestamp and body, which a receiver verifies', async () => {
    const hook = await receiver()
    const notifier = createNotifier({
      config: { webhook: { url: hook.url, secret: SECRET } },
      logger: recordingLogger([]),
    })!
    notifier.notify(SUSPENDED)
    await notifier.flush()
    expect(hook.received).toHaveLength(1)
    const [delivery] = hook.received
    const body = JSON.parse(delivery!.body) as Record<string, unknown>
    expect(body).toMatchObject({
      type: 'suspension_entered',
      connectionId: 'emea',
      at: '2026-01-02T03:04:05.000Z',
      suspension: {
        state: 'suspended:api_limit',
        code: 'SF_RATE_LIMITED',
        since: '2026-01-02T03:04:05.000Z',
      },
    })
    expect(delivery!.headers['x-crmsync-event']).toBe('suspension_entered')
    const check = {
      body: delivery!.body,
      signature: delivery!.headers[SIGNATURE_HEADER] as string,
      timestamp: delivery!.headers[TIMESTAMP_HEADER] as string,
      nowS: Math.floor(Date.now() / 1000),
    }
    expect(verifySignature({ ...check, secret: SECRET })).toBe(true)
    expect(verifySignature({ ...check, secret: 'another-secret-of-16+' })).toBe(false)
    expect(verifySignature({ ...check, secret: SECRET, body: `${check.body} ` })).toBe(false)
    expect(verifySignature({ ...check, secret: SECRET, nowS: check.nowS + 3600 })).toBe(false)
  })

  it('B-ERR-11: sends an e-mail through SMTP to every recipient, with the reason in the subject', async () => {
    const server = await smtp()
    const notifier = createNotifier({
      config: {
        email: { smtpUrl: server.url, from: 'crmsync@example.com', to: ['a@example.com', 'b@example.com'] },
      },
      logger: recordingLogger([]),
    })!
    notifier.notify(SUSPENDED)
    await notifier.flush()
    expect(server.mails).toHaveLength(1)
    expect(server.mails[0]!.from).toBe('crmsync@example.com')
    expect(server.mails[0]!.to).toEqual(['a@example.com', 'b@example.com'])
    expect(server.mails[0]!.data).toContain('Subject: [crmsync] crmsync connection emea suspended: api_limit')
    expect(server.mails[0]!.data).toContain('SF_RATE_LIMITED')
  })

  it('retries a failed delivery on the core backoff (1 s, 2 s) and logs each failure', async () => {
    const hook = await receiver([503, 502])
    const logged: Logged[] = []
    const waits: number[] = []
    const notifier = createNotifier({
      config: { webhook: { url: hook.url, secret: SECRET } },
      logger: recordingLogger(logged),
      sleep: (ms) => {
        waits.push(ms)
        return Promise.resolve()
      },
    })!
    notifier.notify(SUSPENDED)
    await notifier.flush()
    expect(hook.received).toHaveLength(3)
    expect(waits).toEqual([1000, 2000])
    expect(logged.filter((l) => l.level === 'warn').map((l) => l.fields['attempt'])).toEqual([1, 2])
    expect(logged.some((l) => l.message === 'notification sent')).toBe(true)
  })

  it('never throws into the sync: an unreachable receiver is given up after three attempts and logged', async () => {
    const hook = await receiver()
    const gone = hook.url.replace(/:\d+\//, ':1/')
    const logged: Logged[] = []
    const notifier = createNotifier({
      config: { webhook: { url: gone, secret: SECRET } },
      logger: recordingLogger(logged),
      sleep: () => Promise.resolve(),
    })!
    expect(() => notifier.notify(SUSPENDED)).not.toThrow()
    await notifier.flush()
    expect(logged.filter((l) => l.level === 'warn')).toHaveLength(2)
    expect(logged.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
      'notification not delivered; the sync goes on',
    ])
  })

  it('does not retry a request the receiver refuses as such (400)', async () => {
    const hook = await receiver([400])
    const logged: Logged[] = []
    const notifier = createNotifier({
      config: { webhook: { url: hook.url, secret: SECRET } },
      logger: recordingLogger(logged),
      sleep: () => Promise.resolve(),
    })!
    notifier.notify(SUSPENDED)
    await notifier.flush()
    expect(hook.received).toHaveLength(1)
    expect(logged.filter((l) => l.level === 'error')).toHaveLength(1)
  })

  it('is undefined without a webhook or an e-mail: events are only logged', () => {
    expect(createNotifier({ config: undefined, logger: recordingLogger([]) })).toBeUndefined()
    expect(createNotifier({ config: {}, logger: recordingLogger([]) })).toBeUndefined()
  })
})
