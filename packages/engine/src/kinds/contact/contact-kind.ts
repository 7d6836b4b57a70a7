import {
  type ContactAction,
  type CreatedSalesforce,
  mergeHubSpotUpdates,
  planContactsDetailed,
  resolveSalesforceCreates,
} from '@crmsync/core'

import type { ObjectKindDescriptor } from '../../pipeline/object-kind.js'
import { pairIoContext } from '../../pipeline/pair/pair-io.js'
import { createdInHubSpot } from '../../salesforce-import.js'
import { type ContactCache, createContactCache } from './contact-cache.js'
import { CONTACT_CAPTURE } from './contact-capture.js'
import { CONTACT_HANDLERS, type ContactIo } from './contact-handlers.js'
import { releaseCaptured } from './planned-pairs.js'
import { readCreatedSalesforce } from './read-back.js'
import { type ContactRead, readContacts } from './read-contacts.js'
import { withHubSpotHistory } from './read-hubspot.js'

/** Read-only in HubSpot: a contact's opt-out goes through communication preferences (B-OPT-3). */
const OPT_OUT = 'hs_email_optout'

/**
 * HubSpot contacts with Salesforce Leads and Contacts (and the owners their records name): the first object
 * kind. Capture reads Leads, Contacts and HubSpot contacts; the plan is core's planContacts; HubSpot property
 * history is read only when a plan compares field change times; between the Salesforce and HubSpot writes
 * the created records are read back and planned as their own echo (core's resolveSalesforceCreates), and
 * each contact's HubSpot writes are merged into one update (mergeHubSpotUpdates).
 */
export const CONTACT_KIND: ObjectKindDescriptor<
  ContactCache,
  ContactRead,
  ContactAction,
  ContactIo,
  readonly CreatedSalesforce[]
> = {
  kind: 'contact',
  createCache: createContactCache,
  capture: CONTACT_CAPTURE,
  read: readContacts,
  links: (read) => read.links,
  plan(read) {
    const plan = planContactsDetailed(read.input)
    return { actions: plan.actions, more: plan.hubspotHistoryWanted }
  },
  async readMore(ctx, read, plan) {
    const hubspot = await withHubSpotHistory(ctx, read.input.hubspot, plan.more)
    return { ...read, input: { ...read.input, hubspot } }
  },
  afterSalesforce: {
    read: (ctx, _read, applied) => readCreatedSalesforce(ctx, applied),
    plan: (read, actions, _applied, created) =>
      mergeHubSpotUpdates(
        read.input,
        resolveSalesforceCreates(read.input, actions, created, read.connectionId),
      ),
  },
  io: (ctx, read): ContactIo => ({
    ...pairIoContext(ctx, read),
    objectKind: 'contact',
    salesforceTypes: ['Contact', 'Lead'],
    hubspot: {
      upsert: (inputs) => ctx.deps.hubspot.upsertContacts(inputs),
      update: (inputs) => ctx.deps.hubspot.updateContacts(inputs),
      archive: (ids) => ctx.deps.hubspot.archiveContacts(ids),
      optOut: { property: OPT_OUT, unsubscribe: (emails) => ctx.deps.hubspot.unsubscribeFromAll(emails) },
    },
  }),
  handlers: CONTACT_HANDLERS,
  afterCommit(ctx, cache, read, batch) {
    releaseCaptured(cache, read.fromCapture, batch)
    if (read.ownersRefreshed) ctx.cycle.ownersFresh = false
    ctx.cycle.salesforceImport?.created.push(...createdInHubSpot(read.connectionId, batch.planned))
  },
}
