// `crmsync doctor --fix` (B-INST-11 and the setup checks' fixes): creates what the sync needs and is missing,
// as the reference's field inspection does. Salesforce: the external-id field of each synced object (Tooling
// API). HubSpot: the link properties and the unique crmsync_salesforce_id (properties API). And for each
// synced Salesforce object, its custom fields that no mapping uses get a matching HubSpot property (a dropdown
// with the same options for a picklist) and a mapping written into the config file (comments and layout
// kept; printed instead when the file cannot be written). Without --fix the unmapped fields are listed as
// suggestions and nothing is changed.
import {
  type Connection,
  DEAL_LINK_PROPERTY,
  type SalesforceConnector,
  type SalesforceFieldDescription,
  syncedSalesforceObjects,
} from '@crmsync/core'
import { ACCOUNT_LINK_PROPERTY, LINK_PROPERTY, SALESFORCE_ID_PROPERTY } from '@crmsync/hubspot'
import { DEFAULT_EXTERNAL_ID_FIELD } from '@crmsync/salesforce'
import { Client } from '@hubspot/api-client'

import type { CheckResult } from '../format/check-lines.js'
import { activityFixes } from './doctor-activity-fix.js'
import { addMappingsToFile, type MappingToAdd } from './doctor-fix-config.js'
import { describeFailure, SALESFORCE_GROUP } from './doctor-hubspot-checks.js'
import {
  configuredCompanyMappings,
  configuredContactMappings,
  configuredDealMappings,
} from './doctor-mappings.js'

export interface FixInput {
  readonly connection: Connection
  readonly salesforce: Pick<
    SalesforceConnector,
    'describe' | 'createExternalIdField' | 'createActivityKeyField'
  >
  /** The config file the mappings are written to. */
  readonly configFile: string
  /** Create and write (true), or only list what is missing (false). */
  readonly apply: boolean
}

/** A dropdown option as the properties API takes it. */
interface PropertyOption {
  readonly label: string
  readonly value: string
  readonly displayOrder: number
  readonly hidden: boolean
}

type HubSpotObject = 'contacts' | 'companies' | 'deals'
type MappingKind = MappingToAdd['kind']

/** The synced Salesforce objects that have a HubSpot counterpart, with it. */
const COUNTERPART: Readonly<Record<string, { object: HubSpotObject; kind: MappingKind; group: string }>> = {
  Lead: { object: 'contacts', kind: 'contact', group: 'contactinformation' },
  Contact: { object: 'contacts', kind: 'contact', group: 'contactinformation' },
  Account: { object: 'companies', kind: 'company', group: 'companyinformation' },
  Opportunity: { object: 'deals', kind: 'deal', group: 'dealinformation' },
}

/** The link properties crmsync writes the Salesforce id to, per HubSpot object. */
const LINK_PROPERTIES: Readonly<Record<HubSpotObject, readonly string[]>> = {
  contacts: Object.values(LINK_PROPERTY),
  companies: [ACCOUNT_LINK_PROPERTY],
  deals: [DEAL_LINK_PROPERTY],
}

const ok = (scope: CheckResult['scope'], name: string, detail: string): CheckResult => ({
  scope,
  name,
  ok: true,
  detail,
})
const failed = (scope: CheckResult['scope'], name: string, detail: string, fix: string): CheckResult => ({
  scope,
  name,
  ok: false,
  detail,
  fix,
})

/** The fixes (with apply) or the suggestions (without). */
export async function doctorFixes(input: FixInput): Promise<CheckResult[]> {
  const objects = syncedSalesforceObjects(input.connection.settings).filter(
    (t) => COUNTERPART[t] !== undefined,
  )
  const client = new Client({
    accessToken: input.connection.hubspot.accessToken,
    basePath: input.connection.hubspot.basePath,
    numberOfApiCallRetries: 0,
  })
  const checks: CheckResult[] = []
  if (input.apply) {
    checks.push(...(await externalIdFixes(input, objects)))
    checks.push(...(await linkPropertyFixes(client, objects)))
    checks.push(...(await activityFixes(input.connection, input.salesforce, client)))
  }
  checks.push(...(await customFieldMappings(input, client, objects)))
  return checks
}

