import type { FastifyPluginCallback } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { validationError } from '../http/errors.js'
import { bodyObject, type Query, stringParam, text } from '../http/query.js'
import type { Portal } from '../model/portal.js'
import type { SubscriptionDefinition } from '../model/subscriptions.js'
import { definitionOf, legalBasisOf, setStatus, unsubscribeAll } from '../services/preferences.js'
import { writeContext } from './objects-plugin.js'

const iso = (ms: number) => new Date(ms).toISOString()

function definitionJson(definition: SubscriptionDefinition) {
  return {
    id: definition.id,
    name: definition.name,
    description: definition.description,
    purpose: definition.purpose,
    communicationMethod: 'Email',
    isActive: true,
    isDefault: definition.isDefault,
    isInternal: definition.isInternal,
    createdAt: iso(definition.createdAt),
    updatedAt: iso(definition.createdAt),
  }
}

/** v3 status entries: explicit per-type statuses, or every type NOT_SUBSCRIBED after a portal-wide opt-out. */
function v3Statuses(portal: Portal, email: string) {
  const prefs = portal.subscriptions.get(email)
  return portal.subscriptions.definitions.flatMap((definition) => {
    const status = prefs?.perType.get(definition.id)
    const portalWide = prefs?.portalWideOptOutAt !== undefined
    if (status === undefined && !portalWide) return []
    return [
      {
        id: definition.id,
        name: definition.name,
        description: definition.description,
        status: portalWide ? 'NOT_SUBSCRIBED' : (status?.state ?? 'NOT_SUBSCRIBED'),
        sourceOfStatus: portalWide ? 'PORTAL_WIDE_STATUS' : 'SUBSCRIPTION_STATUS',
        preferenceGroupName: definition.purpose,
        ...(status?.legalBasis === undefined ? {} : { legalBasis: status.legalBasis }),
        ...(status?.legalBasisExplanation === undefined
          ? {}
          : { legalBasisExplanation: status.legalBasisExplanation }),
      },
    ]
  })
}

/** v4 status entries: one per type, NOT_SPECIFIED where the address has said nothing. */
function v4Statuses(portal: Portal, email: string) {
  const prefs = portal.subscriptions.get(email)
  return portal.subscriptions.definitions.map((definition) => {
    const status = prefs?.perType.get(definition.id)
    const state =
      prefs?.portalWideOptOutAt !== undefined ? 'NOT_SUBSCRIBED' : (status?.state ?? 'NOT_SPECIFIED')
    return {
      channel: 'EMAIL',
      subscriberIdString: email.toLowerCase(),
      subscriptionId: Number(definition.id),
      subscriptionName: definition.name,
      status: state,
      source: status?.source ?? 'NOT_SPECIFIED',
      timestamp: iso(status?.timestamp ?? definition.createdAt),
      ...(status?.legalBasis === undefined ? {} : { legalBasis: status.legalBasis }),
      ...(status?.legalBasisExplanation === undefined
        ? {}
        : { legalBasisExplanation: status.legalBasisExplanation }),
    }
  })
}

function wideStatuses(portal: Portal, email: string) {
  const at = portal.subscriptions.get(email)?.portalWideOptOutAt
  if (at === undefined) return []
  return [
    {
      channel: 'EMAIL',
      subscriberIdString: email.toLowerCase(),
      status: 'NOT_SUBSCRIBED',
      wideStatusType: 'PORTAL_WIDE',
      timestamp: iso(at),
    },
  ]
}

