import type { LiveEvent } from '../api-types.js'
import type { ApiRoutes } from './route-types.js'

/** A comment line every this often keeps proxies and the browser from closing an idle stream. */
export const HEARTBEAT_MS = 15_000

/**
 * `GET /api/live`: server-sent events, `event: cycle` for every cycle that did work and `event: change` for
 * every field it wrote. Data is JSON; the console renders it as text.
 */
export const liveRoutes: ApiRoutes = (app, { live }) => {
  app.get('/api/live', (request, reply) => {
    reply.hijack()
    const res = reply.raw
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    })
    res.write(': connected\n\n')
    const send = (event: LiveEvent) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)
    const unsubscribe = live.subscribe(send)
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS)
    let ended = false
    const cleanup = () => {
      if (ended) return
      ended = true
      clearInterval(heartbeat)
      unsubscribe()
      unregister()
    }
    const unregister = live.onClose(() => {
      cleanup()
      res.end()
    })
    request.raw.on('close', cleanup)
  })
}
