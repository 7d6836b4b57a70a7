import type { ContactAction, ContactSalesforceType } from '@crmsync/core'

import { OWNERS_WITHOUT_STREAM } from '../../owners/awaiting-owner-read.js'
import { type ActionHandlers, storeOnly } from '../../pipeline/action-handler.js'
import { pairHandlers } from '../../pipeline/pair/pair-handlers.js'
import type { PairIo } from '../../pipeline/pair/pair-io.js'

/** What the contact handlers are given: the pair handlers' io over Leads and Contacts. */
export type ContactIo = PairIo<ContactSalesforceType>

/**
 * One handler per contact action kind; the type checker refuses a kind without one. The pair handlers, and
 * the owners list contacts remember for B-OWN-1.
 */
export const CONTACT_HANDLERS: ActionHandlers<ContactAction, ContactIo> = {
  ...pairHandlers<ContactSalesforceType>(),
  'remember-owners-without-hubspot': storeOnly({
    effects: (a) => [
      {
        kind: 'cursor',
        side: 'salesforce',
        stream: OWNERS_WITHOUT_STREAM,
        value: JSON.stringify(a.ownerIds),
      },
    ],
  }),
}
