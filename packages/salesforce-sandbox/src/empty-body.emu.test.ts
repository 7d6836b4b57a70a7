// Clients such as simple-salesforce send `Content-Type: application/json` on every call, DELETE and GET
// included, with nothing in the body. Salesforce reads that as no body; only a body that is there and is
// not JSON is a JSON_PARSER_ERROR.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { failure, type Harness, startHarness } from './testing/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h.close())

const V = '/services/data/v59.0'
const JSON_TYPE = { 'Content-Type': 'application/json' }

async function newLead(): Promise<string> {
  const lead = await h.conn.sobject('Lead').create({ LastName: 'Empty', Company: 'Body Inc' })
  return lead.id!
}

describe('an empty JSON body (raw HTTP)', () => {
  it('is no body for DELETE and GET of a record and of a collection', async () => {
    const id = await newLead()
    const got = await h.fetch(`${V}/sobjects/Lead/${id}`, { headers: JSON_TYPE })
    expect(got.status).toBe(200)
    const deleted = await h.fetch(`${V}/sobjects/Lead/${id}`, {
      method: 'DELETE',
      headers: JSON_TYPE,
      body: '',
    })
    expect(deleted.status).toBe(204)
    const deletedLead = await h.conn.query(`SELECT Id FROM Lead WHERE Id = '${id}'`, { scanAll: true })
    expect(deletedLead.records).toMatchObject([{ Id: id }])

    const other = await newLead()
    const collection = await h.fetch(`${V}/composite/sobjects?ids=${other}`, {
      method: 'DELETE',
      headers: JSON_TYPE,
      body: '',
    })
    expect(collection.status).toBe(200)
    expect(await collection.json()).toEqual([{ id: other, success: true, errors: [] }])
  })

  it('still requires a body where the call takes one: POST without one is JSON_PARSER_ERROR', async () => {
    const res = await h.fetch(`${V}/sobjects/Lead`, { method: 'POST', headers: JSON_TYPE, body: '' })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual([
      {
        message: 'The HTTP entity body is required, but this request has no entity body.',
        errorCode: 'JSON_PARSER_ERROR',
      },
    ])
  })

  it('leaves malformed JSON on POST and PATCH a 400 JSON_PARSER_ERROR', async () => {
    const id = await newLead()
    for (const [method, path] of [
      ['POST', `${V}/sobjects/Lead`],
      ['PATCH', `${V}/sobjects/Lead/${id}`],
    ] as const) {
      const res = await h.fetch(path, { method, headers: JSON_TYPE, body: '{"LastName": ' })
      expect(res.status, method).toBe(400)
      const errors = (await res.json()) as { errorCode: string; message: string }[]
      expect(errors, method).toEqual([
        { errorCode: 'JSON_PARSER_ERROR', message: expect.any(String) as string },
      ])
    }
  })
})

describe('an empty JSON body (jsforce)', () => {
  it('lets destroy() and request() send the JSON content type without a body', async () => {
    const id = await newLead()
    const result = await h.conn.sobject('Lead').destroy(id, { headers: JSON_TYPE })
    expect(result).toEqual({ id, success: true, errors: [] })

    const other = await newLead()
    await h.conn.request({ method: 'DELETE', url: `/sobjects/Lead/${other}`, headers: JSON_TYPE })
    const err = await failure(h.conn.sobject('Lead').retrieve(other))
    expect(err.name).toBe('ENTITY_IS_DELETED')
  })
})
