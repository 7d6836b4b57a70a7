import type { Client } from '@hubspot/api-client'

import type { ApiMeter } from './api-meter.js'
import { chunk } from './batch-write.js'
import { rawRequest } from './raw-request.js'
import type { Call } from './retry-policy.js'

/** Addresses per batch unsubscribe-all call. */
const UNSUBSCRIBE_BATCH = 100

/**
 * Unsubscribes addresses from all email (B-OPT-3). `hs_email_optout` is read-only through the objects API
 * (api-surface 8.1), and unsubscribe-all exists only in communication preferences v4, which the client does
 * not wrap, so it goes through `apiRequest`: one call per 100 addresses. Never resubscribes (B-OPT-4).
 */
export async function unsubscribeFromAll(
  client: Client,
  meter: ApiMeter,
  emails: readonly string[],
  call: Call,
): Promise<void> {
  const unique = [...new Set(emails.map((email) => email.toLowerCase()))]
  for (const part of chunk(unique, UNSUBSCRIBE_BATCH)) {
    await call('unsubscribe from all', () =>
      rawRequest(client, meter, {
        method: 'POST',
        path: '/communication-preferences/v4/statuses/batch/unsubscribe-all',
        qs: { channel: 'EMAIL' },
        body: { inputs: part },
      }),
    )
  }
}
