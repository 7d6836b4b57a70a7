import { describe, expect, it } from 'vitest'

import { minimalConfig, parseValid, problemsOf } from './config-test-helpers.js'
import { redactConnection, REDACTED } from './redact-connection.js'

const everythingLiteral = { isLiteral: () => true }
const fromEnvironment = { isLiteral: () => false }
const LITERAL =
  'secrets must come from the environment: write ${NAME} and set NAME ' +
  '(literal values are accepted only for localhost sandboxes)'

const notifications = {
  webhook: { url: 'https://hooks.example.com/crmsync', secret: 'a-long-enough-secret' },
  email: {
    smtpUrl: 'smtps://alerts:pw@smtp.example.com:465',
    from: 'crmsync@example.com',
    to: ['admin@example.com', 'ops@example.com'],
  },
}

describe('notifications (B-ERR-11)', () => {
  it('B-ERR-11: accepts a webhook and an e-mail block whose secrets come from the environment', () => {
    const connection = parseValid({ ...minimalConfig(), notifications }, fromEnvironment)
    expect(connection.notifications).toEqual(notifications)
  })

  it('is optional: without it events are only logged', () => {
    expect(parseValid(minimalConfig()).notifications).toBeUndefined()
  })

  it('refuses the webhook secret and the SMTP URL written in the file for non-local servers', () => {
    const problems = problemsOf(
      { ...minimalConfig(), notifications },
      { isLiteral: (path) => path[0] === 'notifications' },
    )
    expect(problems).toEqual([
      `notifications.webhook.secret: ${LITERAL}`,
      `notifications.email.smtpUrl: ${LITERAL}`,
    ])
  })

  it('accepts literal secrets for a local receiver and SMTP server (tests, the demo)', () => {
    const local = {
      webhook: { url: 'http://127.0.0.1:8099/hook', secret: 'a-long-enough-secret' },
      email: { smtpUrl: 'smtp://127.0.0.1:2525', from: 'a@example.com', to: ['b@example.com'] },
    }
    const sandbox = {
      salesforce: { instanceUrl: 'http://127.0.0.1:4010', accessToken: 'sandbox' },
      hubspot: { accessToken: 'sandbox', basePath: 'http://localhost:4020' },
      notifications: local,
    }
    expect(parseValid(sandbox, everythingLiteral).notifications).toEqual(local)
  })

  it('names each bad value: a short secret, plain http to a remote host, a non-SMTP URL, bad addresses', () => {
    const bad = {
      webhook: { url: 'http://hooks.example.com/x', secret: 'short' },
      email: { smtpUrl: 'https://smtp.example.com', from: 'nobody', to: [] },
    }
    expect(problemsOf({ ...minimalConfig(), notifications: bad }, fromEnvironment)).toEqual([
      'notifications.webhook.url: must use https (plain http is accepted only for localhost sandboxes)',
      'notifications.webhook.secret: must be at least 16 characters',
      'notifications.email.smtpUrl: must be an smtp:// or smtps:// URL, e.g. smtps://user:password@smtp.example.com:465',
      'notifications.email.from: must be an e-mail address',
      'notifications.email.to: list at least one recipient',
    ])
  })

  it('redacts the webhook secret and the SMTP URL when a connection is shown', () => {
    const redacted = redactConnection(parseValid({ ...minimalConfig(), notifications }, fromEnvironment))
    expect(redacted.notifications?.webhook?.secret).toBe(REDACTED)
    expect(redacted.notifications?.email?.smtpUrl).toBe(REDACTED)
    expect(redacted.notifications?.email?.to).toEqual(notifications.email.to)
  })
})
