// GET /services/data/vXX.X (with or without the slash) lists that version's resources; jsforce's identity()
// on a token-only connection starts there and follows the absolute `identity` URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { failure, type Harness, startHarness } from './testing/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

describe('resources by version', () => {
  it('answers the map of the version with and without a trailing slash (raw HTTP)', async () => {
    for (const path of ['/services/data/v59.0', '/services/data/v59.0/']) {
      const res = await h.fetch(path)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/)
      const map = (await res.json()) as Record<string, string>
      for (const name of [
        'sobjects',
        'query',
        'queryAll',
        'limits',
        'composite',
        'tooling',
        'search',
        'recent',
      ])
        expect(map[name], `${path} ${name}`).toBe(`/services/data/v59.0/${name}`)
      expect(map['identity']).toMatch(new RegExp(`^${h.instanceUrl}/id/00D\\w{15}/005\\w{15}$`))
    }
    const other = (await (await h.fetch('/services/data/v62.0')).json()) as Record<string, string>
    expect(other['query']).toBe('/services/data/v62.0/query')
  })

  it('answers an unknown version with 404 NOT_FOUND in the REST error shape', async () => {
    for (const path of ['/services/data/v99.0', '/services/data/v99.0/', '/services/data/latest']) {
      const res = await h.fetch(path)
      expect(res.status, path).toBe(404)
      expect(await res.json(), path).toEqual([
        { message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' },
      ])
    }
  })

  it("serves jsforce's identity() on a token-only connection, and the map through conn.request", async () => {
    const conn = h.connect()
    const identity = await conn.identity()
    expect(identity.username).toBe('integration@acme-demo.com')
    expect(conn.userInfo?.id).toBe(identity.user_id)
    const map = await conn.request<Record<string, string>>('/services/data/v59.0')
    expect(map['sobjects']).toBe('/services/data/v59.0/sobjects')
    const err = await failure(conn.request('/services/data/v99.0'))
    expect(err.name).toBe('NOT_FOUND')
  })

  it("names the identity of the token's user, not always the integration user", async () => {
    const { records } = await h.conn.query<{ Id: string }>(
      "SELECT Id FROM User WHERE Username = 'avery.lindqvist@acme-demo.com'",
    )
    const { accessToken } = (await h.admin('POST', '/tokens', { userId: records[0]!.Id })) as {
      accessToken: string
    }
    const identity = await h.connect(accessToken).identity()
    expect(identity.username).toBe('avery.lindqvist@acme-demo.com')
  })
})