/** Communication preferences: the client-wrapped v3 API and the v4 API called through apiRequest (8.1). */
export const communicationPreferencesPlugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  const { portal } = deps
  const batch = (results: unknown[]) => ({
    status: 'COMPLETE',
    results,
    startedAt: iso(portal.clock.now()),
    completedAt: iso(portal.clock.now()),
  })
  const channel = (query: Query) => {
    const value = stringParam(query, 'channel') ?? 'EMAIL'
    if (value !== 'EMAIL') throw validationError(`Unsupported channel ${value}`)
  }

  app.get('/communication-preferences/v3/definitions', () => ({
    subscriptionDefinitions: portal.subscriptions.definitions.map(definitionJson),
  }))
  app.get<{ Params: { email: string } }>('/communication-preferences/v3/status/email/:email', (request) => ({
    recipient: request.params.email.toLowerCase(),
    subscriptionStatuses: v3Statuses(portal, request.params.email),
  }))
  for (const action of ['subscribe', 'unsubscribe'] as const) {
    app.post(`/communication-preferences/v3/${action}`, (request) => {
      const body = bodyObject(request.body)
      const email = text(body['emailAddress'], '')
      if (!email.includes('@')) throw validationError(`${email} is not a valid email address`)
      const definition = definitionOf(portal, body['subscriptionId'])
      const basis = legalBasisOf(portal, body)
      if (action === 'subscribe' && portal.subscriptions.isOptedOut(email, definition.id)) {
        throw validationError(
          `${email} has opted out of this subscription and cannot be resubscribed through this API`,
        )
      }
      const state = action === 'subscribe' ? 'SUBSCRIBED' : 'NOT_SUBSCRIBED'
      setStatus(writeContext(deps, request), email, definition.id, state, basis)
      return v3Statuses(portal, email).find((status) => status.id === definition.id)
    })
  }

  app.get('/communication-preferences/v4/definitions', () => ({
    results: portal.subscriptions.definitions.map(definitionJson),
  }))
  app.get<{ Params: { email: string } }>('/communication-preferences/v4/statuses/:email', (request) => {
    channel(request.query as Query)
    return batch(v4Statuses(portal, request.params.email))
  })
  app.post<{ Params: { email: string } }>('/communication-preferences/v4/statuses/:email', (request) => {
    const body = bodyObject(request.body)
    const email = request.params.email
    const definition = definitionOf(portal, body['subscriptionId'])
    const wanted = text(body['statusState'], '')
    if (!['SUBSCRIBED', 'NOT_SUBSCRIBED'].includes(wanted))
      throw validationError(`Unsupported statusState ${wanted}`)
    const previous = setStatus(
      writeContext(deps, request),
      email,
      definition.id,
      wanted as 'SUBSCRIBED',
      legalBasisOf(portal, body),
    )
    const reason =
      previous === wanted
        ? 'NO_STATUS_CHANGE'
        : wanted === 'SUBSCRIBED' && previous === 'NOT_SUBSCRIBED'
          ? 'RESUBSCRIBE_OCCURRED'
          : 'REQUESTED_CHANGE_OCCURRED'
    const result = v4Statuses(portal, email).find((status) => status.subscriptionId === Number(definition.id))
    return batch([{ ...result, setStatusSuccessReason: reason }])
  })
  app.post<{ Params: { email: string } }>(
    '/communication-preferences/v4/statuses/:email/unsubscribe-all',
    (request) => {
      const query = request.query as Query
      channel(query)
      const changed = unsubscribeAll(writeContext(deps, request), request.params.email)
      const verbose = stringParam(query, 'verbose') === 'true'
      const statuses = v4Statuses(portal, request.params.email).filter((s) =>
        changed.includes(String(s.subscriptionId)),
      )
      return batch(verbose ? statuses : [])
    },
  )
  app.get<{ Params: { email: string } }>(
    '/communication-preferences/v4/statuses/:email/unsubscribe-all',
    (request) => {
      channel(request.query as Query)
      return { results: wideStatuses(portal, request.params.email) }
    },
  )
  app.post('/communication-preferences/v4/statuses/batch/read', (request) => {
    const inputs = bodyObject(request.body)['inputs']
    return batch((Array.isArray(inputs) ? inputs : []).flatMap((email) => v4Statuses(portal, String(email))))
  })
  app.post('/communication-preferences/v4/statuses/batch/unsubscribe-all', (request) => {
    const inputs = bodyObject(request.body)['inputs']
    const ctx = writeContext(deps, request)
    const emails = (Array.isArray(inputs) ? inputs : []).map(String)
    for (const email of emails) unsubscribeAll(ctx, email)
    return batch(
      emails.map((email) => ({
        subscriberIdString: email.toLowerCase(),
        statuses: v4Statuses(portal, email),
      })),
    )
  })
  app.post('/communication-preferences/v4/statuses/batch/unsubscribe-all/read', (request) => {
    const inputs = bodyObject(request.body)['inputs']
    return batch(
      (Array.isArray(inputs) ? inputs : []).map((email) => ({
        subscriberIdString: String(email).toLowerCase(),
        wideStatuses: wideStatuses(portal, String(email)),
      })),
    )
  })
  app.post('/communication-preferences/v4/statuses/batch/write', (request) => {
    const inputs = bodyObject(request.body)['inputs']
    const ctx = writeContext(deps, request)
    const results = (Array.isArray(inputs) ? (inputs as Array<Record<string, unknown>>) : []).map((input) => {
      const email = text(input['subscriberIdString'], '')
      const definition = definitionOf(portal, input['subscriptionId'])
      const state = input['statusState'] === 'SUBSCRIBED' ? 'SUBSCRIBED' : 'NOT_SUBSCRIBED'
      setStatus(ctx, email, definition.id, state, legalBasisOf(portal, input))
      return v4Statuses(portal, email).find((status) => status.subscriptionId === Number(definition.id))
    })
    return batch(results)
  })
  done()
}
