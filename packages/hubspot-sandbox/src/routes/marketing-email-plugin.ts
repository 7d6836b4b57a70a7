import type { FastifyPluginCallback } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { notFound } from '../http/errors.js'
import { intParam, type Query, stringParam } from '../http/query.js'

/**
 * Marketing email events (sent, open, click) on the legacy `GET /email/public/v1/events` API, which the
 * client has no wrapper for (use `client.apiRequest`). Events are seeded or added with the admin API.
 */
export const marketingEmailPlugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  const { portal } = deps
  app.get('/email/public/v1/events', (request) => {
    const query = request.query as Query
    const recipient = stringParam(query, 'recipient')?.toLowerCase()
    const eventType = stringParam(query, 'eventType')
    const campaignId = stringParam(query, 'campaignId')
    const start = Number(stringParam(query, 'startTimestamp') ?? Number.NEGATIVE_INFINITY)
    const end = Number(stringParam(query, 'endTimestamp') ?? Number.POSITIVE_INFINITY)
    const limit = intParam(query, 'limit', 100, 1000)
    const offset = Number(stringParam(query, 'offset') ?? 0)
    const matching = portal.marketingEvents
      .filter(
        (event) =>
          (recipient === undefined || event.recipient === recipient) &&
          (eventType === undefined || event.type === eventType) &&
          (campaignId === undefined || String(event.emailCampaignId) === campaignId) &&
          event.created >= start &&
          event.created <= end,
      )
      .sort((a, b) => a.created - b.created)
    const page = matching.slice(offset, offset + limit)
    return {
      events: page.map((event) => ({ ...event, portalId: portal.portalId, appId: deps.appId })),
      hasMore: offset + page.length < matching.length,
      offset: String(offset + page.length),
    }
  })
  // One event by its EventId (`created` and `id` together, as HubSpot identifies events).
  app.get<{ Params: { created: string; id: string } }>('/email/public/v1/events/:created/:id', (request) => {
    const { created, id } = request.params
    const event = portal.marketingEvents.find((e) => e.id === id && String(e.created) === created)
    if (event === undefined) throw notFound(`No email event ${created}/${id}`)
    return { ...event, portalId: portal.portalId, appId: deps.appId }
  })
  done()
}
