import type { EventSink, PendingEvent } from './events.js'
import { signV1, signV3 } from './sign.js'

/** A webhook subscription: an event type (`contact.creation`) and, for propertyChange, a property. */
export interface WebhookSubscription {
  readonly id: number
  readonly eventType: string
  /** For `*.propertyChange`: the property, or '*' for all (a sandbox convenience). */
  readonly propertyName?: string
  active: boolean
  readonly createdAt: number
  updatedAt: number
}

/** Where and how to deliver webhooks. */
export interface WebhookOptions {
  /** The receiver's URL. */
  readonly targetUrl: string
  /** The app secret that keys the signatures. (Default: 'sandbox-client-secret') */
  readonly clientSecret?: string
  /** The app id put in events. (Default: the portal's app id) */
  readonly appId?: number
  /** (Default: creation, deletion, merge, restore, associationChange and propertyChange '*' for contact, company, deal) */
  readonly subscriptions?: ReadonlyArray<{ eventType: string; propertyName?: string; active?: boolean }>
  /** Events per POST. (Default: 100) */
  readonly maxEventsPerRequest?: number
  /** How long events gather before a POST. (Default: 50 ms) */
  readonly flushDelayMs?: number
  /** Deliveries per batch before giving up. (Default: 10) */
  readonly maxAttempts?: number
  /** Wait before retry n is n times this. (Default: 1000 ms) */
  readonly retryDelayMs?: number
  /** A delivery that takes longer fails. (Default: 5000 ms) */
  readonly timeoutMs?: number
}

export interface DeliveryLogEntry {
  readonly deliveryId: number
  readonly url: string
  readonly attempt: number
  readonly eventIds: readonly number[]
  readonly status: number | null
  readonly ok: boolean
  readonly error?: string
  /** Real time of the attempt (epoch ms). */
  readonly at: number
}

const MAX_LOG = 10_000

const DEFAULT_TYPES = ['creation', 'deletion', 'merge', 'restore', 'associationChange', 'propertyChange']

type Delivered = PendingEvent & { eventId: number; subscriptionId: number; portalId: number; appId: number }

/**
 * Batches events and POSTs them as HubSpot does: a JSON array with v1 and v3 signatures, retried with a
 * growing delay when the receiver fails. Delivery uses real timers; `occurredAt` comes from the sandbox clock.
 */
export class WebhookDispatcher implements EventSink {
  readonly log: DeliveryLogEntry[] = []
  readonly #portalId: number
  readonly #defaultAppId: number
  #options: WebhookOptions | undefined
  #subscriptions: WebhookSubscription[] = []
  #queue: Delivered[] = []
  #timers = new Set<NodeJS.Timeout>()
  #inFlight = 0
  #flushPending = false
  #nextSubscriptionId = 0
  #nextEventId = 0
  #nextDeliveryId = 0
  #waiters: Array<() => void> = []

  constructor(portalId: number, appId: number) {
    this.#portalId = portalId
    this.#defaultAppId = appId
  }

  get options(): WebhookOptions | undefined {
    return this.#options
  }

  get subscriptions(): readonly WebhookSubscription[] {
    return this.#subscriptions
  }

