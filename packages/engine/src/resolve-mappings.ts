import type {
  CompanyMapping,
  Connection,
  ContactMapping,
  HubSpotFieldType,
  SalesforceConnector,
  SalesforceFieldType,
  UserContactMapping,
} from '@crmsync/core'
import {
  DEFAULT_COMPANY_MAPPINGS,
  DEFAULT_CONTACT_MAPPINGS,
  resolveContactMappings,
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

/**
 * The connection's contact mappings: the defaults (B-MAP-9) with the configured rule overrides and extra
 * mappings. An extra mapping's types come from the Salesforce describe (one call per object, cached by the
 * connector); a mapping that cannot be resolved is logged and left out rather than stopping the sync.
 */
export async function resolveMappings(
  connection: Connection,
  salesforce: SalesforceConnector,
  logger: EngineLogger,
): Promise<readonly ContactMapping[]> {
  const user: UserContactMapping[] = []
  for (const entry of connection.mappings.contact) {
    const isDefault = DEFAULT_CONTACT_MAPPINGS.some((m) => m.hubspot === entry.hubspot)
    const salesforceFields = { Lead: entry.salesforce.Lead, Contact: entry.salesforce.Contact }
    const fields = Object.fromEntries(Object.entries(salesforceFields).filter(([, f]) => f !== undefined))
    let salesforceType: SalesforceFieldType = 'string'
    let maxLength: number | undefined
    if (!isDefault) {
      const [type, field] = Object.entries(fields)[0] ?? []
      const described =
        type === undefined || field === undefined ? undefined : await salesforce.describe(type)
      const info = field === undefined ? undefined : described?.fields.get(field)
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
  const resolved = resolveContactMappings(DEFAULT_CONTACT_MAPPINGS, user)
  for (const problem of resolved.problems) logger.warn({ ...problem }, 'mapping left out')
  return keepDescribedFields(resolved.mappings, salesforce, logger)
}

/**
 * Drops the fields the org does not have from each mapping (one describe per object, cached by the
 * connector), so one missing field does not fail every capture query; the rest of the mapping stays. A
 * usually required field the org lets be blank (Lead.Company with person accounts, B-PA-5) gets blank, not
 * the placeholder.
 */
async function keepDescribedFields(
  mappings: readonly ContactMapping[],
  salesforce: SalesforceConnector,
  logger: EngineLogger,
): Promise<ContactMapping[]> {
  const described = {
    Lead: (await salesforce.describe('Lead')).fields,
    Contact: (await salesforce.describe('Contact')).fields,
  }
  return mappings.flatMap((m) => {
    const kept = Object.fromEntries(
      Object.entries(m.salesforce).filter(([type, field]) => {
        const exists = field !== undefined && described[type as 'Lead' | 'Contact'].has(field)
        if (!exists)
          logger.warn(
            { mapping: m.hubspot, type, field },
            'field missing in the org: not synced on this object',
          )
        return exists
      }),
    )
    if (Object.keys(kept).length === 0) return []
    const isNillable = (type: 'Lead' | 'Contact', field: string) =>
      described[type].get(field)?.nillable === true
    return [withOrgRequiredFields({ ...m, salesforce: kept }, isNillable)]
  })
}

/**
 * The connection's company mappings: the defaults (name, domain/website, phone, billing address, industry,
 * employees, annual revenue, description, owner), each kept only where the org's Account has the field (one
 * describe, cached by the connector), so a missing field costs that mapping, not every capture query.
 */
export async function resolveCompanyMappings(
  salesforce: SalesforceConnector,
  logger: EngineLogger,
): Promise<readonly CompanyMapping[]> {
  const described = (await salesforce.describe('Account')).fields
  return DEFAULT_COMPANY_MAPPINGS.filter((m) => {
    const field = m.salesforce.Account
    const exists = field !== undefined && described.has(field)
    if (!exists)
      logger.warn(
        { mapping: m.hubspot, type: 'Account', field },
        'field missing in the org: not synced on Account',
      )
    return exists
  })
}
