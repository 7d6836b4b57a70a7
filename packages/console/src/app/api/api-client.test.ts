import { describe, expect, it, vi } from 'vitest'

import { ApiError, connectionPath, createApiClient, saveConfig } from './api-client'
import type { ConfigSaveResult } from './api-types'

interface Call {
  readonly url: string
  readonly init: RequestInit
}

/** A fetch that records each call and answers with the given status and JSON body. */
function stubFetch(status: number, body: unknown) {
  const calls: Call[] = []
  const fetch = (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: input instanceof Request ? input.url : input.toString(), init: init ?? {} })
    const text = body === undefined ? null : JSON.stringify(body)
    return Promise.resolve(new Response(text, { status, headers: { 'content-type': 'application/json' } }))
  }
  return { fetch, calls }
}

function client(status: number, body: unknown) {
  const { fetch, calls } = stubFetch(status, body)
  const onUnauthorized = vi.fn()
  const onForbidden = vi.fn(() => Promise.resolve())
  const api = createApiClient({ fetch, csrfToken: () => 'token-1', onUnauthorized, onForbidden })
  return { api, calls, onUnauthorized, onForbidden }
}

describe('console API client', () => {
  it('sends same-origin cookies and no CSRF header on a GET, and returns the JSON', async () => {
    const { api, calls } = client(200, [{ id: 'default' }])
    await expect(api.get('/api/connections')).resolves.toEqual([{ id: 'default' }])
    expect(calls[0]?.init.credentials).toBe('same-origin')
    expect(calls[0]?.init.method).toBe('GET')
    expect(new Headers(calls[0]?.init.headers).has('x-csrf-token')).toBe(false)
  })

  it('sends the CSRF token and a JSON body on a state-changing call', async () => {
    const { api, calls } = client(200, { resynced: 1, stillFailing: 0, message: 'ok' })
    await api.send('POST', '/api/connections/default/resync', { errors: {} })
    const headers = new Headers(calls[0]?.init.headers)
    expect(headers.get('x-csrf-token')).toBe('token-1')
    expect(headers.get('content-type')).toBe('application/json')
    expect(calls[0]?.init.body).toBe('{"errors":{}}')
    expect(calls[0]?.init.credentials).toBe('same-origin')
  })

  it('a 401 from an API route sends the user to the login page and rejects with the status', async () => {
    const { api, onUnauthorized, onForbidden } = client(401, { message: 'log in first' })
    const error = await api.get('/api/connections').catch((err: unknown) => err)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 401, message: 'log in first' })
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
    expect(onForbidden).not.toHaveBeenCalled()
  })

  it('a 403 refetches the session for a fresh token before the error reaches the page', async () => {
    const { api, onUnauthorized, onForbidden } = client(403, { message: 'invalid csrf token' })
    const error = await api
      .send('PUT', '/api/connections/default/mappings/contact', {})
      .catch((err: unknown) => err)
    expect(error).toMatchObject({ status: 403, message: 'invalid csrf token' })
    expect(onForbidden).toHaveBeenCalledTimes(1)
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('a wrong password (401 on login) is the login page’s to explain, not a lost session', async () => {
    const { api, calls, onUnauthorized } = client(401, { message: 'wrong password' })
    await expect(api.login('nope')).rejects.toMatchObject({ status: 401 })
    expect(onUnauthorized).not.toHaveBeenCalled()
    expect(new Headers(calls[0]?.init.headers).get('x-csrf-token')).toBe('token-1')
    expect(calls[0]?.init.body).toBe('{"password":"nope"}')
  })

  it('an error without a JSON body says the HTTP status', async () => {
    const fetch = () =>
      Promise.resolve(new Response('<html>busy</html>', { status: 503, statusText: 'Busy' }))
    const api = createApiClient({
      fetch,
      csrfToken: () => '',
      onUnauthorized: () => undefined,
      onForbidden: () => Promise.resolve(),
    })
    await expect(api.get('/api/connections')).rejects.toMatchObject({ status: 503, message: '503 Busy' })
  })

  it('encodes each id in a connection path', () => {
    expect(connectionPath('a/b', 'records', 'contact', 'hubspot', '1 2')).toBe(
      '/api/connections/a%2Fb/records/contact/hubspot/1%202',
    )
  })
})

describe('config saves', () => {
  it('a refused save (400 with the problems) is an answer to show, not an error (B-MAP-5)', async () => {
    const refusal = { ok: false, problems: [{ path: 'mappings.contact[3]', message: 'number to boolean' }] }
    const { api } = client(400, refusal)
    await expect(
      saveConfig(api.send<ConfigSaveResult>('PUT', '/api/connections/default/mappings/contact', {})),
    ).resolves.toEqual(refusal)
  })

  it('any other failure stays an error, with the message of a nested { error: { message } }', async () => {
    const { api } = client(404, { error: { code: 'not-found', message: 'no connection "x"' } })
    await expect(
      saveConfig(api.send<ConfigSaveResult>('PATCH', '/api/connections/x/settings', {})),
    ).rejects.toMatchObject({
      status: 404,
      message: 'no connection "x"',
    })
  })
})
