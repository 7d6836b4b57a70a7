import type { HubSpotValue, SalesforceValue } from '../canonical/index.js'
import type { SyncErrorCode } from '../errors/index.js'
import type { ContactSalesforceType } from '../mapping/index.js'
import type { FieldDecision } from '../merge/index.js'
import type { FieldState, LinkState, ObjectKind, Side } from '../model/index.js'
import type { CreateOwner } from '../owners/index.js'
import type { SkipReason } from './skip-reasons.js'

/** A Salesforce record reference: a Lead or Contact for contacts, an Account for companies. */
export interface SalesforceRef<T extends string = ContactSalesforceType> {
  readonly type: T
  readonly id: string
}

/** Both ends of a link. */
export interface LinkRef<T extends string = ContactSalesforceType> {
  readonly hubspotId: string
  readonly salesforce: SalesforceRef<T>
}

/**
 * What a pair planner asks the engine to do (design.md 3.4), for any object kind whose HubSpot record pairs
 * with a Salesforce record of type `T` (contacts: Lead or Contact; companies: Account). Writes carry only
 * changed fields.
 * A `commit` holds the field states (ancestors, shadows) and audit decisions to store in the commit
 * transaction when the pair's writes succeed; when a write fails, commit nothing for that pair: the
 * replan sees the same differences again, and fields already written agree and are no-ops.
 * Apply in list order where actions touch the same email: a `delete-hubspot` comes before a
 * `create-hubspot` that takes over its email (a Salesforce delete followed by a new record, B-CON-22).
 */
export type PairAction<T extends string> =
  | {
      readonly kind: 'create-salesforce'
      readonly hubspotId: string
      readonly salesforceType: T
      readonly values: Readonly<Record<string, SalesforceValue>>
      readonly owner: CreateOwner
      readonly reason: string
    }
  | {
      readonly kind: 'create-hubspot'
      readonly salesforce: SalesforceRef<T>
      /** `hs_email_optout: 'true'` is applied through unsubscribe-all by the connector (B-OPT-3). */
      readonly values: Readonly<Record<string, HubSpotValue>>
      readonly reason: string
    }
  | {
      readonly kind: 'update-salesforce'
      readonly hubspotId: string
      readonly salesforce: SalesforceRef<T>
      readonly values: Readonly<Record<string, SalesforceValue>>
    }
  | {
      readonly kind: 'update-hubspot'
      readonly hubspotId: string
      readonly salesforce: SalesforceRef<T>
      /** `hs_email_optout: 'true'` is applied through unsubscribe-all by the connector (B-OPT-3). */
      readonly values: Readonly<Record<string, HubSpotValue>>
      /**
       * Properties whose values Salesforce set on a record this batch created (read back, resolve-creates.ts):
       * when HubSpot refuses the update, it is sent again without them, and the pair commits its create's
       * own state. (Default: none)
       */
      readonly serverSet?: readonly string[] | undefined
    }
  | { readonly kind: 'delete-hubspot'; readonly hubspotId: string; readonly reason: string }
  | {
      readonly kind: 'link'
      readonly hubspotId: string
      readonly salesforce: SalesforceRef<T>
      readonly reason: string
    }
  | {
      /** Moves a link: to another Salesforce record (lead conversion, B-CON-8/12/25) or another HS id (B-CON-27). */
      readonly kind: 'relink'
      readonly from: LinkRef<T>
      readonly to: LinkRef<T>
      readonly reason: string
    }
  | {
      readonly kind: 'link-state'
      readonly hubspotId: string
      readonly salesforce: SalesforceRef<T>
      readonly state: LinkState
      readonly reason: string
    }
  | { readonly kind: 'skip'; readonly side: Side; readonly id: string; readonly reason: SkipReason }
  | {
      readonly kind: 'error'
      /** The side whose write failed. */
      readonly side: Side
      readonly hubspotId: string | null
      readonly salesforceId: string | null
      readonly code: SyncErrorCode
      readonly message: string
      readonly field?: string | undefined
    }
  | {
      readonly kind: 'commit'
      /** null: the id a create-hubspot action for this pair returns. */
      readonly hubspotId: string | null
      readonly salesforceType: T
      /** null: the id a create-salesforce action for this pair returns. */
      readonly salesforceId: string | null
      /** New state per mapping key; keys not listed keep their stored state. */
      readonly fields: Readonly<Record<string, FieldState>>
      readonly decisions: readonly FieldDecision[]
      /**
       * A created Salesforce record as read back (resolve-creates.ts): the field states of what both sides
       * hold once its server-set values reach HubSpot, which replace `fields`, and the decisions about
       * those values, audited after the create's. Unused when HubSpot refused them. (Default: none)
       */
      readonly serverSet?:
        | {
            readonly fields: Readonly<Record<string, FieldState>>
            readonly decisions: readonly FieldDecision[]
          }
        | undefined
    }
  | {
      /**
       * A HubSpot merge moved a linked contact's data into the survivor: the link is re-keyed to it and keeps
       * syncing (design.md 3.4, B-CON-27).
       */
      readonly kind: 'rekey'
      readonly from: string
      readonly to: string
      readonly salesforce: SalesforceRef<T>
      readonly reason: string
    }
  | {
      /**
       * Records to plan again this cycle, even as echoes (B-OWN-1: their owner has a HubSpot owner now; a
       * contact whose company just got its account, design.md 3.4 pass 3).
       */
      readonly kind: 'requeue'
      /** The kind whose inbox gets them. (Default: the kind being planned) */
      readonly objectKind?: ObjectKind | undefined
      readonly side: Side
      readonly ids: readonly string[]
      readonly reason: string
    }

/** What the contact planner asks the engine to do. */
export type ContactAction =
  | PairAction<ContactSalesforceType>
  | {
      /**
       * The Salesforce users and queues with no HubSpot owner in the newest owners table, kept so that a new
       * process knows which records wait for one (B-OWN-1).
       */
      readonly kind: 'remember-owners-without-hubspot'
      readonly ownerIds: readonly string[]
    }

export type ContactActionKind = ContactAction['kind']
