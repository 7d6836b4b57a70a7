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
  /** The HubSpot record was merged into this one (read live only). */
  readonly hubspotMergedInto?: string | undefined
  /** With `associations`: a company's or deal's HubSpot contacts. */
  readonly hubspotContactIds?: readonly string[] | undefined
  /** With `associations`: a deal's primary company (null: none). */
  readonly hubspotPrimaryCompanyId?: string | null | undefined
  /** The Account is a person account (B-PA), with its person contact. */
  readonly personAccount?: { readonly personContactId: string | undefined } | undefined
}

/** The mappings with a field on `type`. */
export function fieldsOn(mappings: readonly FieldMapping<string>[], type: string): MappedField[] {
  return mappings.flatMap((m) => {
    const field = (m.salesforce as Readonly<Record<string, string | undefined>>)[type]
    return field === undefined ? [] : [{ mapping: m, field }]
  })
}

/** What explain reads besides the mapped fields (the card needs none of it). */
export interface LiveReadExtras {
  /** Salesforce fields read too when the org has them (a contact's AccountId). (Default: none) */
  readonly salesforceFields?: readonly string[] | undefined
  /** HubSpot properties read too (a deal's link property). (Default: none) */
  readonly hubspotProperties?: readonly string[] | undefined
  /** A company's contacts, a deal's contacts and primary company. (Default: false) */
  readonly associations?: boolean | undefined
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
  extras: LiveReadExtras = {},
): Promise<RecordValues> {
  const described = await crm.salesforce.describe(type)
  const fields = fieldsOn(mappings, type).filter((f) => described.fields.has(f.field))
  const properties = [...fields.map((f) => f.mapping.hubspot), ...(extras.hubspotProperties ?? [])]
  const extra = (extras.salesforceFields ?? []).filter((f) => described.fields.has(f))
  const sfFields = [...new Set([...fields.map((f) => f.field), ...extra])]
  const associations = extras.associations === true
  const readHubspot = async (id: string): Promise<Partial<RecordValues>> => {
    const request = { ids: [id], properties }
    if (kind === 'contact') {
      const read = await crm.hubspot.readContacts(request)
      return { hubspot: read.records.get(id)?.properties, hubspotMergedInto: read.mergedInto.get(id) }
    }
    if (kind === 'company') {
      const read = await crm.hubspot.readCompanies({ ...request, withContacts: associations })
      const record = read.records.get(id)
      return {
        hubspot: record?.properties,
        hubspotMergedInto: read.mergedInto.get(id),
        hubspotContactIds: record?.contactIds,
      }
    }
    const read = await crm.hubspot.readDeals({ ...request, withAssociations: associations })
    const record = read.records.get(id)
    return {
      hubspot: record?.properties,
      hubspotMergedInto: read.mergedInto.get(id),
      hubspotContactIds: record?.contactIds,
      hubspotPrimaryCompanyId: record?.primaryCompanyId,
    }
  }
  const readSalesforce = async (id: string): Promise<Partial<RecordValues>> => {
    if (kind === 'contact') {
      const read = await crm.salesforce.retrieve(type === 'Lead' ? 'Lead' : 'Contact', [id], sfFields)
      return { salesforce: read.get(id)?.fields }
    }
    if (kind === 'company') {
      const record = (await crm.salesforce.retrieveAccounts([id], sfFields)).get(id)
      return {
        salesforce: record?.fields,
        personAccount:
          record?.isPersonAccount === true ? { personContactId: record.personContactId } : undefined,
      }
    }
    return { salesforce: (await crm.salesforce.retrieveOpportunities([id], sfFields)).get(id)?.fields }
  }
  const nothing: Partial<RecordValues> = {}
  const [hubspot, salesforce] = await Promise.all([
    ids.hubspot === null ? nothing : readHubspot(ids.hubspot),
    ids.salesforce === null ? nothing : readSalesforce(ids.salesforce),
  ])
  return {
    ...hubspot,
    ...salesforce,
    fields,
    hubspot: hubspot.hubspot,
    salesforce: salesforce.salesforce,
    gone: {
      hubspot: ids.hubspot !== null && hubspot.hubspot === undefined,
      salesforce: ids.salesforce !== null && salesforce.salesforce === undefined,
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
