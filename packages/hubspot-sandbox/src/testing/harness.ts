import { Client } from '@hubspot/api-client'

import { type RunningHubSpotSandbox, startHubSpotSandbox, type StartOptions } from '../start.js'

export interface Harness {
  readonly sandbox: RunningHubSpotSandbox
  /** The official client, pointed at the sandbox. */
  readonly client: Client
  /** Calls an endpoint the client has no wrapper for (the admin API, v4 preferences) via apiRequest. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>
  close(): Promise<void>
}

/**
 * Starts a sandbox on 127.0.0.1:0 and a client for it. Rate limits default to unlimited so suites do not
 * trip them by accident. Create one client per test file: the client's retry settings are process-global.
 */
export async function startHarness(opts: StartOptions & { retries?: number } = {}): Promise<Harness> {
  const { retries, ...rest } = opts
  const sandbox = await startHubSpotSandbox({ rateLimits: { tier: 'unlimited' }, ...rest })
  const client = new Client({
    accessToken: sandbox.accessToken,
    basePath: sandbox.basePath,
    ...(retries === undefined ? {} : { numberOfApiCallRetries: retries }),
  })
  return {
    sandbox,
    client,
    async call(method, path, body) {
      const response = await client.apiRequest({ method, path, ...(body === undefined ? {} : { body }) })
      const textBody = await response.text()
      return {
        status: response.status,
        json: textBody === '' ? undefined : (JSON.parse(textBody) as unknown),
      }
    },
    close: () => sandbox.close(),
  }
}

/** What the client's ApiException carries. */
export interface CaughtApiError {
  readonly code: number
  readonly body: Record<string, unknown>
  readonly headers: Record<string, string>
}

/** Awaits a call that must fail with the client's ApiException and returns its code, body and headers. */
export async function apiError(call: Promise<unknown>): Promise<CaughtApiError> {
  try {
    await call
  } catch (err) {
    const caught = err as { code?: unknown; body?: unknown; headers?: unknown }
    if (typeof caught.code !== 'number') throw err
    const body = typeof caught.body === 'string' ? (JSON.parse(caught.body) as unknown) : caught.body
    return {
      code: caught.code,
      body: (body ?? {}) as Record<string, unknown>,
      headers: (caught.headers ?? {}) as Record<string, string>,
    }
  }
  throw new Error('expected the call to fail with an ApiException')
}
