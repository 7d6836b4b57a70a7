// Every call of the console to its server: same-origin cookies, the CSRF token on state-changing calls, and
// one place that reacts to a lost session (401: to the login page) or a stale token (403: fetch a new one).
import type { SessionInfo } from './api-types'

/** A non-2xx answer, with the server's message when it sent one. */
export class ApiError extends Error {
  readonly status: number

  constructor(status: number, message: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
  }
}

export interface ApiClientDeps {
  readonly fetch: typeof fetch
  /** The CSRF token of the current session ('' before the session is known). */
  readonly csrfToken: () => string
  /** The session is gone (401): show the login page. */
  readonly onUnauthorized: () => void
  /** The server refused the CSRF token (403): fetch the session again so the next try carries a fresh one. */
  readonly onForbidden: () => Promise<unknown>
}

export interface ApiClient {
  get<T>(path: string): Promise<T>
  send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>
  session(): Promise<SessionInfo>
  /** Resolves on success; rejects with ApiError 401 (wrong password), 429 (too many tries) or another status. */
  login(password: string): Promise<void>
  logout(): Promise<void>
}

export function createApiClient(deps: ApiClientDeps): ApiClient {
  async function request<T>(method: string, path: string, body: unknown, handleAuth: boolean): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (method !== 'GET') headers['x-csrf-token'] = deps.csrfToken()
    if (body !== undefined) headers['content-type'] = 'application/json'
    const init: RequestInit = { method, headers, credentials: 'same-origin' }
    if (body !== undefined) init.body = JSON.stringify(body)
    const response = await deps.fetch(path, init)
    if (!response.ok) {
      const error = new ApiError(response.status, await errorMessage(response))
      if (handleAuth && response.status === 401) deps.onUnauthorized()
      if (response.status === 403) await deps.onForbidden()
      throw error
    }
    if (response.status === 204) return undefined as T
    const text = await response.text()
    return (text === '' ? undefined : JSON.parse(text)) as T
  }

  return {
    get: (path) => request('GET', path, undefined, true),
    send: (method, path, body) => request(method, path, body, true),
    session: () => request('GET', '/auth/session', undefined, false),
    // A wrong password is a 401 the login page explains itself, not a lost session.
    login: (password) => request('POST', '/auth/login', { password }, false),
    logout: () => request('POST', '/auth/logout', undefined, false),
  }
}

/** The server's own words (Fastify's `{ message }`) when the body has them, else the HTTP status text. */
async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as unknown
    if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') {
      return body.message
    }
  } catch {
    // not JSON: fall back to the status line
  }
  return `${response.status} ${response.statusText}`.trim()
}

/** The connection-scoped API path, with each id segment encoded. */
export function connectionPath(connectionId: string, ...rest: string[]): string {
  return ['/api/connections', connectionId, ...rest]
    .map((part, i) => (i === 0 ? part : encodeURIComponent(part)))
    .join('/')
}
