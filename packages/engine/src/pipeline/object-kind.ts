import type { InboxRow, Link, ObjectKind, Side } from '@crmsync/core'

import type { ReadContext, StepContext } from '../engine-context.js'
import type { ActionHandlers } from './action-handler.js'
import type { ApplyResult } from './apply-result.js'

/** One page of a capture stream: the records it found (kept in the kind's cycle cache) and the next cursor. */
export interface CapturePage {
  /** Ids to put in the inbox. */
  readonly ids: readonly string[]
  /** The stream's next cursor, stored with the page's inbox rows in one transaction. */
  readonly cursor: string
  /** Call again now: there is more to read. */
  readonly more: boolean
  /**
   * The source cannot honour `settleThrough` yet (a search index that trails writes): call again after this
   * many ms. Only on a page that ends the pass. (Default: honoured, or not asked)
   */
  readonly waitMs?: number | undefined
}

/** What one capture call is asked for besides "what changed since the cursor". */
export interface CaptureAsk {
  /**
   * Everything changed at or before this instant (epoch ms) must be read before the stream says it is done,
   * if the source allows it yet (`sync --once`: every change made before it started). (Default: none)
   */
  readonly settleThrough?: number | undefined
}

/** A stream of changes on one side, read from a stored cursor (design.md 3.4 step 1). */
export interface CaptureStream<Cache> {
  readonly side: Side
  /** The cursor row's name, unique per side within a connection. */
  readonly stream: string
  readPage(ctx: ReadContext, cursor: string | undefined, cache: Cache, ask: CaptureAsk): Promise<CapturePage>
}

/** A committed batch: the plan as first made, the actions as applied, and what the writes did. */
export interface CommittedBatch<A> {
  readonly planned: readonly A[]
  readonly actions: readonly A[]
  readonly applied: ApplyResult
}

/** A plan and what it lacked to be final (reads the pipeline makes before planning again, once). */
export interface KindPlan<A> {
  readonly actions: readonly A[]
  /**
   * Records the plan needs read in more detail before it is final (e.g. HubSpot property history where a
   * conflict compares change times); empty when the plan is the plan.
   */
  readonly more: readonly string[]
}

/**
 * An object kind as the pipeline sees it (design.md 3.4, "Shape of the code"): what capture reads, how a batch
 * of its inbox rows is read and planned, and a handler per action kind. The pipeline itself knows no kind;
 * contacts are the first descriptor (kinds/contact/contact-kind.ts), and companies, deals and associations
 * plug in the same way.
 *
 *   read (reads only) -> plan (pure, in core) [-> read more -> plan] -> apply Salesforce
 *     [-> read what it created -> plan with it] -> apply HubSpot -> commit (one transaction)
 */
export interface ObjectKindDescriptor<Cache, Read, A extends { readonly kind: string }, Io, Found = unknown> {
  readonly kind: ObjectKind
  /**
   * The kind of the links its commits change, when not its own: the association pass keeps its state on
   * the contact links. (Default: `kind`)
   */
  readonly linkKind?: ObjectKind | undefined
  /** A fresh capture cache for a cycle: what capture read, so it doubles as the batch read. */
  createCache(): Cache
  readonly capture: readonly CaptureStream<Cache>[]
  /** The read stage: every read the plan needs, nothing written (the store it gets has no write methods). */
  read(ctx: ReadContext, cache: Cache, rows: readonly InboxRow[]): Promise<Read>
  /** The links the read loaded: the commit starts from them. */
  links(read: Read): readonly Link[]
  /** The plan stage: pure, in core. */
  plan(read: Read): KindPlan<A>
  /** Reads what an incomplete plan lacked, into a new Read (the first is not changed). */
  readMore(ctx: ReadContext, read: Read, plan: KindPlan<A>): Promise<Read>
  /**
   * Between the Salesforce and the HubSpot step: read what the Salesforce writes made, and plan the batch
   * again with it (pure). (Default: the plan stays as it is)
   */
  readonly afterSalesforce?:
    | {
        read(ctx: ReadContext, read: Read, applied: ApplyResult): Promise<Found>
        plan(read: Read, actions: readonly A[], applied: ApplyResult, found: Found): readonly A[]
      }
    | undefined
  /** What the kind's handlers are given. */
  io(ctx: StepContext, read: Read): Io
  readonly handlers: ActionHandlers<A, Io>
  /** After the commit: the kind's own cycle bookkeeping (what the capture cache may still serve). */
  afterCommit(ctx: StepContext, cache: Cache, read: Read, batch: CommittedBatch<A>): void
}
