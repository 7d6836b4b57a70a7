import type { FastifyPluginCallback } from 'fastify'

import { isControllableClock } from '../clock.js'
import type { SandboxDeps } from '../deps.js'
import { notFound, validationError } from '../http/errors.js'
import { bodyObject, text } from '../http/query.js'
import { toObjectJson } from '../http/serialize.js'
import type { FaultRule } from '../limits/faults.js'
import { OBJECT_TYPE_NAMES, objectTypeOf } from '../model/object-types.js'
import { toOwnerJson } from '../model/owners.js'
import type { MarketingEmailEvent } from '../model/portal.js'
import type { Knobs, SeedOption } from '../options.js'
import { seedPortal } from '../seed/seed-portal.js'
import { invalidateDynamicLists } from '../services/list-membership.js'
import { updateRecord } from '../services/record-writes.js'
import { findLive, lookUp, restoreRecord } from '../services/write-records.js'
import type { WebhookOptions } from '../webhooks/dispatcher.js'
import { writtenShape } from './objects-plugin.js'

/**
 * The test-only admin API under /__sandbox/ (design.md 4.3): reset, seed, clock, faults, rate limits,
 * knobs, tokens (with their scopes and user), counters, webhooks and their delivery log, edits and restores "as a user", owner
 * deactivation, marketing email events.
 * It needs no token and is not counted or rate limited.
 */
