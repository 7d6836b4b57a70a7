import { describe, expect, it } from 'vitest'

import { minimalConfig, parseValid } from './config-test-helpers.js'
import { parseConfig } from './parse-config.js'

describe('configuration defaults (the reference behaviour)', () => {
  const connection = parseValid(minimalConfig())

  it('names the single pair "default" and fills the connection defaults', () => {
    expect(connection.id).toBe('default')
    expect(connection.salesforce.apiVersion).toBe('59.0')
    expect(connection.salesforce.apiCallAllocation).toBeUndefined()
    expect(connection.hubspot.basePath).toBe('https://api.hubapi.com')
    expect(connection.store).toEqual({ kind: 'sqlite', url: 'sqlite:./crmsync.db', filename: './crmsync.db' })
  })

  it('B-CON-2/3/15/21/22: contacts become leads, SF creates HS contacts, no inclusion list (legacy or not), no delete', () => {
    expect(connection.settings.contacts).toEqual({
      createInSalesforceAs: 'lead',
      createInHubSpot: true,
      inclusionList: null,
      legacyDefaultInclusion: false,
      deleteInHubSpotWhenDeletedInSalesforce: false,
    })
  })

  it('B-INST-10/B-CMP-1/B-DEAL-1: companies and deals are off; lifecycle automation is on as in the reference (B-LCS-2)', () => {
    const { settings } = connection
    expect(settings.enabled).toBe(true)
    expect(settings.companies).toEqual({ sync: false, inclusionList: null, reuseAutoCreatedCompany: false })
    expect(settings.deals).toEqual({ sync: false, pipelines: {}, maxSyncedPipelines: null })
    expect(settings.activities).toEqual({ toSalesforce: [], fromSalesforce: [] })
    // The reference moves stages on by default (B-LCS-2); it acts only while deal sync is on.
    expect(settings.lifecycle).toEqual({ automaticTransitions: true })
    // A suspension is probed every 5 minutes (B-API-4).
    expect(settings.capture).toEqual({
      pollSeconds: 15,
      suspensionProbeSeconds: 300,
      webhooks: null,
      changeDataCapture: false,
    })
    expect(connection.mappings).toEqual({ contact: [], company: [], deal: [] })
  })

  it('applies a nested default when only a sibling key is given', () => {
    const parsed = parseValid({
      ...minimalConfig(),
      settings: { contacts: { createInSalesforceAs: 'contact' } },
    })
    expect(parsed.settings.contacts.createInHubSpot).toBe(true)
    expect(parsed.settings.contacts.createInSalesforceAs).toBe('contact')
  })

  it('accepts values that arrive as strings after ${ENV} substitution', () => {
    const parsed = parseValid({
      ...minimalConfig(),
      salesforce: {
        instanceUrl: 'https://x.my.salesforce.com/',
        accessToken: 't',
        apiCallAllocation: '20000',
      },
      hubspot: { accessToken: 'h', portalId: '123' },
      settings: {
        capture: { pollSeconds: '30', changeDataCapture: 'false' },
        contacts: { inclusionList: 42, createInHubSpot: 'false' },
      },
    })
    expect(parsed.salesforce.apiCallAllocation).toBe(20000)
    expect(parsed.salesforce.instanceUrl).toBe('https://x.my.salesforce.com')
    expect(parsed.hubspot.portalId).toBe(123)
    expect(parsed.settings.capture).toMatchObject({ pollSeconds: 30, changeDataCapture: false })
    expect(parsed.settings.contacts.inclusionList).toBe('42')
    expect(parsed.settings.contacts.createInHubSpot).toBe(false)
  })

  it('reads an unquoted apiVersion 59.0 (a YAML number) as "59.0"', () => {
    const parsed = parseValid({ ...minimalConfig(), salesforce: { ...sf(), apiVersion: 60 } })
    expect(parsed.salesforce.apiVersion).toBe('60.0')
  })

  it('accepts webhooks: null, the default (webhook capture is not built, not-supported.test.ts)', () => {
    const parsed = parseValid({ ...minimalConfig(), settings: { capture: { webhooks: null } } })
    expect(parsed.settings.capture.webhooks).toBeNull()
  })

  it('parses postgres stores', () => {
    const parsed = parseValid({ ...minimalConfig(), store: 'postgres://crm@db.internal/crmsync' })
    expect(parsed.store).toEqual({ kind: 'postgres', url: 'postgres://crm@db.internal/crmsync' })
  })

  it('returns a deeply frozen result', () => {
    const result = parseConfig(minimalConfig())
    if (!result.ok) return expect.fail('invalid')
    const [first] = result.config.connections
    expect(Object.isFrozen(result.config)).toBe(true)
    expect(Object.isFrozen(result.config.connections)).toBe(true)
    expect(Object.isFrozen(first?.settings.contacts)).toBe(true)
    expect(() => {
      ;(first?.settings.contacts as { createInHubSpot: boolean }).createInHubSpot = false
    }).toThrow(TypeError)
  })
})

function sf(): Record<string, unknown> {
  return { instanceUrl: 'https://example.my.salesforce.com', accessToken: 'sf-token' }
}

describe('both forms of the file', () => {
  it('normalises the single form and a one-entry connections list to the same value', () => {
    const single = parseConfig({ id: 'emea', ...minimalConfig() })
    const multi = parseConfig({ connections: [{ id: 'emea', ...minimalConfig() }] })
    expect(single.ok && multi.ok).toBe(true)
    if (single.ok && multi.ok) expect(multi.config).toEqual(single.config)
  })

  it('keeps several connections in order, each with its own settings', () => {
    const result = parseConfig({
      connections: [
        { id: 'emea', ...minimalConfig(), settings: { contacts: { createInSalesforceAs: 'contact' } } },
        { id: 'us', ...minimalConfig(), store: 'postgres://db/crm' },
      ],
    })
    if (!result.ok) return expect.fail(JSON.stringify(result.issues))
    expect(result.config.connections.map((connection) => connection.id)).toEqual(['emea', 'us'])
    expect(result.config.connections[0]?.settings.contacts.createInSalesforceAs).toBe('contact')
    expect(result.config.connections[1]?.settings.contacts.createInSalesforceAs).toBe('lead')
    expect(result.config.connections[1]?.store.kind).toBe('postgres')
  })
})
