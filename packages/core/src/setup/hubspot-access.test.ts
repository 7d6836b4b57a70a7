import { describe, expect, it } from 'vitest'

import type { HubSpotAccess } from '../ports/hubspot-connector.js'
import { evaluateHubSpotAccess, type HubSpotScopeSettings, requiredHubSpotScopes } from './hubspot-access.js'

const CONTACTS_ONLY: HubSpotScopeSettings = {
  contacts: { inclusionList: null },
  companies: { sync: false, inclusionList: null },
  deals: { sync: false },
}

const names = (settings: HubSpotScopeSettings) => requiredHubSpotScopes(settings).map((n) => n.anyOf[0])

const CONTACT_SCOPES = [
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.schemas.contacts.read',
  'crm.objects.owners.read',
  'communication_preferences.read_write',
]

describe('requiredHubSpotScopes', () => {
  it('asks the contact scopes always, and more for lists, companies, deals and activity types', () => {
    expect(names(CONTACTS_ONLY)).toEqual(CONTACT_SCOPES)
    expect(
      names({
        contacts: { inclusionList: '12' },
        companies: { sync: true, inclusionList: '13' },
        deals: { sync: true },
        activities: {
          toSalesforce: [
            'form_submission',
            'marketing_email_open',
            'marketing_email_click',
            'sales_email_open',
            'call',
          ],
        },
      }),
    ).toEqual([
      ...CONTACT_SCOPES,
      'crm.lists.read',
      'crm.objects.companies.read',
      'crm.objects.companies.write',
      'crm.schemas.companies.read',
      'crm.objects.deals.read',
      'crm.objects.deals.write',
      'crm.schemas.deals.read',
      'forms',
      'content',
      'sales-email-read',
    ])
  })
})

function access(overrides: Partial<HubSpotAccess> = {}): HubSpotAccess {
  return {
    portalId: '62515',
    scopes: CONTACT_SCOPES,
    user: { id: '9000000', email: 'admin@acme-demo.com', superAdmin: true },
    ...overrides,
  }
}

describe('evaluateHubSpotAccess', () => {
  const needs = requiredHubSpotScopes({ ...CONTACTS_ONLY, companies: { sync: true } })

  it('passes a Super Admin token with every scope, in the configured portal', () => {
    const findings = evaluateHubSpotAccess(
      access({
        scopes: [
          ...CONTACT_SCOPES,
          'crm.objects.companies.read',
          'crm.objects.companies.write',
          'crm.schemas.companies.read',
        ],
      }),
      { scopes: needs, portalId: '62515' },
    )
    expect(findings.map((f) => [f.name, f.ok, f.fatal])).toEqual([
      ['token scopes', true, false],
      ['connecting user admin rights', true, false],
      ['portal id', true, false],
    ])
  })

  it('names every missing scope and what needs it; fatal with HS_MISSING_SCOPES', () => {
    const [scopes] = evaluateHubSpotAccess(access(), { scopes: needs })
    expect(scopes).toMatchObject({ ok: false, fatal: true, code: 'HS_MISSING_SCOPES' })
    expect(scopes?.detail).toBe(
      'missing crm.objects.companies.read (companies), crm.objects.companies.write (companies), ' +
        'crm.schemas.companies.read (company properties)',
    )
  })

  it('accepts any scope of a need: communication_preferences.write for the opt-out', () => {
    const granted = CONTACT_SCOPES.filter((s) => !s.startsWith('communication')).concat(
      'communication_preferences.write',
    )
    const [scopes] = evaluateHubSpotAccess(access({ scopes: granted }), {
      scopes: requiredHubSpotScopes(CONTACTS_ONLY),
    })
    expect(scopes?.ok).toBe(true)
  })

  it('B-INST-2: refuses a user without account-level admin rights with a permissions message', () => {
    const findings = evaluateHubSpotAccess(
      access({ user: { id: '9000001', email: 'rep@acme-demo.com', superAdmin: false } }),
      { scopes: requiredHubSpotScopes(CONTACTS_ONLY) },
    )
    expect(findings[1]).toMatchObject({
      name: 'connecting user admin rights',
      ok: false,
      fatal: true,
      code: 'HS_USER_NOT_ADMIN',
      detail:
        'rep@acme-demo.com has no account-level admin access (not a Super Admin): permission denied to connect',
    })
  })

  it('warns, without failing, when the scopes or the user rights are unknown', () => {
    const findings = evaluateHubSpotAccess(
      access({ scopes: undefined, user: { id: '7', superAdmin: undefined } }),
      {
        scopes: needs,
      },
    )
    expect(findings.map((f) => [f.ok, f.fatal, f.warning])).toEqual([
      [true, false, true],
      [true, false, true],
    ])
    expect(evaluateHubSpotAccess(access({ user: undefined }), { scopes: [] })[1]).toMatchObject({
      ok: true,
      warning: true,
    })
  })

  it('refuses another portal than hubspot.portalId', () => {
    const portal = evaluateHubSpotAccess(access({ portalId: '99' }), { scopes: [], portalId: '62515' })[2]
    expect(portal).toMatchObject({ ok: false, fatal: true, code: 'ENGINE_IDENTITY_CHANGED' })
  })
})
