import {
  type Connection,
  DEFAULT_CONTACT_MAPPINGS,
  type HubSpotConnector,
  type SalesforceConnector,
} from '@crmsync/core'
import type { KyselyStateStore } from '@crmsync/store'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { ConfigSaveResult, MappingsView, SettingsView } from '../api-types.js'
import { connectionOf, validatingConfigFile } from '../config-edit/config-edit-testing.js'
import { createConfigEditor } from '../config-edit/edit-config-file.js'
import { createCycleLog } from '../cycle-log.js'
import { createLiveFeed } from '../live/live-feed.js'
import { memoryStore } from '../queries/query-fixtures.js'
import type { ConfigFileAccess, ConsoleConnection, ConsoleServerDeps } from '../server-deps.js'
import { startTestServer } from '../testing/console-test-server.js'
import { loggedInBrowser } from '../testing/inject-browser.js'
import { mappingRoutes } from './mapping-routes.js'
import { settingsRoutes } from './settings-routes.js'

// The mapping and settings editor's routes on a bare Fastify instance (authentication is create-server's, tested
// through it at the end), over a file held in memory that validates with the core's schema.
const FILE = [
  '# crmsync',
  'salesforce: { instanceUrl: "https://example.my.salesforce.com", accessToken: "${SF_TOKEN}" }',
  'hubspot: { accessToken: "${HS_TOKEN}" }',
  'mappings:',
  '  contact:',
  '    - { hubspot: jobtitle, salesforce: Title, rule: two-way } # kept',
  '    - { hubspot: shoe_size, salesforce: Shoe_Size__c }',
  '',
].join('\n')

/** Salesforce describes of Lead and Contact with the fields the tests map; only describe is called. */
const salesforce = {
  describe: (type: string) =>
    Promise.resolve({
      name: type,
      fields: new Map(
        [
          ['Score__c', 'string'],
          ['Since__c', 'datetime'],
          ['Shoe_Size__c', 'double'],
        ].map(([name, fieldType]) => [name, { name, type: fieldType }]),
      ),
    }),
} as unknown as SalesforceConnector

const hubspotProperties = () =>
  Promise.resolve([
    { name: 'score', type: 'number', fieldType: 'number' },
    { name: 'since', type: 'date', fieldType: 'date' },
    { name: 'csm', type: 'enumeration', fieldType: 'select', referencedObjectType: 'OWNER' },
  ])

let store: KyselyStateStore
let app: FastifyInstance
let current: Connection
let file: ConfigFileAccess & { text: string }

async function start(options: { crm?: boolean; configFile?: boolean; writable?: boolean } = {}) {
  current = connectionOf(FILE)
  file = validatingConfigFile(FILE, (saved) => (current = saved), { writable: options.writable ?? true })
  const served: ConsoleConnection = {
    id: 'default',
    connection: () => current,
    store,
    crm:
      options.crm === false ? undefined : { salesforce, hubspot: {} as HubSpotConnector, hubspotProperties },
  }
  const deps: ConsoleServerDeps = {
    connections: () => [served],
    configFile: options.configFile === false ? undefined : file,
    password: 'x',
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    now: () => 0,
    ready: () => true,
  }
  app = Fastify()
  for (const routes of [mappingRoutes, settingsRoutes])
    routes(app, {
      deps,
      cycles: createCycleLog(),
      live: createLiveFeed(),
      configEditor: deps.configFile && createConfigEditor(deps.configFile),
    })
  await app.ready()
}

const put = (kind: string, payload: object) =>
  app.inject({ method: 'PUT', url: `/api/connections/default/mappings/${kind}`, payload })

beforeEach(async () => {
  store = await memoryStore()
})
afterEach(async () => {
  await app.close()
  await store.close()
})