export const adminPlugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  const { portal, clock } = deps
  const clockJson = () => ({
    now: clock.now(),
    iso: new Date(clock.now()).toISOString(),
    frozen: isControllableClock(clock) ? clock.frozen : false,
  })
  const stats = () =>
    Object.fromEntries(OBJECT_TYPE_NAMES.map((name) => [name, portal.stores[name].liveCount])) as Record<
      string,
      number
    >

  app.get('/__sandbox', () => ({
    portalId: portal.portalId,
    appId: deps.appId,
    records: stats(),
    clock: clockJson(),
    knobs: portal.knobs,
    settings: portal.settings,
  }))

  app.post('/__sandbox/reset', () => {
    portal.reset()
    deps.counters.reset()
    deps.limiter.reset()
    deps.webhooks.log.length = 0
    return { records: stats() }
  })

  app.post('/__sandbox/seed', (request) => {
    const body = bodyObject(request.body ?? {})
    if (body['reset'] === true) portal.reset()
    const seed = (body['seed'] ?? 'small') as SeedOption
    if (typeof seed === 'string' && !['none', 'small', 'large'].includes(seed))
      throw validationError(`Unknown seed ${seed}`)
    const seeded = seedPortal(portal, seed, { sourceType: 'IMPORT' })
    invalidateDynamicLists(portal)
    return { seeded, records: stats() }
  })

  app.get('/__sandbox/clock', clockJson)
  app.post('/__sandbox/clock', (request) => {
    if (!isControllableClock(clock))
      throw validationError('This sandbox was built with a clock the admin API cannot move')
    const body = bodyObject(request.body ?? {})
    // Freeze first: freezing after a set on a running clock would stop it a millisecond past the set time.
    if (typeof body['freeze'] === 'boolean') clock.freeze(body['freeze'])
    if (typeof body['set'] === 'number' || typeof body['set'] === 'string')
      clock.set(new Date(body['set']).getTime())
    if (typeof body['advanceMs'] === 'number') clock.advance(body['advanceMs'])
    return clockJson()
  })

  app.get('/__sandbox/faults', () => ({ faults: deps.faults.list() }))
  app.put('/__sandbox/faults', (request) => {
    deps.faults.set((bodyObject(request.body)['faults'] ?? []) as FaultRule[])
    return { faults: deps.faults.list() }
  })
  app.post('/__sandbox/faults', (request) => {
    deps.faults.add((bodyObject(request.body)['faults'] ?? []) as FaultRule[])
    return { faults: deps.faults.list() }
  })
  app.delete('/__sandbox/faults', () => {
    deps.faults.set([])
    return { faults: [] }
  })

  app.get('/__sandbox/rate-limits', () => deps.limiter.limits)
  app.put('/__sandbox/rate-limits', (request) => {
    deps.limiter.configure(bodyObject(request.body))
    deps.limiter.reset()
    return deps.limiter.limits
  })
  // A new day for the quota (and an empty burst window) without changing the limits: a test that ran the daily
  // quota down restores it this way.
  app.post('/__sandbox/rate-limits/reset', () => {
    deps.limiter.reset()
    return deps.limiter.limits
  })

  app.get('/__sandbox/knobs', () => portal.knobs)
  app.patch('/__sandbox/knobs', (request) => {
    Object.assign(portal.knobs, bodyObject(request.body) as Partial<Knobs>)
    return portal.knobs
  })

  app.post('/__sandbox/tokens', (request) => {
    const body = bodyObject(request.body)
    const token = text(body['token'], '')
    if (token === '') throw validationError('token is required')
    const expiresInMs = typeof body['expiresInMs'] === 'number' ? body['expiresInMs'] : undefined
    portal.tokens.set(token, {
      appId: Number(body['appId'] ?? deps.appId),
      kind: body['kind'] === 'oauth' ? 'oauth' : 'private-app',
      scopes: Array.isArray(body['scopes'])
        ? body['scopes'].map(String)
        : [...(portal.tokens.get(deps.accessToken)?.scopes ?? [])],
      ...(expiresInMs === undefined ? {} : { expiresAt: clock.now() + expiresInMs }),
      ...(body['userId'] === undefined ? {} : { userId: text(body['userId']) }),
    })
    return { token }
  })

  app.get('/__sandbox/counters', () => deps.counters.snapshot())
  app.delete('/__sandbox/counters', () => {
    deps.counters.reset()
    return deps.counters.snapshot()
  })

  app.get('/__sandbox/webhooks', () => ({
    options: deps.webhooks.options ?? null,
    subscriptions: deps.webhooks.subscriptions,
  }))
  app.put('/__sandbox/webhooks', (request) => {
    const body = bodyObject(request.body)
    deps.webhooks.configure(
      typeof body['targetUrl'] === 'string' ? (body as unknown as WebhookOptions) : undefined,
    )
    return { options: deps.webhooks.options ?? null, subscriptions: deps.webhooks.subscriptions }
  })
  app.get('/__sandbox/webhooks/log', () => ({ deliveries: deps.webhooks.log }))
  app.post('/__sandbox/webhooks/flush', async () => {
    await deps.webhooks.idle()
    return { deliveries: deps.webhooks.log.length }
  })

  // An edit made "in the HubSpot UI" by a user: history and webhooks say CRM_UI (api-surface.md 8.6).
  app.patch<{ Params: { type: string; id: string } }>('/__sandbox/objects/:type/:id', (request) => {
    const info = objectTypeOf(request.params.type)
    const body = bodyObject(request.body)
    const userId = text(body['userId'], String(portal.owners[0]?.userId ?? 0))
    const record = findLive(portal, info.name, request.params.id)
    updateRecord(
      { portal, source: { sourceType: 'CRM_UI', sourceId: `userId:${userId}` } },
      info.name,
      record,
      body['properties'] ?? {},
    )
    return toObjectJson(portal, info.name, record, writtenShape(info.name, record))
  })

  // A user added in HubSpot's settings: HubSpot's public API cannot create owners, so only the admin API can.
  app.post('/__sandbox/owners', (request) => {
    const body = bodyObject(request.body)
    const email = text(body['email'], '').trim().toLowerCase()
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw validationError('email must be an email address')
    if (portal.owners.some((o) => o.email === email))
      throw validationError(`An owner with email ${email} exists`)
    const now = clock.now()
    const ids = portal.owners.map((o) => Number(o.id))
    const userIds = portal.owners.map((o) => o.userId)
    const owner = {
      id: String(Math.max(70_000_000, ...ids) + 1),
      email,
      firstName: text(body['firstName'], ''),
      lastName: text(body['lastName'], ''),
      userId: Math.max(9_000_000, ...userIds) + 1,
      archived: false,
      createdAt: now,
      updatedAt: now,
    }
    portal.owners.push(owner)
    return toOwnerJson(owner)
  })

  // A user deactivated (or reactivated) in HubSpot: the owner moves to (or from) `GET /crm/v3/owners?archived=true`.
  app.patch<{ Params: { ownerId: string } }>('/__sandbox/owners/:ownerId', (request) => {
    const body = bodyObject(request.body)
    if (typeof body['archived'] !== 'boolean') throw validationError('archived must be true or false')
    const owner = portal.owners.find((candidate) => candidate.id === request.params.ownerId)
    if (owner === undefined) throw notFound(`Owner ${request.params.ownerId} not found`)
    owner.archived = body['archived']
    owner.updatedAt = clock.now()
    return toOwnerJson(owner)
  })

  // "Restore" of a deleted record in the HubSpot UI within 90 days: HubSpot has no public restore endpoint.
  app.post<{ Params: { type: string; id: string } }>('/__sandbox/objects/:type/:id/restore', (request) => {
    const info = objectTypeOf(request.params.type)
    const body = bodyObject(request.body ?? {})
    const userId = text(body['userId'], String(portal.owners[0]?.userId ?? 0))
    const record = lookUp(portal, info.name, request.params.id, undefined, true)
    if (record === undefined) throw notFound(`No deleted ${info.name} ${request.params.id}`)
    restoreRecord(
      { portal, source: { sourceType: 'CRM_UI', sourceId: `userId:${userId}` } },
      info.name,
      record,
    )
    return toObjectJson(portal, info.name, record, writtenShape(info.name, record))
  })

  app.post('/__sandbox/marketing-email-events', (request) => {
    const events = bodyObject(request.body)['events']
    if (!Array.isArray(events)) throw validationError('events must be an array')
    for (const raw of events as Array<Record<string, unknown>>) {
      const type = text(raw['type'], 'SENT') as MarketingEmailEvent['type']
      if (!['SENT', 'OPEN', 'CLICK'].includes(type)) throw validationError(`Unknown event type ${type}`)
      portal.marketingEvents.push({
        id: `evt-${portal.marketingEvents.length + 1}`,
        type,
        recipient: text(raw['recipient'], '').toLowerCase(),
        created: Number(raw['created'] ?? clock.now()),
        emailCampaignId: Number(raw['emailCampaignId'] ?? 5000),
        ...(typeof raw['url'] === 'string' ? { url: raw['url'] } : {}),
      })
    }
    return { total: portal.marketingEvents.length }
  })
  done()
}