  configure(options: WebhookOptions | undefined): void {
    this.#options = options
    let id = 0
    const now = Date.now()
    const specs: ReadonlyArray<{ eventType: string; propertyName?: string; active?: boolean }> =
      options?.subscriptions ??
      ['contact', 'company', 'deal'].flatMap((object) =>
        DEFAULT_TYPES.map((type) => ({
          eventType: `${object}.${type}`,
          ...(type === 'propertyChange' ? { propertyName: '*' } : {}),
        })),
      )
    this.#subscriptions = specs.map((spec) => ({
      id: (id += 1),
      eventType: spec.eventType,
      ...(spec.propertyName === undefined ? {} : { propertyName: spec.propertyName }),
      active: spec.active ?? true,
      createdAt: now,
      updatedAt: now,
    }))
    this.#nextSubscriptionId = id
  }

  /** Points deliveries somewhere else (the settings API), keeping subscriptions; undefined stops them. */
  setTarget(targetUrl: string | undefined): void {
    if (targetUrl === undefined) {
      this.#options = undefined
      return
    }
    if (this.#options === undefined) {
      const subscriptions = this.#subscriptions
      this.configure({ targetUrl, subscriptions: [] })
      this.#subscriptions = subscriptions
      return
    }
    this.#options = { ...this.#options, targetUrl }
  }

  addSubscription(spec: { eventType: string; propertyName?: string; active?: boolean }): WebhookSubscription {
    const now = Date.now()
    const subscription: WebhookSubscription = {
      id: (this.#nextSubscriptionId += 1),
      eventType: spec.eventType,
      ...(spec.propertyName === undefined ? {} : { propertyName: spec.propertyName }),
      active: spec.active ?? true,
      createdAt: now,
      updatedAt: now,
    }
    this.#subscriptions.push(subscription)
    return subscription
  }

  removeSubscription(id: number): boolean {
    const before = this.#subscriptions.length
    this.#subscriptions = this.#subscriptions.filter((subscription) => subscription.id !== id)
    return this.#subscriptions.length < before
  }

  emit(event: PendingEvent): void {
    const options = this.#options
    if (options === undefined) return
    const subscription = this.#subscriptions.find(
      (s) =>
        s.active &&
        s.eventType === event.subscriptionType &&
        (event.propertyName === undefined || s.propertyName === '*' || s.propertyName === event.propertyName),
    )
    if (subscription === undefined) return
    this.#queue.push({
      ...event,
      eventId: (this.#nextEventId += 1),
      subscriptionId: subscription.id,
      portalId: this.#portalId,
      appId: options.appId ?? this.#defaultAppId,
    })
    if (this.#queue.length >= (options.maxEventsPerRequest ?? 100)) this.#flush()
    else if (!this.#flushPending) {
      this.#flushPending = true
      this.#schedule(() => {
        this.#flushPending = false
        this.#flush()
      }, options.flushDelayMs ?? 50)
    }
  }

  /** Resolves when nothing is queued, in flight or waiting for a retry. */
  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve()
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  stop(): void {
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    this.#flushPending = false
    this.#queue = []
    this.#settle()
  }

  #isIdle(): boolean {
    return this.#queue.length === 0 && this.#inFlight === 0 && this.#timers.size === 0
  }

  #settle(): void {
    if (!this.#isIdle()) return
    for (const resolve of this.#waiters.splice(0)) resolve()
  }

  #schedule(run: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      run()
      this.#settle()
    }, delayMs)
    this.#timers.add(timer)
  }

  #flush(): void {
    const options = this.#options
    if (options === undefined) return
    const size = options.maxEventsPerRequest ?? 100
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, size)
      this.#deliver(options, batch, 0, (this.#nextDeliveryId += 1))
    }
  }

  #deliver(options: WebhookOptions, batch: Delivered[], attemptNumber: number, deliveryId: number): void {
    this.#inFlight += 1
    const body = JSON.stringify(batch.map((event) => ({ ...event, attemptNumber })))
    const secret = options.clientSecret ?? 'sandbox-client-secret'
    const timestamp = Date.now()
    const headers = {
      'content-type': 'application/json',
      'x-hubspot-signature-version': 'v1',
      'x-hubspot-signature': signV1(secret, body),
      'x-hubspot-signature-v3': signV3(secret, 'POST', options.targetUrl, body, timestamp),
      'x-hubspot-request-timestamp': String(timestamp),
    }
    const done = (status: number | null, error?: string): void => {
      const ok = status !== null && status >= 200 && status < 300
      this.log.push({
        deliveryId,
        url: options.targetUrl,
        attempt: attemptNumber,
        eventIds: batch.map((event) => event.eventId),
        status,
        ok,
        ...(error === undefined ? {} : { error }),
        at: timestamp,
      })
      // Keep the log bounded in long runs; tests read the recent end.
      if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG)
      this.#inFlight -= 1
      if (!ok && attemptNumber + 1 < (options.maxAttempts ?? 10) && this.#options === options) {
        const wait = (options.retryDelayMs ?? 1000) * (attemptNumber + 1)
        this.#schedule(() => this.#deliver(options, batch, attemptNumber + 1, deliveryId), wait)
      }
      this.#settle()
    }
    fetch(options.targetUrl, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    }).then(
      async (response) => {
        await response.arrayBuffer().catch(() => undefined)
        done(response.status)
      },
      (err: unknown) => done(null, err instanceof Error ? err.message : String(err)),
    )
  }
}