describe('GET and PUT /api/connections/:id/mappings', () => {
  it('B-MAP-9: the table lists the defaults flagged default (locked ones locked) with the rules the file gives', async () => {
    await start()
    const res = await app.inject({ method: 'GET', url: '/api/connections/default/mappings' })
    expect(res.statusCode).toBe(200)
    const view = res.json<MappingsView>()
    expect(view.writable).toBe(true)
    expect(view.rules).toEqual(['two-way', 'prefer-salesforce', 'always-salesforce', 'none'])
    expect(Object.keys(view.objects)).toEqual(['contact'])
    const rows = view.objects.contact ?? []
    expect(rows.find((r) => r.hubspot === 'jobtitle')).toEqual({
      hubspot: 'jobtitle',
      salesforce: 'Title',
      rule: 'two-way',
      default: true,
      locked: false,
    })
    expect(rows.find((r) => r.hubspot === 'hs_email_optout')).toMatchObject({
      default: true,
      locked: true,
      rule: 'opt-out',
    })
    expect(rows.find((r) => r.hubspot === 'company')).toMatchObject({ salesforce: { Lead: 'Company' } })
    expect(rows.at(-1)).toEqual({
      hubspot: 'shoe_size',
      salesforce: 'Shoe_Size__c',
      rule: 'prefer-salesforce',
      default: false,
      locked: false,
    })
    expect(rows.filter((r) => r.default).map((r) => r.hubspot)).toEqual(
      DEFAULT_CONTACT_MAPPINGS.map((m) => m.hubspot),
    )
  })

  it('a rule change is written into the file (its comment kept) and the table shows it once saved', async () => {
    await start()
    const res = await put('contact', { hubspot: 'jobtitle', salesforce: 'Title', rule: 'always-salesforce' })
    expect(res.statusCode).toBe(200)
    expect(res.json<ConfigSaveResult>()).toEqual({ ok: true, written: true, file: 'crmsync.yaml' })
    expect(file.text).toBe(FILE.replace('rule: two-way } # kept', 'rule: always-salesforce } # kept'))
    const view = (
      await app.inject({ method: 'GET', url: '/api/connections/default/mappings' })
    ).json<MappingsView>()
    expect(view.objects.contact?.find((r) => r.hubspot === 'jobtitle')?.rule).toBe('always-salesforce')
  })

  it('B-MAP-5 and B-MAP-7 with the types the CRMs describe: 400 with the problems, nothing written', async () => {
    await start()
    const mismatch = await put('contact', { hubspot: 'score', salesforce: 'Score__c', rule: 'two-way' })
    expect(mismatch.statusCode).toBe(400)
    expect(mismatch.json()).toEqual({
      ok: false,
      problems: [{ path: 'mappings.contact[2]', message: 'type mismatch: number cannot map to string' }],
    })
    const user = await put('contact', { hubspot: 'csm', salesforce: { Lead: 'Score__c' }, rule: 'two-way' })
    expect(user.json<ConfigSaveResult>()).toEqual({
      ok: false,
      problems: [
        {
          path: 'mappings.contact[2].hubspot',
          message: '"csm" is a HubSpot user property, which cannot be mapped',
        },
      ],
    })
    const missing = await put('contact', { hubspot: 'since', salesforce: 'Nope__c', rule: 'two-way' })
    expect(missing.json<ConfigSaveResult>()).toMatchObject({
      ok: false,
      problems: [
        {
          path: 'mappings.contact[2].salesforce.Lead',
          message: 'Lead.Nope__c is not a Salesforce field the integration user can see',
        },
        {},
      ],
    })
    expect(file.text).toBe(FILE)
    const since = await put('contact', { hubspot: 'since', salesforce: 'Since__c', rule: 'two-way' })
    expect(since.statusCode).toBe(200)
    expect(file.text).toContain('    - hubspot: since\n      salesforce: Since__c\n      rule: two-way\n')
  })

  it('B-MAP-6: a field another mapping uses is already mapped (400)', async () => {
    await start()
    const res = await put('contact', { hubspot: 'score', salesforce: 'Shoe_Size__c', rule: 'two-way' })
    expect(res.statusCode).toBe(400)
    expect(res.json<ConfigSaveResult>()).toEqual({
      ok: false,
      problems: [
        {
          path: 'mappings.contact[2].salesforce.Lead',
          message: 'Lead.Shoe_Size__c is already mapped to "shoe_size"',
        },
        {
          path: 'mappings.contact[2].salesforce.Contact',
          message: 'Contact.Shoe_Size__c is already mapped to "shoe_size"',
        },
      ],
    })
    expect(file.text).toBe(FILE)
  })

  it('without the CRMs a new mapping is refused, saying the types cannot be checked', async () => {
    await start({ crm: false })
    const res = await put('contact', { hubspot: 'since', salesforce: 'Since__c', rule: 'two-way' })
    expect(res.json<ConfigSaveResult>()).toEqual({
      ok: false,
      problems: [
        {
          path: 'mappings.contact[2]',
          message:
            'the field types cannot be checked (B-MAP-5): this process has no connection to the CRMs; try again when both CRMs answer',
        },
      ],
    })
  })

  it('a company mapping while company sync is off is refused by the schema (B-INST-10)', async () => {
    await start()
    const res = await put('company', { hubspot: 'phone', salesforce: 'Phone', rule: 'none' })
    expect(res.statusCode).toBe(400)
    expect(res.json<ConfigSaveResult>()).toEqual({
      ok: false,
      problems: [
        {
          path: 'mappings.company',
          message: 'company mappings need settings.companies.sync: true (B-INST-10)',
        },
      ],
    })
  })
})

