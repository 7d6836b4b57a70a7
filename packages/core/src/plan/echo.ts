import type { RawValue, TransformContext } from '../canonical/index.js'
import { fromHubSpot, fromSalesforce } from '../canonical/index.js'
import type { ContactMapping, FieldMapping } from '../mapping/index.js'
import type { Link } from '../model/index.js'
import type { HubSpotContactRecord, SalesforceContactRecord } from './plan-types.js'

/**
 * A captured Salesforce record that holds exactly what its active link last saw there (every mapped field
 * equal to its Salesforce shadow): typically the echo of our own write. Planning it could only read its
 * HubSpot counterpart (one call per 100) to find nothing to do, since "changed" means "differs from the
 * shadow" (design.md 3.1). Anything unusual (not active, converted, a field never seen, a value that does
 * not read) is not an echo and is planned as usual.
 */
export function isSalesforceEcho(
  record: SalesforceContactRecord,
  link: Link | undefined,
  mappings: readonly ContactMapping[],
  transform: TransformContext,
): boolean {
  if (link?.state !== 'active' || link.salesforceId !== record.id || record.isConverted === true) return false
  for (const m of mappings) {
    const field = m.salesforce[record.type]
    if (field === undefined || m.viaAssociation === true) continue
    const shadow = link.fields[m.hubspot]?.salesforceShadow
    const now = fromSalesforce(m, record.fields[field], transform)
    if (shadow === undefined || !now.ok || now.value !== shadow.value) return false
  }
  return true
}

/** The same for a captured HubSpot contact against its HubSpot shadows; a merge survivor is never an echo. */
export function isHubSpotEcho(
  record: HubSpotContactRecord,
  link: Link | undefined,
  mappings: readonly ContactMapping[],
  transform: TransformContext,
): boolean {
  if (link?.state !== 'active' || link.hubspotId !== record.id) return false
  if ((record.mergedObjectIds ?? []).length > 0) return false
  const type = link.salesforceType
  if (type !== 'Lead' && type !== 'Contact') return false
  for (const m of mappings) {
    if (m.salesforce[type] === undefined || m.viaAssociation === true) continue
    const shadow = link.fields[m.hubspot]?.hubspotShadow
    const now = fromHubSpot(m, record.properties[m.hubspot], transform)
    if (shadow === undefined || !now.ok || now.value !== shadow.value) return false
  }
  return true
}

/**
 * The echo test of any pair kind (companies): a captured Salesforce record that holds exactly what its
 * active link last saw there. See isSalesforceEcho.
 */
export function isSalesforceRecordEcho<T extends string>(
  record: { readonly type: T; readonly id: string; readonly fields: Readonly<Record<string, RawValue>> },
  link: Link | undefined,
  mappings: readonly FieldMapping<T>[],
  transform: TransformContext,
): boolean {
  if (link?.state !== 'active' || link.salesforceId !== record.id) return false
  return mappings.every((m) => {
    const field = m.salesforce[record.type]
    if (field === undefined || m.viaAssociation === true) return true
    const shadow = link.fields[m.hubspot]?.salesforceShadow
    const now = fromSalesforce(m, record.fields[field], transform)
    return shadow !== undefined && now.ok && now.value === shadow.value
  })
}

/** The same for a captured HubSpot record of any pair kind; a merge survivor is never an echo. */
export function isHubSpotRecordEcho<T extends string>(
  record: {
    readonly id: string
    readonly properties: Readonly<Record<string, RawValue>>
    readonly mergedObjectIds?: readonly string[] | undefined
  },
  type: T,
  link: Link | undefined,
  mappings: readonly FieldMapping<T>[],
  transform: TransformContext,
): boolean {
  if (link?.state !== 'active' || link.hubspotId !== record.id) return false
  if ((record.mergedObjectIds ?? []).length > 0) return false
  return mappings.every((m) => {
    if (m.salesforce[type] === undefined || m.viaAssociation === true) return true
    const shadow = link.fields[m.hubspot]?.hubspotShadow
    const now = fromHubSpot(m, record.properties[m.hubspot], transform)
    return shadow !== undefined && now.ok && now.value === shadow.value
  })
}
