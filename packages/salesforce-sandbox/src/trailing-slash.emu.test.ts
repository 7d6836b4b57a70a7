// Salesforce ignores one trailing slash on every REST path (simple-salesforce, for one, always sends it):
// the answer must be the one for the path without it, query string included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Harness, type RawInit, startHarness } from './testing/harness.js'

let h: Harness
let leadId: string
beforeAll(async () => {
  h = await startHarness()
  const lead = await h.conn.sobject('Lead').create({ LastName: 'Slash', Company: 'Trailing Inc' })
  leadId = lead.id!
})
afterAll(() => h.close())

const V = '/services/data/v59.0'

/** Status and parsed body of one raw request. */
async function answer(path: string, init?: RawInit): Promise<{ status: number; body: unknown }> {
  const res = await h.fetch(path, init)
  const text = await res.text()
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined }
}

/** Inserts the slash before the query string: `/a?q=1` becomes `/a/?q=1`. */
function withSlash(path: string): string {
  const [route, query] = path.split('?')
  return query === undefined ? `${route}/` : `${route}/?${query}`
}

describe('a trailing slash (raw HTTP)', () => {
  it('answers GETs of discovery, records, replication, query and tooling as without it', async () => {
    const { now } = (await h.admin('GET', '/clock')) as { now: string }
    const start = new Date(Date.parse(now) - 86_400_000).toISOString()
    const paths = [
      '/services/data',
      `${V}/sobjects`,
      `${V}/sobjects/Lead`,
      `${V}/sobjects/Lead/describe`,
      `${V}/sobjects/Lead/${leadId}?fields=Id,LastName`,
      `${V}/sobjects/Lead/updated?start=${start}&end=${now}`,
      `${V}/query?q=${encodeURIComponent(`SELECT Id FROM Lead WHERE Id = '${leadId}'`)}`,
      `${V}/tooling/query?q=${encodeURIComponent('SELECT Id, FullName FROM CustomField')}`,
      `${V}/composite/sobjects/Lead?ids=${leadId}&fields=Id,Company`,
    ]
    for (const path of paths) {
      const plain = await answer(path)
      expect(plain.status, path).toBe(200)
      expect(await answer(withSlash(path)), path).toEqual(plain)
    }
    // Limits change with every call (DailyApiRequests), so only the shape is compared.
    const limits = await answer(`${V}/limits/`)
    expect(limits.status).toBe(200)
    expect(Object.keys(limits.body as object)).toEqual(
      Object.keys((await answer(`${V}/limits`)).body as object),
    )
  })

  it('routes POST, PATCH and DELETE with a trailing slash to the same handler', async () => {
    const json = { 'Content-Type': 'application/json' }
    const retrieved = await answer(`${V}/composite/sobjects/Lead/`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ ids: [leadId], fields: ['Id', 'LastName'] }),
    })
    expect(retrieved).toMatchObject({ status: 200, body: [{ Id: leadId, LastName: 'Slash' }] })

    const created = await answer(`${V}/sobjects/Lead/`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ LastName: 'Posted', Company: 'Slash Co' }),
    })
    expect(created).toMatchObject({ status: 201, body: { success: true } })
    const id = (created.body as { id: string }).id
    const patched = await h.fetch(`${V}/sobjects/Lead/${id}/`, {
      method: 'PATCH',
      headers: json,
      body: JSON.stringify({ Title: 'Patched' }),
    })
    expect(patched.status).toBe(204)
    expect(await h.conn.sobject('Lead').retrieve(id)).toMatchObject({ Title: 'Patched' })
    expect((await h.fetch(`${V}/sobjects/Lead/${id}/`, { method: 'DELETE' })).status).toBe(204)
  })

  it('counts the call under the same endpoint as the path without it', async () => {
    await h.admin('DELETE', '/counters')
    await h.fetch(`${V}/sobjects/Lead`)
    await h.fetch(`${V}/sobjects/Lead/`)
    const { endpoints } = (await h.admin('GET', '/counters')) as { endpoints: Record<string, number> }
    expect(endpoints['GET /services/data/:version/sobjects/:type']).toBe(2)
  })
})

describe('a trailing slash (jsforce)', () => {
  it('serves conn.request on absolute and version-relative paths ending in a slash', async () => {
    const lead = await h.conn.request<{ objectDescribe: { name: string } }>(`${V}/sobjects/Lead/`)
    expect(lead.objectDescribe.name).toBe('Lead')
    const global = await h.conn.request<{ sobjects: { name: string }[] }>('/sobjects/')
    expect(global.sobjects.map((s) => s.name)).toContain('Lead')
    const tooling = await h.conn.request<{ done: boolean }>(
      `/tooling/query/?q=${encodeURIComponent('SELECT Id FROM CustomField')}`,
    )
    expect(tooling.done).toBe(true)
    const rows = await h.conn.requestPost<{ Id: string }[]>('/composite/sobjects/Lead/', {
      ids: [leadId],
      fields: ['Id'],
    })
    expect(rows[0]!.Id).toBe(leadId)
  })
})
