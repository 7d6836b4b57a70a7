import type { FastifyPluginCallback } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { notFound, validationError } from '../http/errors.js'
import { bodyObject, text } from '../http/query.js'
import type { WebhookSubscription } from '../webhooks/dispatcher.js'

const EVENT_TYPE =
  /^(contact|company|deal)\.(creation|deletion|propertyChange|merge|restore|associationChange|privacyDeletion)$/

function subscriptionJson(subscription: WebhookSubscription) {
  return {
    id: String(subscription.id),
    eventType: subscription.eventType,
    ...(subscription.propertyName === undefined ? {} : { propertyName: subscription.propertyName }),
    active: subscription.active,
    createdAt: new Date(subscription.createdAt).toISOString(),
    updatedAt: new Date(subscription.updatedAt).toISOString(),
  }
}

/**
 * Webhook settings and subscriptions v3 (api-surface.md 3.11), authenticated with the developer API key
 * (`hapikey`). The admin route `/__sandbox/webhooks` does the same job for tests.
 */
export const webhookSettingsPlugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  const { webhooks } = deps
  type Params = { appId: string; subscriptionId: string }
  const checkApp = (appId: string): void => {
    if (Number(appId) !== deps.appId) throw notFound(`App ${appId} not found`)
  }
  const settingsJson = () => {
    const options = webhooks.options
    if (options === undefined) throw notFound('No webhook settings for this app')
    const at = new Date(webhooks.subscriptions[0]?.createdAt ?? Date.now()).toISOString()
    return {
      targetUrl: options.targetUrl,
      throttling: { maxConcurrentRequests: 10, period: 'SECONDLY' },
      createdAt: at,
      updatedAt: at,
    }
  }
  const find = (params: Params): WebhookSubscription => {
    checkApp(params.appId)
    const subscription = webhooks.subscriptions.find((s) => s.id === Number(params.subscriptionId))
    if (subscription === undefined) throw notFound(`Subscription ${params.subscriptionId} not found`)
    return subscription
  }
  const patch = (subscription: WebhookSubscription, body: Record<string, unknown>): WebhookSubscription => {
    if (typeof body['active'] === 'boolean') subscription.active = body['active']
    subscription.updatedAt = Date.now()
    return subscription
  }

  app.get<{ Params: Params }>('/webhooks/v3/:appId/settings', (request) => {
    checkApp(request.params.appId)
    return settingsJson()
  })
  app.put<{ Params: Params }>('/webhooks/v3/:appId/settings', (request) => {
    checkApp(request.params.appId)
    const targetUrl = text(bodyObject(request.body)['targetUrl'])
    if (!/^https?:\/\//.test(targetUrl))
      throw validationError(`targetUrl ${targetUrl} must be an http(s) URL`)
    webhooks.setTarget(targetUrl)
    return settingsJson()
  })
  app.delete<{ Params: Params }>('/webhooks/v3/:appId/settings', async (request, reply) => {
    checkApp(request.params.appId)
    webhooks.setTarget(undefined)
    return reply.code(204).send()
  })

  app.get<{ Params: Params }>('/webhooks/v3/:appId/subscriptions', (request) => {
    checkApp(request.params.appId)
    return { results: webhooks.subscriptions.map(subscriptionJson) }
  })
  app.post<{ Params: Params }>('/webhooks/v3/:appId/subscriptions', async (request, reply) => {
    checkApp(request.params.appId)
    const body = bodyObject(request.body)
    const eventType = text(body['eventType'])
    if (!EVENT_TYPE.test(eventType)) throw validationError(`Unsupported eventType ${eventType}`)
    const propertyName = typeof body['propertyName'] === 'string' ? body['propertyName'] : undefined
    if (eventType.endsWith('.propertyChange') && propertyName === undefined) {
      throw validationError('propertyName is required for propertyChange subscriptions')
    }
    const created = webhooks.addSubscription({
      eventType,
      ...(propertyName === undefined ? {} : { propertyName }),
      active: body['active'] !== false,
    })
    void reply.code(201)
    return subscriptionJson(created)
  })
  app.post<{ Params: Params }>('/webhooks/v3/:appId/subscriptions/batch/update', (request) => {
    checkApp(request.params.appId)
    const inputs = bodyObject(request.body)['inputs']
    const results = (Array.isArray(inputs) ? (inputs as Array<Record<string, unknown>>) : []).map((input) =>
      subscriptionJson(
        patch(find({ appId: request.params.appId, subscriptionId: text(input['id']) }), input),
      ),
    )
    const at = new Date().toISOString()
    return { status: 'COMPLETE', results, startedAt: at, completedAt: at }
  })
  app.get<{ Params: Params }>('/webhooks/v3/:appId/subscriptions/:subscriptionId', (request) =>
    subscriptionJson(find(request.params)),
  )
  app.patch<{ Params: Params }>('/webhooks/v3/:appId/subscriptions/:subscriptionId', (request) =>
    subscriptionJson(patch(find(request.params), bodyObject(request.body))),
  )
  app.delete<{ Params: Params }>(
    '/webhooks/v3/:appId/subscriptions/:subscriptionId',
    async (request, reply) => {
      webhooks.removeSubscription(find(request.params).id)
      return reply.code(204).send()
    },
  )
  done()
}
