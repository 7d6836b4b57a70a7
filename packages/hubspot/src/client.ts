import { Client } from '@hubspot/api-client'

import type { ApiMeter } from './api-meter.js'

export interface HubSpotClientOptions {
  readonly accessToken: string
  /** Origin only, no trailing slash. (Default: https://api.hubapi.com) */
  readonly basePath?: string | undefined
}

interface ResponseLike {
  readonly headers?: Record<string, string>
}

/**
 * Wires the official client (api-surface 4.2). Retries are switched off on purpose with
 * `numberOfApiCallRetries: 0`: the client's retry decorators are process-global (api-surface 0.9: every
 * `new Client` replaces them for APIs not yet touched), they wait 10 s x attempt on a burst 429 while
 * blocking nothing else, and they log with console.error. The core's retry table decides every wait instead
 * (withRetry in retry-policy.ts), per connection. Should another client in the process set retries before
 * our APIs are first touched, those retries still pass through our middleware, so the meter counts them.
 */
export function createHubSpotClient(options: HubSpotClientOptions, meter: ApiMeter): Client {
  return new Client({
    accessToken: options.accessToken,
    basePath: options.basePath ?? 'https://api.hubapi.com',
    numberOfApiCallRetries: 0,
    middleware: [
      {
        pre(context: unknown) {
          meter.countCall()
          return context
        },
        post(context: unknown) {
          meter.observe((context as ResponseLike).headers ?? {})
          return context
        },
      },
    ],
  })
}
