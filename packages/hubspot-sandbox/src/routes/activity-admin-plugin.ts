import type { FastifyPluginCallback } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { validationError } from '../http/errors.js'
import { bodyObject, text } from '../http/query.js'
import { toObjectJson } from '../http/serialize.js'
import { applySystemUpdate } from '../services/system-update.js'
import { findLive } from '../services/write-records.js'

const COUNTS = { OPEN: 'hs_email_open_count', CLICK: 'hs_email_click_count' } as const

/**
 * Admin API for activity that only a recipient can cause: opens and clicks of a tracked one-to-one (sales)
 * email. HubSpot's public APIs expose them only as counts on the email engagement (the email events API
 * covers marketing emails), so each open or click adds one to `hs_email_open_count` or
 * `hs_email_click_count`, at the sandbox clock's time, and the property history keeps one entry per event.
 */
export const activityAdminPlugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  const { portal } = deps
  // Body `{events: [{emailId, type: 'OPEN' | 'CLICK'}]}`; answers the email engagements after the events.
  app.post('/__sandbox/sales-email-events', (request) => {
    const events = bodyObject(request.body)['events']
    if (!Array.isArray(events)) throw validationError('events must be an array')
    const parsed = (events as unknown[]).map((raw) => {
      const event = bodyObject(raw)
      const type = text(event['type'], '') as keyof typeof COUNTS
      if (!(type in COUNTS)) throw validationError(`type must be OPEN or CLICK, not ${type}`)
      return { email: findLive(portal, 'emails', text(event['emailId'], '')), property: COUNTS[type] }
    })
    const ctx = { portal, source: { sourceType: 'EMAIL' } }
    for (const { email, property } of parsed) {
      const count = Number(email.props[property] ?? '0') + 1
      // An open or click changes the email, so hs_lastmodifieddate moves and a search on it finds it.
      applySystemUpdate(ctx, 'emails', email, { [property]: String(count) }, true)
    }
    const touched = [...new Set(parsed.map((p) => p.email))]
    return {
      results: touched.map((email) =>
        toObjectJson(portal, 'emails', email, {
          properties: [...Object.values(COUNTS), 'hs_email_subject'],
        }),
      ),
    }
  })
  done()
}
