import { describe, expect, it } from 'vitest'

import { minimalConfig, problemsOf } from './config-test-helpers.js'
import { parseConfig } from './parse-config.js'

const sf = { instanceUrl: 'https://example.my.salesforce.com', accessToken: 'sf-token' }

describe('strict keys', () => {
  it('reports unknown keys at every level, each with its path', () => {
    expect(
      problemsOf({
        ...minimalConfig(),
        sallesforce: {},
        hubspot: { accessToken: 'h', portal: 1 },
        settings: {
          contacts: { createInSalesforceAS: 'lead' },
          activities: { toSalesforce: [], filter: 'x' },
        },
      }),
    ).toEqual([
      'hubspot.portal: unknown key (did you mean portalId?)',
      'settings.contacts.createInSalesforceAS: unknown key (did you mean createInSalesforceAs?)',
      'settings.activities.filter: unknown key',
      'sallesforce: unknown key (did you mean salesforce?)',
    ])
  })

  it('suggests connections for a misspelt list form', () => {
    expect(problemsOf({ connection: [{ id: 'a', ...minimalConfig() }] })).toEqual([
      'salesforce: is required',
      'hubspot: is required',
      'connection: unknown key (did you mean connections?)',
    ])
  })

  it('suggests the near key inside lists and in the list form', () => {
    const mapping = { hubspot: 'jobtitle', salesforce: 'Title', rul: 'two-way' }
    expect(
      problemsOf({ connections: [{ id: 'a', ...minimalConfig(), mappings: { contact: [mapping] } }] }),
    ).toEqual(['connections[0].mappings.contact[0].rul: unknown key (did you mean rule?)'])
  })

  it('refuses single-pair keys beside connections:', () => {
    expect(problemsOf({ connections: [{ id: 'a', ...minimalConfig() }], store: 'sqlite:x.db' })).toEqual([
      'store: cannot sit beside connections: move it into each connection',
    ])
  })

  it('reports an empty or non-mapping document', () => {
    expect(problemsOf(null)).toEqual(['(file): the configuration is empty'])
    expect(problemsOf(['a'])).toEqual(['(file): expected a mapping of keys'])
  })
})

describe('field rules', () => {
  it('requires both sides and reports every problem at once', () => {
    expect(problemsOf({})).toEqual(['salesforce: is required', 'hubspot: is required'])
  })

  it('wants exactly one of accessToken and oauth', () => {
    expect(problemsOf({ ...minimalConfig(), salesforce: { instanceUrl: sf.instanceUrl } })).toEqual([
      'salesforce.accessToken: set either accessToken or oauth',
    ])
    const both = { ...sf, oauth: { flow: 'client-credentials', clientId: 'c', clientSecret: 's' } }
    expect(problemsOf({ ...minimalConfig(), salesforce: both })).toEqual([
      'salesforce.oauth: set accessToken or oauth, not both',
    ])
  })

  it("accepts the client-credentials flow, refuses the flows not built yet in the runtime's words, names an unknown one", () => {
    const withOAuth = (oauth: Record<string, unknown>) => ({
      ...minimalConfig(),
      salesforce: { instanceUrl: sf.instanceUrl, oauth },
    })
    expect(parseConfig(withOAuth({ flow: 'client-credentials', clientId: 'c', clientSecret: 's' })).ok).toBe(
      true,
    )
    const refused = [
      { flow: 'jwt', clientId: 'c', username: 'u@x.com', privateKey: 'k' },
      { flow: 'refresh-token', clientId: 'c', refreshToken: 'r' },
      { flow: 'password', clientId: 'c', clientSecret: 's', username: 'u', password: 'p' },
    ]
    for (const oauth of refused) {
      expect(problemsOf(withOAuth(oauth))).toEqual([
        `salesforce.oauth.flow: ${oauth.flow} is not supported yet: use accessToken or client-credentials`,
      ])
    }
    expect(problemsOf(withOAuth({ flow: 'saml', clientId: 'c' }))).toEqual([
      'salesforce.oauth.flow: must be one of jwt, refresh-token, client-credentials, password (got "saml")',
    ])
    expect(problemsOf(withOAuth({ flow: 'client-credentials', clientId: 'c' }))).toEqual([
      'salesforce.oauth.clientSecret: is required',
    ])
  })

  it('accepts plain http only for local sandboxes', () => {
    const remote = { ...sf, instanceUrl: 'http://example.my.salesforce.com' }
    expect(problemsOf({ ...minimalConfig(), salesforce: remote })).toEqual([
      'salesforce.instanceUrl: must use https (plain http is accepted only for localhost sandboxes)',
    ])
    const local = { ...sf, instanceUrl: 'http://127.0.0.1:4010' }
    expect(parseConfig({ ...minimalConfig(), salesforce: local }).ok).toBe(true)
  })

  it.each([
    ['mysql://db/crm', 'unsupported store "mysql://db/crm"'],
    ['./crmsync.db', 'unsupported store "./crmsync.db"'],
    ['sqlite:', 'sqlite: needs a file name'],
  ])('rejects the store %s', (store, message) => {
    const [problem] = problemsOf({ ...minimalConfig(), store })
    expect(problem).toContain(`store: ${message}`)
  })

  it('checks ranges and enumerations of settings', () => {
    expect(
      problemsOf({
        ...minimalConfig(),
        salesforce: { ...sf, apiVersion: 'v59', apiCallAllocation: 0 },
        settings: {
          contacts: { createInSalesforceAs: 'account', inclusionList: 'MQLs' },
          capture: { pollSeconds: 0 },
        },
      }),
    ).toEqual([
      'salesforce.apiVersion: must be a REST API version such as "59.0"',
      'salesforce.apiCallAllocation: must be at least 1',
      'settings.contacts.createInSalesforceAs: must be one of lead, contact (got "account")',
      'settings.contacts.inclusionList: must be a HubSpot list id (digits)',
      'settings.capture.pollSeconds: must be at least 1',
    ])
  })

  it('B-INST-3: refuses two connections with one id or one portal', () => {
    const hubspot = { accessToken: 'h', portalId: 7 }
    expect(
      problemsOf({
        connections: [
          { id: 'a', salesforce: sf, hubspot },
          { id: 'a', salesforce: sf, hubspot },
        ],
      }),
    ).toEqual([
      'connections[1].id: id "a" is already used by connections[0]',
      'connections[1].hubspot.portalId: portal 7 is already paired by connections[0] (B-INST-3)',
    ])
  })

  it('refuses bad connection ids and an empty list', () => {
    expect(problemsOf({ connections: [] })).toEqual(['connections: list at least one connection'])
    expect(problemsOf({ id: 'EMEA prod', ...minimalConfig() })).toEqual([
      'id: must be lower-case letters, digits and dashes, e.g. emea-prod',
    ])
  })
})
