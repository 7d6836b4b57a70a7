import type { FastifyInstance } from 'fastify'

/** The console loads nothing but its own files and talks only to its own server. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** Security headers on every answer (no @fastify/helmet installed: these are the ones the console needs). */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('content-security-policy', CONTENT_SECURITY_POLICY)
    void reply.header('x-frame-options', 'DENY')
    void reply.header('x-content-type-options', 'nosniff')
    void reply.header('referrer-policy', 'no-referrer')
    // API answers hold CRM data: never cached by the browser or a proxy.
    if (request.url.startsWith('/api/') || request.url.startsWith('/auth/'))
      void reply.header('cache-control', 'no-store')
    done(null, payload)
  })
}
