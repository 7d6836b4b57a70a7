import type {
  CompanyMapping,
  Connection,
  ContactMapping,
  DealMapping,
  FieldMapping,
  HubSpotFieldType,
  MappedObject,
  SalesforceConnector,
  SalesforceFieldDescription,
  SalesforceFieldType,
  UserMapping,
} from '@crmsync/core'
import {
  COMPANY_MAPPED_OBJECT,
  CONTACT_MAPPED_OBJECT,
  DEAL_MAPPED_OBJECT,
  DEFAULT_COMPANY_MAPPINGS,
  DEFAULT_CONTACT_MAPPINGS,
  DEFAULT_DEAL_MAPPINGS,
  resolveFieldMappings,
  SALESFORCE_FIELD_TYPES,
  withOrgRequiredFields,
} from '@crmsync/core'

import type { EngineLogger } from './engine-types.js'

/** The HubSpot type a Salesforce field pairs with by default (B-MAP-5), for mappings given by name only. */
const HUBSPOT_TYPE_FOR: Readonly<Record<SalesforceFieldType, HubSpotFieldType>> = {
  string: 'text',
  textarea: 'textarea',
  email: 'text',
  phone: 'phonenumber',
  url: 'text',
  picklist: 'select',
  multipicklist: 'checkbox',
  reference: 'select',
  boolean: 'booleancheckbox',
  double: 'number',
  int: 'number',
  currency: 'number',
  percent: 'number',
  date: 'date',
  datetime: 'datetime',
}

function isFieldType(type: string): type is SalesforceFieldType {
  return (SALESFORCE_FIELD_TYPES as readonly string[]).includes(type)
}

/** One object's configured entries (`mappings.contact` or `mappings.company`). */
type ConfiguredMappings = Connection['mappings']['contact']

/**
 * The connection's contact mappings: the defaults (B-MAP-9) with the configured rule overrides and extra
 * mappings (see resolveObjectMappings).
 */
export function resolveMappings(
  connection: Connection,
  salesforce: SalesforceConnector,
  logger: EngineLogger,
): Promise<readonly ContactMapping[]> {
  const { contact } = connection.mappings
  return resolveObjectMappings(CONTACT_MAPPED_OBJECT, DEFAULT_CONTACT_MAPPINGS, contact, salesforce, logger)
}

/**
 * The connection's company mappings: the defaults (name, domain/website, phone, billing address, industry,
 * employees, annual revenue, description, owner) with the configured rule overrides and extra mappings to
 * Account fields (see resolveObjectMappings).
 */
export function resolveCompanyMappings(
  connection: Connection,
  salesforce: SalesforceConnector,
  logger: EngineLogger,
): Promise<readonly CompanyMapping[]> {
  const { company } = connection.mappings
  return resolveObjectMappings(COMPANY_MAPPED_OBJECT, DEFAULT_COMPANY_MAPPINGS, company, salesforce, logger)
}

/**
 * The connection's deal mappings: the seven defaults (B-DEAL-10) with the configured rule overrides and
 * extra mappings to Opportunity fields (B-DEAL-11; see resolveObjectMappings).
 */
export function resolveDealMappings(
  connection: Connection,
  salesforce: SalesforceConnector,
  logger: EngineLogger,
): Promise<readonly DealMapping[]> {
  const { deal } = connection.mappings
  return resolveObjectMappings(DEAL_MAPPED_OBJECT, DEFAULT_DEAL_MAPPINGS, deal, salesforce, logger)
}

/**
 * One object's mappings: its defaults with the configured entries (resolveFieldMappings). An extra
 * mapping's types come from the Salesforce describe of its object (one call per object, cached by the
 * connector); a mapping that cannot be resolved is logged and left out rather than stopping the sync, and
 * so is each field the org does not have.
 */
