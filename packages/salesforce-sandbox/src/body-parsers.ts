// Request body parsers for every route: JSON, forms (OAuth) and XML (SOAP).
import type { FastifyInstance, FastifyRequest } from 'fastify'

type Done = (err: Error | null, body?: unknown) => void
type CallbackParser = (request: FastifyRequest, body: string, done: Done) => void

export function registerBodyParsers(app: FastifyInstance): void {
  // Salesforce reads an empty body as no body whatever the Content-Type, and clients such as
  // simple-salesforce send `application/json` on DELETE and GET too. So a zero-length JSON body becomes
  // `undefined` (routes that need a body refuse it themselves); anything else goes to Fastify's own
  // parser, with its prototype-poisoning guards, and malformed JSON stays a JSON_PARSER_ERROR (hooks.ts).
  // Fastify's default JSON parser is the callback form (its type also admits the promise form).
  const parseJson = app.getDefaultJsonParser('error', 'error') as CallbackParser
  app.addContentTypeParser<string>('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body.length === 0) done(null, undefined)
    else parseJson(request, body, done)
  })
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))))
  })
  app.addContentTypeParser(
    ['text/xml', 'application/xml', 'application/soap+xml'],
    { parseAs: 'string' },
    (_req, body, done) => {
      done(null, body)
    },
  )
}
