import type { PairAction } from '@crmsync/core'

import type { ActionHandlers } from '../action-handler.js'
import { createHubSpot, deleteHubSpot, updateHubSpot } from './hubspot-writes.js'
import type { PairIo } from './pair-io.js'
import { createSalesforce, updateSalesforce } from './salesforce-writes.js'
import { commit, error, link, linkState, rekey, relink, requeue, skip } from './store-actions.js'

/**
 * The handlers of every pair action kind, for an object kind pairing HubSpot records with Salesforce records
 * of type `T` (contacts, companies). Within a step the kinds apply in this order: HubSpot creates before
 * updates, deletes last.
 */
export function pairHandlers<T extends string>(): ActionHandlers<PairAction<T>, PairIo<T>> {
  return {
    'create-salesforce': createSalesforce<T>(),
    'update-salesforce': updateSalesforce<T>(),
    'create-hubspot': createHubSpot<T>(),
    'update-hubspot': updateHubSpot<T>(),
    'delete-hubspot': deleteHubSpot<T>(),
    link: link<T>(),
    relink: relink<T>(),
    'link-state': linkState<T>(),
    rekey: rekey<T>(),
    commit: commit<T>(),
    skip: skip<T>(),
    error: error<T>(),
    requeue: requeue<T>(),
  }
}