async function resolveObjectMappings<T extends string>(
  object: MappedObject<T>,
  defaults: readonly FieldMapping<T>[],
  configured: ConfiguredMappings,
  salesforce: SalesforceConnector,
  logger: EngineLogger,
): Promise<FieldMapping<T>[]> {
  const user: UserMapping<T>[] = []
  for (const entry of configured) {
    const isDefault = defaults.some((m) => m.hubspot === entry.hubspot)
    const named = entry.salesforce as Readonly<Record<string, string | undefined>>
    const pairs = object.types.flatMap((type) => {
      const field = named[type]
      return field === undefined ? [] : [[type, field] as const]
    })
    const fields = Object.fromEntries(pairs) as Partial<Record<T, string>>
    let salesforceType: SalesforceFieldType = 'string'
    let maxLength: number | undefined
    if (!isDefault) {
      const info = await describeFirst(pairs, salesforce)
      if (info === undefined || !isFieldType(info.type)) {
        logger.warn(
          { mapping: entry.hubspot },
          'mapping left out: its Salesforce field is missing or of an unsupported type',
        )
        continue
      }
      salesforceType = info.type
      maxLength = info.length > 0 ? info.length : undefined
    }
    user.push({
      hubspot: entry.hubspot,
      hubspotType: HUBSPOT_TYPE_FOR[salesforceType],
      salesforce: fields,
      salesforceType,
      rule: entry.rule,
      truncate: entry.truncate,
      ...(maxLength === undefined ? {} : { maxLength }),
      ...(entry.values === undefined ? {} : { values: entry.values }),
    })
  }
  const resolved = resolveFieldMappings(object, defaults, user)
  for (const problem of resolved.problems) logger.warn({ ...problem }, 'mapping left out')
  return keepDescribedFields(object, resolved.mappings, salesforce, logger)
}

/** The describe of an extra mapping's first named field (its type and length stand for the others). */
async function describeFirst(
  pairs: ReadonlyArray<readonly [string, string]>,
  salesforce: SalesforceConnector,
): Promise<SalesforceFieldDescription | undefined> {
  const [first] = pairs
  if (first === undefined) return undefined
  const [type, field] = first
  return (await salesforce.describe(type)).fields.get(field)
}

/**
 * Drops the fields the org does not have from each mapping (one describe per object, cached by the
 * connector), so one missing field does not fail every capture query; the rest of the mapping stays. A
 * default mapping's field is a standard field every org has, so its absence means field-level security
 * hides it from the integration user: it is kept as `notVisible` (never read or written) and a HubSpot
 * value bound for it becomes a per-record SF_FIELD_NOT_VISIBLE error (B-ERR-5) instead of a silent skip. A
 * usually required field the org lets be blank (Lead.Company with person accounts, B-PA-5) gets blank, not
 * the placeholder.
 */
async function keepDescribedFields<T extends string>(
  object: MappedObject<T>,
  mappings: readonly FieldMapping<T>[],
  salesforce: SalesforceConnector,
  logger: EngineLogger,
): Promise<FieldMapping<T>[]> {
  const described = new Map<string, ReadonlyMap<string, SalesforceFieldDescription>>()
  for (const type of object.types) described.set(type, (await salesforce.describe(type)).fields)
  return mappings.flatMap((m) => {
    const kept: Partial<Record<T, string>> = {}
    const hidden: Partial<Record<string, string>> = {}
    for (const [type, field] of Object.entries(m.salesforce) as [T, string | undefined][]) {
      if (field === undefined) continue
      if (described.get(type)?.has(field) === true) kept[type] = field
      else if (m.isDefault === true) {
        hidden[type] = field
        logger.warn(
          { mapping: m.hubspot, type, field },
          'field not visible to the integration user (field-level security): HubSpot changes to it are errors',
        )
      } else
        logger.warn(
          { mapping: m.hubspot, type, field },
          'field missing in the org: not synced on this object',
        )
    }
    if (Object.keys(kept).length === 0 && Object.keys(hidden).length === 0) return []
    const isNillable = (type: T, field: string) => described.get(type)?.get(field)?.nillable === true
    const withHidden = Object.keys(hidden).length === 0 ? {} : { notVisible: hidden }
    return [withOrgRequiredFields({ ...m, salesforce: kept, ...withHidden }, isNillable)]
  })
}
