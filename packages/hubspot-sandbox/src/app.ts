import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'

import { type Clock, createControllableClock } from './clock.js'
import type { SandboxDeps } from './deps.js'
import { HubSpotError } from './http/errors.js'
import { CallCounters } from './limits/counters.js'
import { Faults } from './limits/faults.js'
import { RateLimiter } from './limits/rate-limiter.js'
import { DEFAULT_ACCOUNT_SETTINGS, isKnownTimeZone } from './model/account.js'
import { FULL_SCOPES, Portal } from './model/portal.js'
import { defaultUsers } from './model/users.js'
import { DEFAULT_ACCESS_TOKEN, DEFAULT_APP_ID, DEFAULT_PORTAL_ID, type SandboxOptions } from './options.js'
import { accountInfoPlugin } from './routes/account-info-plugin.js'
import { activityAdminPlugin } from './routes/activity-admin-plugin.js'
import { adminPlugin } from './routes/admin-plugin.js'
import { associationsPlugin } from './routes/associations-plugin.js'
import { associationsV3Plugin } from './routes/associations-v3-plugin.js'
import { batchPlugin } from './routes/batch-plugin.js'
import { communicationPreferencesPlugin } from './routes/communication-preferences-plugin.js'
import { formsPlugin } from './routes/forms-plugin.js'
import { installGuard } from './routes/guard-plugin.js'
import { listsPlugin } from './routes/lists-plugin.js'
import { marketingEmailPlugin } from './routes/marketing-email-plugin.js'
import { mergePlugin } from './routes/merge-plugin.js'
import { oauthPlugin } from './routes/oauth-plugin.js'
import { objectsPlugin } from './routes/objects-plugin.js'
import { ownersPlugin } from './routes/owners-plugin.js'
import { pipelinesPlugin } from './routes/pipelines-plugin.js'
import { propertiesPlugin } from './routes/properties-plugin.js'
import { searchPlugin } from './routes/search-plugin.js'
import { settingsPlugin } from './routes/settings-plugin.js'
import { usersPlugin } from './routes/users-plugin.js'
import { webhookSettingsPlugin } from './routes/webhook-settings-plugin.js'
import { seedPortal } from './seed/seed-portal.js'
import { WebhookDispatcher } from './webhooks/dispatcher.js'

/** JSON bodies, where an empty body (DELETE, PUT with no payload) reads as undefined instead of failing. */
function installParsers(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8')
    if (text.trim() === '') {
      done(null, undefined)
      return
    }
    try {
      done(null, JSON.parse(text))
    } catch (err) {
      done(
        new HubSpotError({
          status: 400,
          category: 'VALIDATION_ERROR',
          message: `Invalid input JSON: ${(err as Error).message}`,
        }),
        undefined,
      )
    }
  })
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(
        null,
        Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))),
      )
    },
  )
}

/** Every error leaves as HubSpot's error JSON (api-surface.md 3.13), with application/json. */
function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HubSpotError, _request, reply) => {
    if (err instanceof HubSpotError) {
      void reply.code(err.status).headers(err.headers).send(err.toBody())
      return
    }
    const status = err.statusCode ?? 500
    const known = new HubSpotError({
      status,
      message: status >= 500 ? `internal error: ${err.message}` : err.message,
      ...(status === 400 ? { category: 'VALIDATION_ERROR' as const } : {}),
    })
    void reply.code(status).send(known.toBody())
  })
  app.setNotFoundHandler((request, reply) => {
    const error = new HubSpotError({
      status: 404,
      category: 'OBJECT_NOT_FOUND',
      message: `No route for ${request.method} ${request.url.split('?')[0] ?? ''}`,
    })
    void reply.code(404).send(error.toBody())
  })
}

/**
 * Builds the HubSpot sandbox as a Fastify app, without listening (style guide item 5). The portal is
 * seeded before this resolves. Close the app to stop webhook deliveries.
 */
export async function build(opts: SandboxOptions = {}): Promise<FastifyInstance> {
  const clock: Clock = opts.clock ?? createControllableClock()
  const portalId = opts.portalId ?? DEFAULT_PORTAL_ID
  const appId = opts.appId ?? DEFAULT_APP_ID
  const accessToken = opts.accessToken ?? DEFAULT_ACCESS_TOKEN
  const portal = new Portal({
    portalId,
    clock,
    ...(opts.knobs === undefined ? {} : { knobs: opts.knobs }),
    ...(opts.settings === undefined ? {} : { settings: opts.settings }),
  })
  portal.tokens.set(accessToken, { appId, kind: 'private-app', scopes: opts.scopes ?? FULL_SCOPES })
  for (const user of defaultUsers(opts.user)) portal.users.set(user.id, user)
  const webhooks = new WebhookDispatcher(portalId, appId)
  webhooks.configure(opts.webhooks)
  portal.setSink(webhooks)
  const faults = new Faults()
  faults.set(opts.faults ?? [])
  const timeZone = opts.timeZone ?? DEFAULT_ACCOUNT_SETTINGS.timeZone
  if (!isKnownTimeZone(timeZone)) throw new Error(`hubspot-sandbox: unknown time zone ${timeZone}`)
  const deps: SandboxDeps = {
    portal,
    clock,
    limiter: new RateLimiter(opts.rateLimits),
    faults,
    counters: new CallCounters(),
    webhooks,
    appId,
    accessToken,
    account: { ...DEFAULT_ACCOUNT_SETTINGS, additionalCurrencies: [], timeZone },
  }
  seedPortal(portal, opts.seed ?? 'none', { sourceType: 'IMPORT' })

  const app = Fastify({
    logger: opts.logger ?? false,
    forceCloseConnections: true,
    bodyLimit: 50 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
  })
  installParsers(app)
  installErrorHandling(app)
  installGuard(app, deps)
  app.addHook('onClose', (_instance, done) => {
    webhooks.stop()
    done()
  })
  for (const plugin of [
    objectsPlugin,
    batchPlugin,
    searchPlugin,
    mergePlugin,
    associationsPlugin,
    associationsV3Plugin,
    ownersPlugin,
    pipelinesPlugin,
    propertiesPlugin,
    listsPlugin,
    communicationPreferencesPlugin,
    marketingEmailPlugin,
    formsPlugin,
    activityAdminPlugin,
    oauthPlugin,
    webhookSettingsPlugin,
    accountInfoPlugin,
    adminPlugin,
    settingsPlugin,
    usersPlugin,
  ]) {
    await app.register(plugin, deps)
  }
  await app.ready()
  return app
}