async function externalIdFixes(input: FixInput, objects: readonly string[]): Promise<CheckResult[]> {
  const checks: CheckResult[] = []
  for (const type of objects) {
    const name = `fix: ${type}.${DEFAULT_EXTERNAL_ID_FIELD}`
    try {
      if ((await input.salesforce.describe(type)).fields.has(DEFAULT_EXTERNAL_ID_FIELD)) continue
      await input.salesforce.createExternalIdField(type, DEFAULT_EXTERNAL_ID_FIELD)
      checks.push(ok('salesforce', name, 'created: Text(255), External ID, Unique'))
    } catch (err) {
      checks.push(
        failed(
          'salesforce',
          name,
          describeFailure(err),
          'Create it in Setup (the integration user needs Customize Application).',
        ),
      )
    }
  }
  return checks
}

async function propertyNames(
  client: Client,
  object: HubSpotObject,
): Promise<Map<string, { options: string[] }>> {
  const all = await client.crm.properties.coreApi.getAll(object)
  return new Map(all.results.map((p) => [p.name, { options: p.options.map((o) => o.value) }]))
}

async function linkPropertyFixes(client: Client, objects: readonly string[]): Promise<CheckResult[]> {
  const hubspotObjects = [...new Set(objects.map((t) => COUNTERPART[t]!.object))]
  const checks: CheckResult[] = []
  for (const object of hubspotObjects) {
    let existing: Map<string, unknown>
    try {
      existing = await propertyNames(client, object)
    } catch (err) {
      checks.push(
        failed('hubspot', `fix: ${object} properties`, describeFailure(err), 'Check the token scopes.'),
      )
      continue
    }
    const wanted = [
      ...LINK_PROPERTIES[object].map((name) => ({ name, unique: false, group: SALESFORCE_GROUP })),
      { name: SALESFORCE_ID_PROPERTY, unique: true, group: COUNTERPART_GROUP[object] },
    ]
    for (const property of wanted.filter((p) => !existing.has(p.name))) {
      const name = `fix: ${object} property ${property.name}`
      try {
        await client.crm.properties.coreApi.create(object, {
          name: property.name,
          label: property.unique ? 'crmsync Salesforce id' : property.name,
          groupName: property.group,
          type: 'string' as never,
          fieldType: 'text' as never,
          ...(property.unique ? { hasUniqueValue: true } : {}),
        })
        checks.push(
          ok('hubspot', name, `created${property.unique ? ' with unique values' : ''} in ${property.group}`),
        )
      } catch (err) {
        checks.push(
          failed('hubspot', name, describeFailure(err), 'Create it in HubSpot (Settings, Properties).'),
        )
      }
    }
  }
  return checks
}

const COUNTERPART_GROUP: Readonly<Record<HubSpotObject, string>> = {
  contacts: 'contactinformation',
  companies: 'companyinformation',
  deals: 'dealinformation',
}

/** crmsync's own fields, never offered as mappings. */
const OWN_FIELDS = new Set(
  ['HubSpot_Id__c', 'HubSpot_Company_Id__c', 'HubSpot_Deal_Id__c', DEFAULT_EXTERNAL_ID_FIELD].map((f) =>
    f.toLowerCase(),
  ),
)

/** The HubSpot property a Salesforce field gets: type, field type and options; undefined for no counterpart. */
function propertyFor(
  field: SalesforceFieldDescription,
): { type: string; fieldType: string; options?: PropertyOption[] } | undefined {
  const options = (values: readonly string[]) =>
    values.map((value, i) => ({ label: value, value, displayOrder: i, hidden: false }))
  switch (field.type) {
    case 'picklist':
      return { type: 'enumeration', fieldType: 'select', options: options(field.picklistValues) }
    case 'multipicklist':
      return { type: 'enumeration', fieldType: 'checkbox', options: options(field.picklistValues) }
    case 'boolean':
      return { type: 'enumeration', fieldType: 'booleancheckbox', options: options(['true', 'false']) }
    case 'double':
    case 'currency':
    case 'percent':
    case 'int':
      return { type: 'number', fieldType: 'number' }
    case 'date':
      return { type: 'date', fieldType: 'date' }
    case 'datetime':
      return { type: 'datetime', fieldType: 'date' }
    case 'textarea':
      return { type: 'string', fieldType: 'textarea' }
    case 'string':
    case 'email':
    case 'phone':
    case 'url':
      return { type: 'string', fieldType: 'text' }
    default:
      // Lookups and the rest have no value HubSpot could hold as is.
      return undefined
  }
}

