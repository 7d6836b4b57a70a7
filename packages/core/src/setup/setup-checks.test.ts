import { describe, expect, it } from 'vitest'

import type { SalesforceObjectPermissions } from '../ports/salesforce-connector.js'
import {
  apiDisabledFinding,
  evaluateSetup,
  objectPermissionSnapshot,
  permissionLosses,
  type SetupFacts,
  syncedSalesforceObjects,
} from './setup-checks.js'

const FULL: SalesforceObjectPermissions = {
  read: true,
  create: true,
  edit: true,
  delete: true,
  viewAll: true,
  modifyAll: true,
}
const NONE: SalesforceObjectPermissions = {
  read: false,
  create: false,
  edit: false,
  delete: false,
  viewAll: false,
  modifyAll: false,
}

const facts = (over: Partial<SetupFacts> = {}): SetupFacts => ({
  organization: {
    id: '00D000000000001AAA',
    name: 'Acme',
    organizationType: 'Enterprise Edition',
    isSandbox: false,
    instanceName: 'NA1',
  },
  userPermissions: { apiEnabled: true, viewSetup: true, modifyAllData: true, modifyMetadata: true },
  objectPermissions: new Map([
    ['Lead', FULL],
    ['Contact', FULL],
  ]),
  ...over,
})

const failing = (findings: ReturnType<typeof evaluateSetup>) => findings.filter((f) => !f.ok)

describe('setup checks', () => {
  it('lists Lead and Contact always, and the objects each switch adds', () => {
    const off = { companies: { sync: false }, deals: { sync: false } }
    expect(syncedSalesforceObjects(off)).toEqual(['Lead', 'Contact'])
    expect(
      syncedSalesforceObjects({
        companies: { sync: true },
        deals: { sync: true },
        activities: { toSalesforce: ['call'] },
      }),
    ).toEqual(['Lead', 'Contact', 'Account', 'Opportunity', 'OpportunityContactRole', 'Task'])
    expect(syncedSalesforceObjects({ ...off, activities: { toSalesforce: [] } })).toEqual(['Lead', 'Contact'])
  })

  it('B-INST-1: an Enterprise production org with a full user passes every check', () => {
    const findings = evaluateSetup(facts(), { objects: ['Lead', 'Contact'], sandbox: false })
    expect(failing(findings)).toEqual([])
    expect(findings.map((f) => f.name)).toEqual([
      'org edition and API access',
      'sandbox or production',
      'integration user: API Enabled',
      'integration user: View Setup and Configuration',
      'Lead: object permissions',
      'Contact: object permissions',
    ])
  })

  it('B-INST-1: an edition without the API is fatal; API_DISABLED_FOR_ORG says edition or API disabled', () => {
    const team = facts({ organization: { ...facts().organization, organizationType: 'Team Edition' } })
    const [edition] = failing(evaluateSetup(team, { objects: [], sandbox: false }))
    expect(edition).toMatchObject({ fatal: true, code: 'SF_EDITION_UNSUPPORTED' })
    expect(edition?.detail).toContain('unsupported edition')
    expect(apiDisabledFinding('API is not enabled')).toMatchObject({
      ok: false,
      fatal: true,
      code: 'SF_EDITION_UNSUPPORTED',
    })
    expect(apiDisabledFinding('x').detail).toMatch(/unsupported edition or API disabled/)
  })

  it('B-INST-9: a sandbox org against salesforce.sandbox false is fatal, and the other way round', () => {
    const sandboxOrg = facts({ organization: { ...facts().organization, isSandbox: true } })
    expect(failing(evaluateSetup(sandboxOrg, { objects: [], sandbox: false }))).toMatchObject([
      { name: 'sandbox or production', fatal: true, code: 'SF_ORG_KIND_MISMATCH' },
    ])
    expect(failing(evaluateSetup(sandboxOrg, { objects: [], sandbox: true }))).toEqual([])
    expect(failing(evaluateSetup(facts(), { objects: [], sandbox: true }))[0]?.detail).toContain(
      'the org is production',
    )
  })

  it('B-INST-4: no Read is fatal; Read without Modify All fails but does not stop the run', () => {
    const perms = new Map([
      ['Lead', NONE],
      ['Contact', { ...FULL, edit: false, delete: false, modifyAll: false }],
    ])
    const found = failing(
      evaluateSetup(facts({ objectPermissions: perms }), {
        objects: ['Lead', 'Contact', 'Task'],
        sandbox: false,
      }),
    )
    expect(found).toMatchObject([
      { name: 'Lead: object permissions', fatal: true, code: 'SF_OBJECT_PERMISSION_MISSING' },
      { name: 'Contact: object permissions', fatal: false },
      // Task has no row at all: no Read.
      { name: 'Task: object permissions', fatal: true },
    ])
    expect(found[1]?.detail).toBe(
      'missing Edit, Delete, Modify All: writes the user may not make fail record by record',
    )
  })

  it('B-INST-4: View Setup missing and unreadable object permissions are failures, not fatal', () => {
    const found = failing(
      evaluateSetup(
        facts({
          userPermissions: {
            apiEnabled: true,
            viewSetup: false,
            modifyAllData: false,
            modifyMetadata: false,
          },
          objectPermissions: undefined,
          objectPermissionsError: 'INSUFFICIENT_ACCESS',
        }),
        { objects: ['Lead'], sandbox: false },
      ),
    )
    expect(found.map((f) => [f.name, f.fatal])).toEqual([
      ['integration user: View Setup and Configuration', false],
      ['integration user: object permissions', false],
    ])
  })

  it('B-INST-8: the loss per object between two users; objects not checked now are left out', () => {
    const before = objectPermissionSnapshot(
      new Map([
        ['Lead', FULL],
        ['Opportunity', FULL],
        ['Account', FULL],
      ]),
    )
    const after = objectPermissionSnapshot(
      new Map([
        ['Lead', FULL],
        ['Opportunity', { ...FULL, edit: false, delete: false, modifyAll: false }],
      ]),
    )
    expect(before['Lead']).toEqual(['Read', 'Create', 'Edit', 'Delete', 'View All', 'Modify All'])
    expect(permissionLosses(before, after)).toEqual([
      { object: 'Opportunity', lost: ['Edit', 'Delete', 'Modify All'] },
    ])
    expect(permissionLosses(after, before)).toEqual([])
  })
})
