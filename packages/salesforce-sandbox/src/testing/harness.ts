// Shared set-up for the contract tests: a listening sandbox, a jsforce connection, and admin calls
// through app.inject (the admin API is ours, not Salesforce's, so it is not driven through jsforce).
import type jsforce from 'jsforce'

import { type StartOptions, startSalesforceSandbox } from '../start.js'

export const API_VERSION = '59.0'

/** fetch options with plain-object headers, so the token header can be merged in. */
export type RawInit = Omit<RequestInit, 'headers'> & { headers?: Record<string, string> }

export interface Harness {
  instanceUrl: string
  accessToken: string
  conn: jsforce.Connection
  admin(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<unknown>
  connect(accessToken?: string): jsforce.Connection
  /** A raw HTTP request over the socket with the integration token, for what jsforce never sends. */
  fetch(path: string, init?: RawInit): Promise<Response>
  close(): Promise<void>
}

export async function startHarness(options: StartOptions = {}): Promise<Harness> {
  const { Connection } = (await import('jsforce')).default
  const sandbox = await startSalesforceSandbox(options)
  const connect = (accessToken = sandbox.accessToken): jsforce.Connection =>
    new Connection({ instanceUrl: sandbox.instanceUrl, accessToken, version: API_VERSION })
  return {
    instanceUrl: sandbox.instanceUrl,
    accessToken: sandbox.accessToken,
    conn: connect(),
    connect,
    fetch: (path, init = {}) =>
      fetch(`${sandbox.instanceUrl}${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${sandbox.accessToken}`, ...init.headers },
      }),
    async admin(method, path, body) {
      const response = await sandbox.app.inject({
        method,
        url: `/__sandbox${path}`,
        ...(body === undefined ? {} : { payload: body as object }),
      })
      if (response.statusCode >= 400)
        throw new Error(`admin ${method} ${path}: ${response.statusCode} ${response.body}`)
      return response.json()
    },
    close: () => sandbox.close(),
  }
}

/** Runs a promise that must reject and returns the jsforce error. */
export async function failure(
  promise: PromiseLike<unknown>,
): Promise<Error & { errorCode?: string; data?: unknown }> {
  try {
    await promise
  } catch (err) {
    return err as Error & { errorCode?: string; data?: unknown }
  }
  throw new Error('expected the call to fail')
}