/** `Tier__c` -> `tier`, `Renewal_Date__c` -> `renewal_date`. */
export function propertyNameFor(field: string): string {
  return field
    .replace(/__c$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
}

/** The Salesforce fields the configured mappings (defaults included) use, per object. */
function mappedFields(connection: Connection): Record<string, Set<string>> {
  const fields: Record<string, Set<string>> = {
    Lead: new Set(),
    Contact: new Set(),
    Account: new Set(),
    Opportunity: new Set(),
  }
  const add = (type: string, name: string | undefined) => {
    if (name !== undefined) fields[type]?.add(name.toLowerCase())
  }
  for (const m of configuredContactMappings(connection)) {
    add('Lead', m.salesforce.Lead)
    add('Contact', m.salesforce.Contact)
  }
  for (const m of configuredCompanyMappings(connection)) add('Account', m.salesforce.Account)
  for (const m of configuredDealMappings(connection)) add('Opportunity', m.salesforce.Opportunity)
  return fields
}

interface Candidate {
  readonly type: string
  readonly field: SalesforceFieldDescription
}

/** B-INST-11: unmapped custom fields of the synced objects, then their properties and mappings (apply). */
async function customFieldMappings(
  input: FixInput,
  client: Client,
  objects: readonly string[],
): Promise<CheckResult[]> {
  const mapped = mappedFields(input.connection)
  const candidates: Candidate[] = []
  for (const type of objects) {
    let fields: Iterable<SalesforceFieldDescription>
    try {
      fields = (await input.salesforce.describe(type)).fields.values()
    } catch {
      continue // the describe's own check reports it
    }
    for (const field of fields) {
      if (!field.name.endsWith('__c') || OWN_FIELDS.has(field.name.toLowerCase())) continue
      if (field.externalId || !field.updateable || mapped[type]?.has(field.name.toLowerCase())) continue
      if (propertyFor(field) === undefined) continue
      candidates.push({ type, field })
    }
  }
  if (candidates.length === 0) return []
  if (!input.apply)
    return [
      {
        scope: 'salesforce',
        name: 'unmapped custom fields',
        ok: true,
        warning: true,
        detail: candidates
          .map(
            (c) =>
              `${c.type}.${c.field.name} -> ${COUNTERPART[c.type]!.object} ${propertyNameFor(c.field.name)}`,
          )
          .join(', '),
        fix: 'Run crmsync doctor --fix to create the HubSpot properties and add the mappings to the config file (B-INST-11).',
      },
    ]
  return applyMappings(input, client, candidates)
}

async function applyMappings(
  input: FixInput,
  client: Client,
  candidates: readonly Candidate[],
): Promise<CheckResult[]> {
  const checks: CheckResult[] = []
  const toAdd: MappingToAdd[] = []
  const existing = new Map<HubSpotObject, Map<string, unknown>>()
  for (const { type, field } of candidates) {
    const counterpart = COUNTERPART[type]!
    const property = propertyNameFor(field.name)
    const name = `fix: ${type}.${field.name}`
    try {
      if (!existing.has(counterpart.object))
        existing.set(counterpart.object, await propertyNames(client, counterpart.object))
      const known = existing.get(counterpart.object)!
      const shape = propertyFor(field)!
      if (!known.has(property)) {
        await client.crm.properties.coreApi.create(counterpart.object, {
          name: property,
          label: field.name.replace(/__c$/, '').replace(/_/g, ' '),
          groupName: counterpart.group,
          type: shape.type as never,
          fieldType: shape.fieldType as never,
          ...(shape.options === undefined ? {} : { options: shape.options }),
        })
        known.set(property, {})
        checks.push(
          ok('hubspot', name, `created ${counterpart.object} property ${property} (${shape.fieldType})`),
        )
      }
      // Lead and Contact share contact mappings: one entry naming each type that has the field.
      const same = toAdd.find((m) => m.kind === counterpart.kind && m.hubspot === property)
      if (same !== undefined) same.salesforce[type] = field.name
      else toAdd.push({ kind: counterpart.kind, hubspot: property, salesforce: { [type]: field.name } })
    } catch (err) {
      checks.push(
        failed(
          'hubspot',
          name,
          describeFailure(err),
          `Create a ${counterpart.object} property for it by hand.`,
        ),
      )
    }
  }
  if (toAdd.length > 0) {
    const written = await addMappingsToFile(input.configFile, input.connection.id, toAdd)
    checks.push(
      written.ok
        ? ok(
            'store',
            'fix: mappings',
            `added to ${input.configFile}: ${toAdd.map((m) => m.hubspot).join(', ')}`,
          )
        : failed(
            'store',
            'fix: mappings',
            `${input.configFile} could not be written: ${written.reason}`,
            `Add these mappings by hand:\n${written.yaml}`,
          ),
    )
  }
  return checks
}
