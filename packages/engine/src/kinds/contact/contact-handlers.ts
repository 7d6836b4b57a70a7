import type { ContactAction } from '@crmsync/core'

import type { ActionHandlers } from '../../pipeline/action-handler.js'
import type { ContactIo } from './contact-io.js'
import { createHubSpot, deleteHubSpot, updateHubSpot } from './handlers/hubspot-writes.js'
import { createSalesforce, updateSalesforce } from './handlers/salesforce-writes.js'
import {
  commit,
  error,
  link,
  linkState,
  rekey,
  relink,
  rememberOwnersWithoutHubSpot,
  requeue,
  skip,
} from './handlers/store-actions.js'

/**
 * One handler per contact action kind; the type checker refuses a kind without one. Within a step the kinds
 * apply in this order: HubSpot creates before updates, deletes last.
 */
export const CONTACT_HANDLERS: ActionHandlers<ContactAction, ContactIo> = {
  'create-salesforce': createSalesforce,
  'update-salesforce': updateSalesforce,
  'create-hubspot': createHubSpot,
  'update-hubspot': updateHubSpot,
  'delete-hubspot': deleteHubSpot,
  link,
  relink,
  'link-state': linkState,
  rekey,
  commit,
  skip,
  error,
  requeue,
  'remember-owners-without-hubspot': rememberOwnersWithoutHubSpot,
}
