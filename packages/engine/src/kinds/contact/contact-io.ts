import type { PlanContactsInput } from '@crmsync/core'

import type { CycleState, EngineSetup } from '../../engine-context.js'
import type { EngineDeps } from '../../engine-types.js'

/** What the contact handlers are given: the connectors, the setup, and the batch's planner input. */
export interface ContactIo {
  readonly deps: EngineDeps
  readonly setup: EngineSetup
  /** The portal id, for external ids `portalId:objectId`. */
  readonly portalId: string
  /** Read-only here: which records this cycle already enqueued again (one replan each). */
  readonly cycle: Pick<CycleState, 'replanned'>
  /** The records the batch read (e.g. a contact's email for unsubscribe-all). */
  readonly input: PlanContactsInput
  /** HubSpot ids whose own change is in the batch: a link is counted under the side it avoided writing. */
  readonly changedHubSpot: ReadonlySet<string>
}
