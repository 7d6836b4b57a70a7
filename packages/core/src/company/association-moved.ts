import type { Link } from '../model/index.js'
import type { HubSpotContactRecord, SalesforceContactRecord } from '../plan/index.js'
import {
  ACCOUNT_ASSOCIATION_FIELD,
  LIFECYCLE_SEEN_FIELD,
  lifecycleSeenValue,
} from './plan-contact-accounts.js'

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

/**
 * A captured HubSpot contact whose mapped fields are an echo, but whose primary company or lifecycle stage
 * is not what pass 3 last saw on its link: the contact pass has nothing to do and pass 3 has (B-CMP-11, 14).
 * Moving a contact to another company changes no mapped property, so without this the move would be lost.
 */
export function hubspotAssociationMoved(record: HubSpotContactRecord, link: Link): boolean {
  const company = text(record.properties['associatedcompanyid'])
  if (
    link.salesforceType === 'Contact' &&
    link.fields[ACCOUNT_ASSOCIATION_FIELD]?.hubspotShadow?.value !== company
  )
    return true
  const stage = text(record.properties['lifecyclestage'])?.toLowerCase() ?? null
  return link.fields[LIFECYCLE_SEEN_FIELD]?.hubspotShadow?.value !== lifecycleSeenValue(company, stage)
}

/** The same for a captured Salesforce Contact: its AccountId is not the account pass 3 last saw (B-CMP-12). */
export function salesforceAssociationMoved(record: SalesforceContactRecord, link: Link): boolean {
  if (record.type !== 'Contact') return false
  return link.fields[ACCOUNT_ASSOCIATION_FIELD]?.salesforceShadow?.value !== text(record.fields['AccountId'])
}
