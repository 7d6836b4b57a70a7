import { type AssociationAction, planContactAccounts } from '@crmsync/core'

import type { ObjectKindDescriptor } from '../../pipeline/object-kind.js'
import { ASSOCIATION_HANDLERS, type AssociationIo } from './association-handlers.js'
import { type AssociationRead, readAssociations } from './read-associations.js'

/**
 * Pass 3 of design.md 3.4: each contact's company in HubSpot with its Salesforce Contact's AccountId, after
 * pass 2 gave companies their accounts. It captures nothing of its own: the contact pass sends it every
 * changed contact, the company pass the contacts of every company or account it pairs. Its state lives on
 * the contact links; its errors and inbox rows are its own kind.
 */
export const ASSOCIATION_KIND: ObjectKindDescriptor<
  undefined,
  AssociationRead,
  AssociationAction,
  AssociationIo
> = {
  kind: 'contact-company',
  linkKind: 'contact',
  createCache: () => undefined,
  capture: [],
  read: (ctx, _cache, rows) => readAssociations(ctx, rows),
  links: (read) => read.links,
  plan: (read) => ({ actions: planContactAccounts(read.input), more: [] }),
  readMore: (_ctx, read) => Promise.resolve(read),
  io: (ctx) => ({ deps: ctx.deps }),
  handlers: ASSOCIATION_HANDLERS,
  afterCommit: () => undefined,
}
