import type { Clock } from './clock.js'
import type { CallCounters } from './limits/counters.js'
import type { Faults } from './limits/faults.js'
import type { RateLimiter } from './limits/rate-limiter.js'
import type { AccountSettings } from './model/account.js'
import type { Portal } from './model/portal.js'
import type { WriteSource } from './model/record.js'
import type { WebhookDispatcher } from './webhooks/dispatcher.js'

/** What every route plugin gets: the portal and the cross-cutting services around it. */
export interface SandboxDeps {
  readonly portal: Portal
  readonly clock: Clock
  readonly limiter: RateLimiter
  readonly faults: Faults
  readonly counters: CallCounters
  readonly webhooks: WebhookDispatcher
  readonly appId: number
  readonly accessToken: string
  /** Time zone and currency; the admin API may change them (account-info-plugin.ts). */
  readonly account: AccountSettings
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Whom this request's writes are attributed to (set by the auth hook). */
    writeSource: WriteSource
  }
}
