// The org's edition and kind (production or sandbox), and the Organization object that shows them to SOQL.
// Group Edition has no API: every REST and SOAP call answers API_DISABLED_FOR_ORG (403), as a real Group
// Edition org does, so a client cannot even read its edition (B-INST-1). The other editions have the API
// (Professional with the API add-on, which the sandbox assumes).
import { toSecond } from '../clock.js'
import type { Org } from '../store/org.js'
import { field, system } from './fields.js'
import type { ObjectDef } from './objects.js'

export const EDITIONS = ['Group', 'Professional', 'Enterprise', 'Unlimited', 'Developer'] as const
export type Edition = (typeof EDITIONS)[number]

/**
 * Organization.OrganizationType per edition. Salesforce's picklist has no "Group Edition": a Group
 * Edition org reports "Team Edition" (its former name).
 */
const ORGANIZATION_TYPES: Readonly<Record<Edition, string>> = {
  Group: 'Team Edition',
  Professional: 'Professional Edition',
  Enterprise: 'Enterprise Edition',
  Unlimited: 'Unlimited Edition',
  Developer: 'Developer Edition',
}

export const ORG_NAME = 'Acme Demo'

/** The org settings the admin API and the start options change. */
export interface OrgSettings {
  edition: Edition
  isSandbox: boolean
}

export function isEdition(value: unknown): value is Edition {
  return typeof value === 'string' && (EDITIONS as readonly string[]).includes(value)
}

/** Whether the edition exposes the API at all (Group Edition does not). */
export function editionHasApi(edition: Edition): boolean {
  return edition !== 'Group'
}

/** Organization: one read-only row, the org itself (Id = the org id, 00D…). */
export function organizationObject(): ObjectDef {
  return {
    name: 'Organization',
    label: 'Organization',
    labelPlural: 'Organizations',
    keyPrefix: '00D',
    createable: false,
    updateable: false,
    deletable: false,
    mergeable: false,
    archivable: false,
    fields: [
      system('Id', 'id', { nillable: false, label: 'Organization ID' }),
      system('Name', 'string', { length: 80, nameField: true }),
      system('OrganizationType', 'picklist', {
        length: 40,
        label: 'Edition',
        picklistValues: Object.values(ORGANIZATION_TYPES).map((value) => ({
          value,
          label: value,
          active: true,
          defaultValue: false,
        })),
      }),
      system('IsSandbox', 'boolean', { label: 'Is Sandbox' }),
      system('InstanceName', 'string', { length: 5, label: 'Instance Name' }),
      system('NamespacePrefix', 'string', { length: 15, label: 'Namespace Prefix' }),
      system('TrialExpirationDate', 'datetime', { label: 'Trial Expiration Date' }),
      field('SystemModstamp', 'datetime', { createable: false, updateable: false, nillable: false }),
    ],
  }
}

/** Writes the Organization row from the org's settings (at reset and after each change). */
export function writeOrganizationRow(org: Org): void {
  const table = org.table('Organization')!
  const existing = table.get(org.orgId)
  table.put({
    ...existing,
    Id: org.orgId,
    Name: ORG_NAME,
    OrganizationType: ORGANIZATION_TYPES[org.edition],
    IsSandbox: org.isSandbox,
    // Sandboxes run on CS instances, production orgs on NA/EU ones.
    InstanceName: org.isSandbox ? 'CS42' : 'NA139',
    NamespacePrefix: null,
    TrialExpirationDate: null,
    SystemModstamp: toSecond(org.clock.now()),
  })
}

/** Changes the edition and/or sandbox flag; unknown values throw and change nothing. */
export function setOrgSettings(org: Org, changes: Readonly<Record<string, unknown>>): OrgSettings {
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'edition') {
      if (!isEdition(value)) throw new Error(`edition must be one of ${EDITIONS.join(', ')}`)
    } else if (key === 'isSandbox') {
      if (typeof value !== 'boolean') throw new Error('isSandbox must be true or false')
    } else throw new Error(`unknown org setting ${key}; known: edition, isSandbox`)
  }
  if (changes['edition'] !== undefined) org.edition = changes['edition'] as Edition
  if (changes['isSandbox'] !== undefined) org.isSandbox = changes['isSandbox'] as boolean
  writeOrganizationRow(org)
  return orgSettings(org)
}

export function orgSettings(org: Org): OrgSettings {
  return { edition: org.edition, isSandbox: org.isSandbox }
}
