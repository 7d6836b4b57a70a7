import {
  HUBSPOT_FIELD_TYPES,
  type HubSpotFieldType,
  SALESFORCE_FIELD_TYPES,
  type SalesforceFieldType,
} from '@crmsync/core'

import type { SyncedKind } from '../api-types.js'
import type { ConsoleConnection, HubSpotPropertyInfo } from '../server-deps.js'
import type { SalesforceFields } from './mapping-entries.js'

/** A type, or why the field or property cannot be mapped (missing, or of a type no pair takes). */
export type TypeOrProblem<T> = { readonly type: T } | { readonly problem: string }

/** The types of a mapping's two sides as the CRMs describe them now. */
export type FieldTypesRead =
  | {
      readonly ok: true
      readonly hubspot: TypeOrProblem<HubSpotFieldType>
      /** Per Salesforce type of the object (Lead, Contact...). */
      readonly salesforce: Readonly<Record<string, TypeOrProblem<SalesforceFieldType>>>
    }
  /** The CRMs could not be asked: the type pair is not guessed. */
  | { readonly ok: false; readonly reason: string }

export type ReadFieldTypes = (
  kind: SyncedKind,
  hubspot: string,
  fields: SalesforceFields,
) => Promise<FieldTypesRead>

/**
 * The mapping screens' type of a HubSpot property (B-MAP-5): its `fieldType`, except that a property referring
 * to owners is the "HubSpot user" type (B-MAP-7; hubspot_owner_id is the owner type) and a date picker storing
 * a datetime is `datetime`. Undefined for types no pair takes (file, html, calculation...).
 */
export function hubspotFieldTypeOf(property: HubSpotPropertyInfo): HubSpotFieldType | undefined {
  if (property.referencedObjectType === 'OWNER')
    return property.name === 'hubspot_owner_id' ? 'owner' : 'user'
  if (property.type === 'datetime') return 'datetime'
  const known: readonly string[] = HUBSPOT_FIELD_TYPES
  return known.includes(property.fieldType) ? (property.fieldType as HubSpotFieldType) : undefined
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/**
 * Reads the types through the connection's CRMs: the HubSpot properties of the object and the Salesforce
 * describe of each named type (cached by the connector). When the CRMs cannot be asked it says why instead.
 */
export function crmFieldTypes(crm: ConsoleConnection['crm']): ReadFieldTypes {
  return async (kind, hubspot, fields) => {
    if (crm === undefined) return { ok: false, reason: 'this process has no connection to the CRMs' }
    const { hubspotProperties } = crm
    if (hubspotProperties === undefined)
      return { ok: false, reason: 'the HubSpot property types cannot be read in this process' }
    let properties: readonly HubSpotPropertyInfo[]
    try {
      properties = await hubspotProperties(kind)
    } catch (err) {
      return { ok: false, reason: `the HubSpot properties could not be read: ${errorText(err)}` }
    }
    const property = properties.find((p) => p.name === hubspot)
    const hubspotType = property === undefined ? undefined : hubspotFieldTypeOf(property)
    const hubspotRead: TypeOrProblem<HubSpotFieldType> =
      property === undefined
        ? { problem: `"${hubspot}" is not a HubSpot ${kind} property` }
        : hubspotType === undefined
          ? { problem: `"${hubspot}" is a HubSpot ${property.fieldType} property, which no mapping takes` }
          : { type: hubspotType }
    const salesforce: Record<string, TypeOrProblem<SalesforceFieldType>> = {}
    for (const [type, field] of Object.entries(fields)) {
      try {
        const described = (await crm.salesforce.describe(type)).fields.get(field)
        const known: readonly string[] = SALESFORCE_FIELD_TYPES
        salesforce[type] =
          described === undefined
            ? { problem: `${type}.${field} is not a Salesforce field the integration user can see` }
            : known.includes(described.type)
              ? { type: described.type as SalesforceFieldType }
              : {
                  problem: `${type}.${field} is a Salesforce ${described.type} field, which no mapping takes`,
                }
      } catch (err) {
        return { ok: false, reason: `the Salesforce ${type} fields could not be read: ${errorText(err)}` }
      }
    }
    return { ok: true, hubspot: hubspotRead, salesforce }
  }
}
