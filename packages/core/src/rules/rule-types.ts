import type { CanonicalValue } from '../model/index.js'

/** Which way a field's value moves: `to-hubspot` writes the Salesforce value, `to-salesforce` the HS one. */
export type Direction = 'to-hubspot' | 'to-salesforce' | 'none'

/** What a rule sees for one field of a linked pair, all values canonical (design.md 3.2, 3.3). */
export interface RuleInput {
  readonly h: CanonicalValue
  readonly s: CanonicalValue
  /** HubSpot's value differs from its shadow (or there is none). */
  readonly hChanged: boolean
  readonly sChanged: boolean
  /** First sync of a new link: no ancestor and no shadows; the table's last column applies. */
  readonly isNew: boolean
  /** Field change times in epoch ms, for "the later field change wins"; ties go to Salesforce. */
  readonly hChangedAt: number
  readonly sChangedAt: number
  /** Owner rule only: whether the Salesforce owner is an active user or queue (B-OWN-6). */
  readonly salesforceOwnerActive: boolean
  /** Owner rule only: whether HubSpot's owner is an active Salesforce user or queue (B-OWN-3). */
  readonly hubspotOwnerActive: boolean
}

/** A rule's verdict for a field where h and s differ. */
export interface RuleOutcome {
  readonly action: Direction
  /** Why, with the behaviour id, for the audit trail. */
  readonly reason: string
  /** Both sides changed to different values. (Default: false) */
  readonly conflict?: boolean | undefined
}
