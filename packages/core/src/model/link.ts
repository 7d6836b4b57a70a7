/**
 * A link pairs one HubSpot record with one Salesforce record (design.md section 3.1).
 *
 *   active ──(merge survivor is not ours)──▶ broken
 *     │                                        │
 *     └──────────(delete on either side)──────▶ tombstoned
 *
 * A tombstoned link stays so that a later edit on the other side does not resurrect the record.
 */
export const LINK_STATES = ['active', 'broken', 'tombstoned'] as const
export type LinkState = (typeof LINK_STATES)[number]

/**
 * The kinds of object crmsync pairs across the two systems, and `contact-company`, the pass that keeps a
 * contact's company in step with its Salesforce Contact's account, and `deal-contact`, the pass that keeps a
 * deal's contacts in step with its opportunity's contact roles (design.md 3.4 pass 3).
 */
export const OBJECT_KINDS = [
  'contact',
  'company',
  'contact-company',
  'deal',
  'deal-contact',
  'owner',
  'activity',
] as const
export type ObjectKind = (typeof OBJECT_KINDS)[number]

/** The two systems. */
export const SIDES = ['hubspot', 'salesforce'] as const
export type Side = (typeof SIDES)[number]

/** A canonical value (design.md section 3.3): a string in the pair's canonical form, or null for blank. */
export type CanonicalValue = string | null

/** What the engine knows about one mapped field of a linked pair. */
export interface FieldState {
  /** The canonical value both sides agreed on at the last successful sync; undefined before the first. */
  readonly ancestor?: CanonicalValue | undefined
  /** The last canonical value seen on HubSpot, and when it was first seen (epoch ms). */
  readonly hubspotShadow?: ShadowValue | undefined
  /** The last canonical value seen on Salesforce, and when it was first seen (epoch ms). */
  readonly salesforceShadow?: ShadowValue | undefined
}

export interface ShadowValue {
  readonly value: CanonicalValue
  /** Epoch milliseconds at which this value was first seen on that side. */
  readonly seenAt: number
}

/** A link row: unique per (connection, HubSpot id) and per (connection, Salesforce id). */
export interface Link {
  readonly connectionId: string
  readonly objectKind: ObjectKind
  readonly hubspotId: string
  /** Salesforce sObject type, e.g. Lead or Contact (a contact link follows lead conversion). */
  readonly salesforceType: string
  readonly salesforceId: string
  readonly state: LinkState
  /** Per mapped field, keyed by the mapping key (the HubSpot property name). */
  readonly fields: Readonly<Record<string, FieldState>>
  /** Epoch ms of creation and last change of this link. */
  readonly createdAt: number
  readonly updatedAt: number
}
