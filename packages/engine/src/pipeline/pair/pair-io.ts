import type { HubSpotUpdateInput, HubSpotWriteResult, ObjectKind, RawValue, Side } from '@crmsync/core'

import type { CycleState, EngineSetup, StepContext } from '../../engine-context.js'
import type { EngineDeps } from '../../engine-types.js'
import { type ChangeTimeInput, sourceChangeTime } from './source-change-time.js'

/** A HubSpot create, keyed by the Salesforce id of the record it is created for. */
export interface HubSpotObjectCreate<T extends string> {
  readonly salesforceId: string
  readonly salesforceType: T
  /** Raw HubSpot values; `""` clears. */
  readonly properties: Readonly<Record<string, string>>
}

/** The HubSpot writes of one object type (contacts, companies): what the pair handlers call. */
export interface HubSpotObjectWrites<T extends string> {
  upsert(inputs: readonly HubSpotObjectCreate<T>[]): Promise<readonly HubSpotWriteResult[]>
  update(inputs: readonly HubSpotUpdateInput[]): Promise<readonly HubSpotWriteResult[]>
  archive(ids: readonly string[]): Promise<void>
  /**
   * A read-only property the plan may set to `'true'` that is written another way: contacts' opt-out,
   * applied through unsubscribe-all (B-OPT-3). (Default: none)
   */
  readonly optOut?:
    { readonly property: string; unsubscribe(emails: readonly string[]): Promise<void> } | undefined
}

/**
 * What the pair handlers are given, for any object kind pairing HubSpot records with Salesforce records of
 * type `T`: the connectors' writes, the setup, and the HubSpot records the batch read.
 */
export interface PairIo<T extends string> {
  readonly deps: EngineDeps
  readonly setup: EngineSetup
  readonly objectKind: ObjectKind
  /** The Salesforce types the kind writes, in the order their writes go out. */
  readonly salesforceTypes: readonly T[]
  readonly hubspot: HubSpotObjectWrites<T>
  /** The portal id, for external ids `portalId:objectId`. */
  readonly portalId: string
  /** Read-only here: which records this cycle already enqueued again (one replan each). */
  readonly cycle: Pick<CycleState, 'replanned'>
  /** HubSpot records the batch read, by id (e.g. a contact's email for unsubscribe-all). */
  readonly hubspotRecords: ReadonlyMap<string, { readonly properties: Readonly<Record<string, RawValue>> }>
  /** HubSpot ids whose own change is in the batch: a link is counted under the side it avoided writing. */
  readonly changedHubSpot: ReadonlySet<string>
  /** When the record a write carries a change of changed (source-change-time.ts); undefined: unknown. */
  readonly changedAt: (side: Side, id: string) => number | undefined
}

/**
 * The part of a kind's PairIo that every kind takes the same way: the step's context, and the HubSpot
 * records and changes of the batch it read.
 */
export function pairIoContext(
  ctx: StepContext,
  read: {
    readonly input: ChangeTimeInput & { readonly hubspot: PairIo<string>['hubspotRecords'] }
    readonly changedHubSpot: ReadonlySet<string>
  },
): Pick<
  PairIo<string>,
  'deps' | 'setup' | 'portalId' | 'cycle' | 'hubspotRecords' | 'changedHubSpot' | 'changedAt'
> {
  return {
    deps: ctx.deps,
    setup: ctx.setup,
    portalId: ctx.portalId,
    cycle: ctx.cycle,
    hubspotRecords: read.input.hubspot,
    changedHubSpot: read.changedHubSpot,
    changedAt: sourceChangeTime(read.input),
  }
}
