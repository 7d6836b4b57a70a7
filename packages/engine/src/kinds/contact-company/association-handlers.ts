import type { AssociationAction, SalesforceUpdate } from '@crmsync/core'

import type { EngineDeps } from '../../engine-types.js'
import {
  type ActionHandler,
  type ActionHandlers,
  EventsBuilder,
  storeOnly,
} from '../../pipeline/action-handler.js'
import { hubspotKey } from '../../pipeline/apply-result.js'
import { salesforceTypeOf } from '../contact/contact-fields.js'

/** What the association handlers are given: the connectors. */
export interface AssociationIo {
  readonly deps: EngineDeps
}

type Of<K extends AssociationAction['kind']> = Extract<AssociationAction, { kind: K }>

const COLLECTIONS_SIZE = 200
const HUBSPOT_BATCH_SIZE = 100
const calls = (n: number, size: number) => Math.ceil(n / size)

/** Contact.AccountId, through sObject Collections updates of Contacts (200 per call). */
const setAccount: ActionHandler<Of<'set-account'>, AssociationIo> = {
  step: 'salesforce',
  async apply(actions, io) {
    const out = new EventsBuilder()
    const updates = actions.map((a): SalesforceUpdate => ({
      id: a.contactId,
      fields: { AccountId: a.accountId },
    }))
    const results = await io.deps.salesforce.write({ type: 'Contact', updates })
    actions.forEach((a, i) => {
      const result = results.updates[i]
      if (result?.ok === true) {
        out.written(a.contactId).count('salesforce', 'updated')
        return
      }
      out.failed(hubspotKey(a.hubspotId)).failure({
        side: 'hubspot',
        recordId: a.hubspotId,
        writtenSide: 'salesforce',
        code: result?.error.code ?? 'SF_UNKNOWN',
        message: result?.error.message ?? 'no result for this record',
      })
    })
    return out.events()
  },
  report: (actions) => ({
    planned: actions.map((a) => ({
      kind: 'update',
      side: 'salesforce' as const,
      hubspotId: a.hubspotId,
      salesforceId: a.contactId,
      detail: `Contact: AccountId = ${a.accountId}`,
    })),
    apiCost: { salesforce: calls(actions.length, COLLECTIONS_SIZE) },
    counts: [{ side: 'salesforce', key: 'updated', by: actions.length }],
  }),
  effects: () => [],
}

/** The HubSpot contact's primary company (v4 associations, 100 per call). */
const setPrimaryCompany: ActionHandler<Of<'set-primary-company'>, AssociationIo> = {
  step: 'hubspot',
  async apply(actions, io) {
    const out = new EventsBuilder()
    const results = await io.deps.hubspot.setPrimaryCompanies(
      actions.map((a) => ({ contactId: a.hubspotId, companyId: a.companyId })),
    )
    actions.forEach((a, i) => {
      const result = results[i]
      if (result?.outcome === 'written') {
        out.count('hubspot', 'updated')
        return
      }
      out.failed(hubspotKey(a.hubspotId)).failure({
        side: 'hubspot',
        recordId: a.hubspotId,
        writtenSide: 'hubspot',
        code: result?.outcome === 'failed' ? result.code : 'HS_UNEXPECTED_RESPONSE',
        message: result?.outcome === 'failed' ? result.message : 'no result for this record',
      })
    })
    return out.events()
  },
  report: (actions) => ({
    planned: actions.map((a) => ({
      kind: 'update',
      side: 'hubspot' as const,
      hubspotId: a.hubspotId,
      salesforceId: null,
      detail: `primary company = ${a.companyId}`,
    })),
    apiCost: { hubspot: calls(actions.length, HUBSPOT_BATCH_SIZE) },
    counts: [{ side: 'hubspot', key: 'updated', by: actions.length }],
  }),
  effects: () => [],
}

/** B-CMP-14: companies' lifecycle stages (batch updates of companies, 100 per call). */
const setCompanyLifecycle: ActionHandler<Of<'set-company-lifecycle'>, AssociationIo> = {
  step: 'hubspot',
  async apply(actions, io) {
    const out = new EventsBuilder()
    const results = await io.deps.hubspot.updateCompanies(
      actions.map((a) => ({ id: a.companyId, properties: { lifecyclestage: a.stage } })),
    )
    actions.forEach((a, i) => {
      const result = results[i]
      if (result?.outcome === 'written') return
      // The contact's error: its retry plans the copy again, and its lifecycle state is not committed.
      out.failed(hubspotKey(a.hubspotId)).failure({
        side: 'hubspot',
        recordId: a.hubspotId,
        writtenSide: 'hubspot',
        code: result?.outcome === 'failed' ? result.code : 'HS_UNEXPECTED_RESPONSE',
        message: `company ${a.companyId}: ${result?.outcome === 'failed' ? result.message : 'no result for this record'}`,
      })
    })
    return out.events()
  },
  report: (actions) => ({
    planned: actions.map((a) => ({
      kind: 'update',
      side: 'hubspot' as const,
      hubspotId: a.companyId,
      salesforceId: null,
      detail: `company lifecyclestage = ${a.stage}`,
    })),
    apiCost: { hubspot: calls(actions.length, HUBSPOT_BATCH_SIZE) },
  }),
  effects: () => [],
}

/**
 * One handler per pass-3 action kind (design.md 3.4). The association's state is kept on the contact link
 * (`salesforceaccountid`, and the lifecycle stage last copied), committed only when the contact's writes
 * succeeded.
 */
export const ASSOCIATION_HANDLERS: ActionHandlers<AssociationAction, AssociationIo> = {
  'set-account': setAccount,
  'set-primary-company': setPrimaryCompany,
  'set-company-lifecycle': setCompanyLifecycle,
  commit: storeOnly({
    effects: (a, applied) =>
      applied.failed.has(hubspotKey(a.hubspotId))
        ? []
        : [
            {
              kind: 'sync-fields',
              hubspotId: a.hubspotId,
              salesforceType: salesforceTypeOf(a.salesforceId) ?? 'Contact',
              salesforceId: a.salesforceId,
              fields: { [a.field]: a.state },
              decisions: a.decision === undefined ? [] : [a.decision],
            },
          ],
  }),
  requeue: storeOnly({
    effects: (a) => [{ kind: 'requeue', side: a.side, ids: a.ids, objectKind: a.objectKind }],
  }),
  skip: storeOnly({ effects: (a) => [{ kind: 'resolve-errors', side: a.side, recordId: a.id }] }),
  error: storeOnly({
    effects: (a) => [
      {
        kind: 'record-error',
        failure: {
          side: 'hubspot',
          recordId: a.hubspotId,
          writtenSide: 'salesforce',
          code: a.code,
          message: a.message,
        },
      },
    ],
  }),
}