describe('DELETE /api/connections/:id/mappings/:kind/:hubspot', () => {
  it('B-MAP-9: a default is refused with 400; an extra mapping is removed from the file', async () => {
    await start()
    const email = await app.inject({
      method: 'DELETE',
      url: '/api/connections/default/mappings/contact/email',
    })
    expect(email.statusCode).toBe(400)
    expect(email.json<ConfigSaveResult>()).toEqual({
      ok: false,
      problems: [
        {
          path: 'mappings.contact[2]',
          message: '"email" is a default mapping and cannot be deleted; set its rule to none instead',
        },
      ],
    })
    const shoe = await app.inject({
      method: 'DELETE',
      url: '/api/connections/default/mappings/contact/shoe_size',
    })
    expect(shoe.statusCode).toBe(200)
    expect(file.text).toBe(FILE.replace('    - { hubspot: shoe_size, salesforce: Shoe_Size__c }\n', ''))
  })

  it('an unknown connection is 404, an unknown kind 400, and without a file 409', async () => {
    await start({ configFile: false })
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/connections/other/mappings/contact/x' })).statusCode,
    ).toBe(404)
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/connections/default/mappings/lead/x' })).statusCode,
    ).toBe(400)
    const none = await put('contact', { hubspot: 'jobtitle', salesforce: 'Title', rule: 'none' })
    expect(none.statusCode).toBe(409)
    const view = (
      await app.inject({ method: 'GET', url: '/api/connections/default/mappings' })
    ).json<MappingsView>()
    expect(view.writable).toBe(false)
  })
})

describe('GET and PATCH /api/connections/:id/settings', () => {
  it('the switches as the engine runs them; a change is written and shows once saved', async () => {
    await start()
    const before = (
      await app.inject({ method: 'GET', url: '/api/connections/default/settings' })
    ).json<SettingsView>()
    expect(before.values).toMatchObject({
      'contacts.createInSalesforceAs': 'lead',
      'contacts.createInHubSpot': true,
      'contacts.inclusionList': null,
      'companies.sync': false,
      'deals.sync': false,
      'activities.toSalesforce': [],
      'activities.fromSalesforce': [],
      'capture.pollSeconds': 15,
    })
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/connections/default/settings',
      payload: { changes: { 'companies.sync': true, 'activities.toSalesforce': ['call', 'note'] } },
    })
    expect(res.statusCode).toBe(200)
    // The section is new: it goes at the end of the connection's keys.
    expect(file.text).toBe(
      `${FILE}settings:\n  companies:\n    sync: true\n  activities:\n    toSalesforce: [ call, note ]\n`,
    )
    const after = (
      await app.inject({ method: 'GET', url: '/api/connections/default/settings' })
    ).json<SettingsView>()
    expect(after.values['companies.sync']).toBe(true)
  })

  it('a value the schema refuses (deals without companies, a type not built) is 400 naming the path', async () => {
    await start()
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/connections/default/settings',
      payload: { changes: { 'deals.sync': true, 'activities.toSalesforce': ['sales_document_view'] } },
    })
    expect(res.statusCode).toBe(400)
    const body = res.json<ConfigSaveResult>()
    const paths = body.ok ? [] : body.problems.map((p) => p.path)
    expect(paths).toEqual(expect.arrayContaining(['settings.deals.sync', 'settings.activities.toSalesforce']))
    expect(file.text).toBe(FILE)
  })

  it('a file that cannot be written: 200 with the YAML to commit; the running configuration stays', async () => {
    await start({ writable: false })
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/connections/default/settings',
      payload: { changes: { 'capture.pollSeconds': 60 } },
    })
    expect(res.statusCode).toBe(200)
    const body = res.json<ConfigSaveResult>()
    expect(body).toMatchObject({ ok: true, written: false, reason: 'crmsync.yaml is read-only' })
    expect(body.ok && !body.written ? body.yaml : '').toContain('  capture:\n    pollSeconds: 60\n')
    expect(current.settings.capture.pollSeconds).toBe(15)
    const view = (
      await app.inject({ method: 'GET', url: '/api/connections/default/settings' })
    ).json<SettingsView>()
    expect(view.writable).toBe(false)
  })
})

describe('through the console server (authenticated scope)', () => {
  it('an anonymous change is 401, one without the CSRF token 403, a logged-in one is saved', async () => {
    const saved: Connection[] = []
    const configFile = validatingConfigFile(FILE, (c) => saved.push(c))
    const started = await startTestServer({ configFile })
    try {
      const { app: server } = started.server
      const url = '/api/connections/default/mappings/contact'
      const payload = { hubspot: 'jobtitle', salesforce: 'Title', rule: 'none' }
      expect((await server.inject({ method: 'PUT', url, payload })).statusCode).toBe(401)
      const { cookie, csrf } = await loggedInBrowser(started.server)
      expect((await server.inject({ method: 'PUT', url, payload, headers: { cookie } })).statusCode).toBe(403)
      const ok = await server.inject({
        method: 'PUT',
        url,
        payload,
        headers: { cookie, 'x-csrf-token': csrf },
      })
      expect(ok.statusCode).toBe(200)
      expect(configFile.text).toContain('rule: none } # kept')
      expect(saved).toHaveLength(1)
    } finally {
      await started.close()
    }
  })
})
