import type { FieldDecision, FieldState, LinkState, ObjectKind, Side, TimelineItem } from '@crmsync/core'

import type { SideCounts } from '../engine-types.js'
import type { RecordFailure } from './apply-result.js'

/**
 * What the commit transaction does for one planned action (design.md 3.4 step 4), named by its handler:
 * data, so the commit stage is the only writer of links, ancestors, shadows, audit, errors, cursors and the
 * inbox, and a handler never touches the store.
 */
export type CommitEffect =
  | {
      readonly kind: 'link'
      readonly hubspotId: string
      readonly salesforceType: string
      readonly salesforceId: string
    }
  | {
      /** The link of `from` now pairs `to`: another Salesforce record, or (same Salesforce id) another HS id. */
      readonly kind: 'relink'
      readonly from: { readonly hubspotId: string; readonly salesforceId: string }
      readonly to: {
        readonly hubspotId: string
        readonly salesforceType: string
        readonly salesforceId: string
      }
    }
  | { readonly kind: 'link-state'; readonly hubspotId: string; readonly state: LinkState }
  | { readonly kind: 'rekey'; readonly from: string; readonly to: string }
  | {
      /** A pair synced: its field states are stored, its decisions audited, its open errors resolved. */
      readonly kind: 'sync-fields'
      readonly hubspotId: string
      readonly salesforceType: string
      readonly salesforceId: string
      readonly fields: Readonly<Record<string, FieldState>>
      readonly decisions: readonly FieldDecision[]
    }
  /** Not eligible is not an error: an open error of the record no longer applies (B-CON-4). */
  | { readonly kind: 'resolve-errors'; readonly side: Side; readonly recordId: string }
  | { readonly kind: 'record-error'; readonly failure: RecordFailure }
  /** Records to plan again this cycle, even when captured as echoes; in another kind's inbox if named. */
  | {
      readonly kind: 'requeue'
      readonly side: Side
      readonly ids: readonly string[]
      readonly objectKind?: ObjectKind | undefined
    }
  | { readonly kind: 'cursor'; readonly side: Side; readonly stream: string; readonly value: string }
  | { readonly kind: 'count'; readonly side: Side; readonly key: keyof SideCounts }
  /** Timeline sync's pairs, stored as they now stand (B-ACT-1; kinds/activity), stamped by the commit. */
  | {
      readonly kind: 'timeline-items'
      readonly items: readonly Omit<TimelineItem, 'connectionId' | 'updatedAt'>[]
    }
