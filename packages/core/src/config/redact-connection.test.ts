import { describe, expect, it } from 'vitest'

import { parseValid } from './config-test-helpers.js'
import type { Connection } from './parse-config.js'
import { redactConnection, REDACTED } from './redact-connection.js'

describe('redactConnection', () => {
  it('replaces every secret and a store password, and keeps everything else', () => {
    const parsed = parseValid({
      salesforce: { instanceUrl: 'https://example.my.salesforce.com', accessToken: 'sf-token' },
      hubspot: { accessToken: 'hs-token' },
      store: 'postgres://crm:hunter2@db.internal/crmsync',
    })
    // The password flow and webhooks are refused by the schema until they are built, but their secrets
    // must be redacted the day they are: the connection is completed by hand.
    const connection: Connection = {
      ...parsed,
      salesforce: {
        instanceUrl: parsed.salesforce.instanceUrl,
        apiVersion: parsed.salesforce.apiVersion,
        sandbox: false,
        oauth: {
          flow: 'password',
          clientId: 'id',
          clientSecret: 'cs',
          username: 'u',
          password: 'pw',
          loginUrl: 'https://login.salesforce.com',
        },
      },
      settings: {
        ...parsed.settings,
        capture: { ...parsed.settings.capture, webhooks: { clientSecret: 'whs', path: '/webhooks/hubspot' } },
      },
    }
    const redacted = redactConnection(connection)
    const text = JSON.stringify(redacted)
    for (const secret of ['cs', '"pw"', 'hs-token', 'hunter2', 'whs']) expect(text).not.toContain(secret)
    expect(redacted.salesforce.oauth).toEqual({
      flow: 'password',
      clientId: 'id',
      clientSecret: REDACTED,
      username: 'u',
      password: REDACTED,
      loginUrl: 'https://login.salesforce.com',
    })
    expect(redacted.hubspot.accessToken).toBe(REDACTED)
    expect(redacted.store.url).toBe('postgres://crm:%5Bredacted%5D@db.internal/crmsync')
    expect(redacted.settings).toEqual({
      ...connection.settings,
      capture: {
        ...connection.settings.capture,
        webhooks: { clientSecret: REDACTED, path: '/webhooks/hubspot' },
      },
    })
    expect(connection.hubspot.accessToken).toBe('hs-token')
  })

  it('adds no key that the connection does not have', () => {
    const connection = parseValid({
      salesforce: { instanceUrl: 'https://example.my.salesforce.com', accessToken: 'sf' },
      hubspot: { accessToken: 'hs' },
    })
    const redacted = redactConnection(connection)
    expect(redacted.salesforce).toEqual({ ...connection.salesforce, accessToken: REDACTED })
    expect(redacted.store).toEqual(connection.store)
  })
})
