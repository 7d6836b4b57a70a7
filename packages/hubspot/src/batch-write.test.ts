import type { HubSpotWriteResult } from '@crmsync/core'
import { describe, expect, it } from 'vitest'

import { type BatchReply, chunk, writeChunk, writeInChunks, type WriteItem } from './batch-write.js'
import { toSyncError } from './errors.js'

type Item = WriteItem<null>

function items(count: number, bad: Record<number, Record<string, string>> = {}): Item[] {
  return Array.from({ length: count }, (_, index) => ({
    key: `k${index}`,
    input: null,
    properties: bad[index] ?? { email: `u${index}@x.com` },
  }))
}

const apiException = (code: number, body: Record<string, unknown>) =>
  Object.assign(new Error(`HTTP-Code: ${code}`), { code, body, headers: {} })

/**
 * An in-memory stand-in for HubSpot's batch endpoint with its all-or-nothing validation (api-surface 8.5):
 * an invalid email rejects the whole call with both error forms, or with a bare message when `terse`.
 */
function fakeBatch(options: { terse?: boolean; taken?: Record<string, string> } = {}) {
  const calls: string[][] = []
  const send = (batch: readonly Item[]): Promise<BatchReply> => {
    calls.push(batch.map((item) => item.key))
    const bad = batch.filter((item) => !(item.properties['email'] ?? '').includes('@'))
    if (bad.length > 0) {
      const problems = bad.map((item) => ({
        name: 'email',
        code: 'INVALID_EMAIL',
        message: `Email address ${item.properties['email'] ?? ''} is invalid`,
      }))
      const body = options.terse
        ? { message: 'Invalid input', category: 'VALIDATION_ERROR' }
        : {
            message: 'Property values were not valid: []',
            category: 'VALIDATION_ERROR',
            errors: problems.map((p) => ({ ...p, context: { propertyName: [p.name] } })),
          }
      return Promise.reject(toSyncError(apiException(400, body), 'batch'))
    }
    const taken = batch.find((item) => options.taken?.[item.properties['email'] ?? ''] !== undefined)
    if (taken !== undefined) {
      const email = taken.properties['email'] ?? ''
      const id = options.taken?.[email] ?? ''
      const body = {
        message: `Contact already exists. Existing ID: ${id}`,
        errors: [
          { message: `A contact with email ${email} already exists. Existing ID: ${id}`, in: 'email' },
        ],
      }
      return Promise.reject(toSyncError(apiException(409, body), 'batch'))
    }
    return Promise.resolve({
      results: [...batch].reverse().map((item, index) => ({
        id: String(100 + index),
        properties: { ...item.properties },
        objectWriteTraceId: item.key,
      })),
    })
  }
  return { send, calls }
}

const outcomes = (results: readonly HubSpotWriteResult[]) =>
  results.map((result) => `${result.key}:${result.outcome}`)

describe('batch writes with per-record results (B-ERR-8)', () => {
  it('writes a clean chunk in one call and matches rows by trace id, whatever their order', async () => {
    const fake = fakeBatch()
    const results = await writeChunk(items(3), fake.send, () => undefined)
    expect(fake.calls).toHaveLength(1)
    expect(results.map((r) => r.outcome === 'written' && r.properties['email'])).toEqual([
      'u0@x.com',
      'u1@x.com',
      'u2@x.com',
    ])
  })

  it('names the bad inputs from the error body and re-sends the rest in one more call', async () => {
    const fake = fakeBatch()
    const results = await writeChunk(
      items(100, { 7: { email: 'nope' }, 60: { email: 'bad' } }),
      fake.send,
      () => undefined,
    )
    expect(fake.calls).toHaveLength(2)
    expect(fake.calls[1]).toHaveLength(98)
    expect(results[7]).toMatchObject({
      outcome: 'failed',
      code: 'HS_VALIDATION',
      message: 'email: Email address nope is invalid',
    })
    expect(results[60]).toMatchObject({ outcome: 'failed', code: 'HS_VALIDATION' })
    expect(results.filter((r) => r.outcome === 'written')).toHaveLength(98)
  })

  it('halves the chunk when the error does not say which input is bad', async () => {
    const fake = fakeBatch({ terse: true })
    const results = await writeChunk(items(8, { 5: { email: 'x' } }), fake.send, () => undefined)
    expect(outcomes(results)).toEqual([
      'k0:written',
      'k1:written',
      'k2:written',
      'k3:written',
      'k4:written',
      'k5:failed',
      'k6:written',
      'k7:written',
    ])
    // 8 -> [0..3] ok, [4..7] fails -> [4,5] fails -> [4] ok, [5] fails; [6,7] ok.
    expect(fake.calls).toEqual([
      ['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7'],
      ['k0', 'k1', 'k2', 'k3'],
      ['k4', 'k5', 'k6', 'k7'],
      ['k4', 'k5'],
      ['k4'],
      ['k5'],
      ['k6', 'k7'],
    ])
  })

  it('reports a duplicate email as the existing id and writes the others (B-CON-6)', async () => {
    const fake = fakeBatch({ taken: { 'u1@x.com': '555' } })
    const results = await writeChunk(items(3), fake.send, () => undefined)
    expect(results[1]).toEqual({ outcome: 'exists', key: 'k1', existingId: '555' })
    expect(outcomes(results)).toEqual(['k0:written', 'k1:exists', 'k2:written'])
    expect(fake.calls).toHaveLength(2)
  })

  it('pins a whole-batch 404 on the ids it names and writes the rest', async () => {
    const calls: number[] = []
    const send = (batch: readonly Item[]): Promise<BatchReply> => {
      calls.push(batch.length)
      if (batch.some((item) => item.key === 'k1')) {
        const body = { message: 'Object not found', category: 'OBJECT_NOT_FOUND', context: { ids: ['k1'] } }
        return Promise.reject(toSyncError(apiException(404, body), 'batch'))
      }
      return Promise.resolve({ results: batch.map((item) => ({ id: item.key, properties: {} })) })
    }
    const results = await writeChunk(items(3), send, (row) => row.id)
    expect(outcomes(results)).toEqual(['k0:written', 'k1:failed', 'k2:written'])
    expect(results[1]).toMatchObject({ code: 'HS_NOT_FOUND' })
    expect(calls).toEqual([3, 2])
  })

  it('throws a whole-call error such as a 5xx instead of pinning it on records', async () => {
    const send = () => Promise.reject(toSyncError(apiException(503, {}), 'batch'))
    await expect(writeChunk(items(2), send, () => undefined)).rejects.toMatchObject({
      code: 'HS_UNAVAILABLE',
    })
  })

  it('splits into calls of 100: 250 inputs = 3 calls', async () => {
    const fake = fakeBatch()
    const results = await writeInChunks(items(250), 100, fake.send, () => undefined)
    expect(fake.calls.map((call) => call.length)).toEqual([100, 100, 50])
    expect(results).toHaveLength(250)
    expect(chunk([1, 2, 3], 2)).toEqual([[1, 2], [3]])
  })
})

describe('batch writes of companies', () => {
  it('names the object type in a not-found result', async () => {
    const send = (): Promise<BatchReply> => Promise.resolve({ results: [] })
    const [result] = await writeInChunks(items(1), 100, send, () => undefined, 'company')
    expect(result).toEqual({
      outcome: 'failed',
      key: 'k0',
      code: 'HS_NOT_FOUND',
      message: 'HubSpot has no company k0',
    })
  })
})
