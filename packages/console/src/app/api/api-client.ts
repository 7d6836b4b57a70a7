// Every call of the console to its server: same-origin cookies, the CSRF token on state-changing calls, and
// one place that reacts to a lost session (401: to the login page) or a stale token (403: fetch a new one).
import type { SessionInfo } from './api-types'

/** A non-2xx answer, with the server's message when it sent one. */
export class ApiError extends Error {
  readonly status: number
  /** The parsed JSON body, when there was one (a refused save carries its problems there). */
  readonly body: unknown

  constructor(status: number, message: string, body?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.body = body
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
      const body = await jsonBody(response)
      const error = new ApiError(response.status, errorMessage(response, body), body)
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

async function jsonBody(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown
  } catch {
    return undefined // not JSON: the status line says what happened
  }
}

function messageOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('message' in value)) return undefined
  return typeof value.message === 'string' ? value.message : undefined
}

/**
 * The server's own words when the body has them (Fastify's `{ message }`, or `{ error: { message } }`),
 * else the HTTP status line.
 */
function errorMessage(response: Response, body: unknown): string {
  const nested =
    typeof body === 'object' && body !== null && 'error' in body ? messageOf(body.error) : undefined
  return messageOf(body) ?? nested ?? `${response.status} ${response.statusText}`.trim()
}

/**
 * A save of mappings or settings: the server answers a refusal (B-MAP-5/6/7, the schema) with 400 or 409 and
 * the ConfigSaveResult listing the problems, which the page shows like any other answer.
 */
export async function saveConfig<T extends { readonly ok: boolean }>(request: Promise<T>): Promise<T> {
  try {
    return await request
  } catch (err) {
    const body = err instanceof ApiError ? err.body : undefined
    if (
      typeof body === 'object' &&
      body !== null &&
      'ok' in body &&
      body.ok === false &&
      'problems' in body
    ) {
      return body as T
    }
    throw err
  }
}

/** The connection-scoped API path, with each id segment encoded. */
export function connectionPath(connectionId: string, ...rest: string[]): string {
  return ['/api/connections', connectionId, ...rest]
    .map((part, i) => (i === 0 ? part : encodeURIComponent(part)))
    .join('/')
}
