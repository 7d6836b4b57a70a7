import type { CanonicalValue, ObjectKind } from './link.js'

/** Which way a value went; `none` when the rules kept it from propagating. */
export const AUDIT_DIRECTIONS = ['hs->sf', 'sf->hs', 'none'] as const
export type AuditDirection = (typeof AUDIT_DIRECTIONS)[number]

/**
 * One field-level decision of a commit (design.md section 3.4 step 4): every change that is not propagated
 * has one, naming the rule, so `crmsync explain` can say why a value is what it is.
 */
export interface AuditEntry {
  readonly connectionId: string
  readonly objectKind: ObjectKind
  /** Null when the HubSpot record does not exist (yet), e.g. a create that failed. */
  readonly hubspotId: string | null
  /** Null when the Salesforce record does not exist (yet). */
  readonly salesforceId: string | null
  /** The mapping key (the HubSpot property name). */
  readonly field: string
  readonly oldValue: CanonicalValue
  readonly newValue: CanonicalValue
  readonly direction: AuditDirection
  /** The sync rule that decided, e.g. `two-way` or `prefer-salesforce`. */
  readonly rule: string
  /** Why, in words or a short code, e.g. `conflict: later field change wins`. */
  readonly reason: string
  /** Epoch ms of the commit. */
  readonly at: number
}
