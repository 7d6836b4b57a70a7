import type { SyncRule } from '../mapping/index.js'
import type { CanonicalValue, Side } from '../model/index.js'
import type { Direction } from '../rules/index.js'

/** The merge's verdict for one mapped field of a pair: data for the plan and the audit trail. */
export interface FieldDecision {
  /** The mapping key (HubSpot property name). */
  readonly field: string
  readonly action: Direction
  /**
   * The canonical value written (Salesforce's for to-hubspot, HubSpot's for to-salesforce); for `none`,
   * the agreed value when the sides are equal, else null.
   */
  readonly value: CanonicalValue
  readonly rule: SyncRule
  /** Why, naming the behaviour id; every dropped change's audit entry carries it. */
  readonly reason: string
  /** Both sides changed to different values. (Default: false) */
  readonly conflict?: boolean | undefined
  /** Sides whose change this decision does not propagate (design.md 3.2: each is audited). (Default: none) */
  readonly dropped?: readonly Side[] | undefined
  /** The rule compared field change times (later change wins), so HubSpot history matters. (Default: false) */
  readonly usedChangeTimes?: boolean | undefined
}
