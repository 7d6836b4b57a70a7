import type { FieldMapping, HubSpotConnector, Link, RawValue, SalesforceConnector } from '@crmsync/core'

import type { SyncedKind } from '../api-types.js'

/** Both connectors, when the CRMs may be read now. */
export interface CrmReaders {
  readonly salesforce: SalesforceConnector
  readonly hubspot: HubSpotConnector
}

/** A mapping with the Salesforce field it reads on this record's type. */
export interface MappedField {
  readonly mapping: FieldMapping<string>
  readonly field: string
}

/** What was read of one record: the fields shown, and each side's values (undefined: not read or not there). */
export interface RecordValues {
  readonly fields: readonly MappedField[]
  readonly hubspot: Readonly<Record<string, RawValue>> | undefined
  readonly salesforce: Readonly<Record<string, RawValue>> | undefined
  /** A side that was read but holds the record no more (deleted or merged away). */
  readonly gone: { readonly hubspot: boolean; readonly salesforce: boolean }
  /** The Salesforce fields retrieved: the mapped ones and the extra ones the org has. */
  readonly salesforceFields: readonly string[]
}

/** The mappings with a field on `type`. */
export function fieldsOn(mappings: readonly FieldMapping<string>[], type: string): MappedField[] {
  return mappings.flatMap((m) => {
    const field = (m.salesforce as Readonly<Record<string, string | undefined>>)[type]
    return field === undefined ? [] : [{ mapping: m, field }]
  })
}

/**
 * Both sides' values now, one read per side (the explain read): only the mappings whose field the org has
 * (asking for a missing field fails the whole retrieve).
 */
export async function liveValues(
  crm: CrmReaders,
  kind: SyncedKind,
  type: string,
  mappings: readonly FieldMapping<string>[],
  ids: { readonly hubspot: string | null; readonly salesforce: string | null },
  /** Salesforce fields read too when the org has them (explain's AccountId of a contact). (Default: none) */
  salesforceExtra: readonly string[] = [],
): Promise<RecordValues> {
  const described = await crm.salesforce.describe(type)
  const fields = fieldsOn(mappings, type).filter((f) => described.fields.has(f.field))
  const properties = fields.map((f) => f.mapping.hubspot)
  const extra = salesforceExtra.filter((f) => described.fields.has(f))
  const sfFields = [...new Set([...fields.map((f) => f.field), ...extra])]
  const readHubspot = async (id: string) => {
    const request = { ids: [id], properties }
    const read =
      kind === 'contact'
        ? await crm.hubspot.readContacts(request)
        : kind === 'company'
          ? await crm.hubspot.readCompanies(request)
          : await crm.hubspot.readDeals(request)
    return read.records.get(id)?.properties
  }
  const readSalesforce = async (id: string) => {
    const read =
      kind === 'contact'
        ? await crm.salesforce.retrieve(type === 'Lead' ? 'Lead' : 'Contact', [id], sfFields)
        : kind === 'company'
          ? await crm.salesforce.retrieveAccounts([id], sfFields)
          : await crm.salesforce.retrieveOpportunities([id], sfFields)
    return read.get(id)?.fields
  }
  const [hubspot, salesforce] = await Promise.all([
    ids.hubspot === null ? undefined : readHubspot(ids.hubspot),
    ids.salesforce === null ? undefined : readSalesforce(ids.salesforce),
  ])
  return {
    fields,
    hubspot,
    salesforce,
    gone: {
      hubspot: ids.hubspot !== null && hubspot === undefined,
      salesforce: ids.salesforce !== null && salesforce === undefined,
    },
    salesforceFields: sfFields,
  }
}

/** The values the store holds: what each side was last seen holding, per mapped field (no CRM call). */
export function storedValues(
  link: Link | undefined,
  type: string,
  mappings: readonly FieldMapping<string>[],
): RecordValues {
  const fields = fieldsOn(mappings, type)
  if (link === undefined)
    return {
      fields,
      hubspot: undefined,
      salesforce: undefined,
      gone: { hubspot: false, salesforce: false },
      salesforceFields: [],
    }
  const hubspot: Record<string, RawValue> = {}
  const salesforce: Record<string, RawValue> = {}
  for (const { mapping, field } of fields) {
    const state = link.fields[mapping.hubspot]
    hubspot[mapping.hubspot] = state?.hubspotShadow?.value ?? null
    salesforce[field] = state?.salesforceShadow?.value ?? null
  }
  return {
    fields,
    hubspot,
    salesforce,
    gone: { hubspot: false, salesforce: false },
    salesforceFields: fields.map((f) => f.field),
  }
}
