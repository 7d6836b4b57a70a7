import type { SessionInfo } from '@crmsync/server'

/** A browser's cookie jar and CSRF token, just enough for the console's API over plain HTTP in a test. */
export class ConsoleSession {
  readonly url: string
  #cookie = ''
  #csrf = ''

  /** `url` without its trailing slash, e.g. `http://127.0.0.1:8080`. */
  constructor(url: string) {
    this.url = url.replace(/\/$/, '')
  }

  async request(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(this.#cookie === '' ? {} : { cookie: this.#cookie }),
        ...(method === 'GET' ? {} : { 'x-csrf-token': this.#csrf }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const set = response.headers.getSetCookie().map((c) => c.split(';')[0]!)
    if (set.length > 0) this.#cookie = set.join('; ')
    return response
  }

  /** The answer's status and JSON body. */
  async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await this.request(method, path, body)
    return { status: response.status, body: (await response.json()) as T }
  }

  /** The JSON body of an answer that must be 200 (throws naming the call and the status otherwise). */
  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { status, body: answer } = await this.call<T>(method, path, body)
    if (status !== 200) throw new Error(`${method} ${path} answered ${String(status)}`)
    return answer
  }

  async login(password: string): Promise<SessionInfo> {
    this.#csrf = (await this.json<SessionInfo>('GET', '/auth/session')).csrfToken
    const session = await this.json<SessionInfo>('POST', '/auth/login', { password })
    this.#csrf = session.csrfToken
    return session
  }
}
