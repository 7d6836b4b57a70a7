import { isSyncError, type SalesforceCreate, type SalesforceWriteResult } from '@crmsync/core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { connectSalesforce } from './client.js'
import { createSalesforceConnector } from './salesforce-connector.js'
import { type Harness, startHarness } from './testing/sandbox-harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterEach(async () => {
  await h.admin('DELETE', '/faults')
})
afterAll(() => h.close())

const UPSERT = 'PATCH /services/data/:version/composite/sobjects/:type/:field'
const UPDATE = 'PATCH /services/data/:version/composite/sobjects'

/** Sandbox-counted calls per endpoint made while `run` runs. */
async function countCalls(run: () => Promise<unknown>): Promise<Record<string, number>> {
  await h.admin('DELETE', '/counters')
  await run()
  return h.counters()
}

function lead(key: string, extra: Record<string, string> = {}): SalesforceCreate {
  return { externalId: `42:${key}`, fields: { LastName: key, Company: 'Acme', ...extra } }
}

function okId(result: SalesforceWriteResult | undefined): string {
  if (!result?.ok) throw new Error(`write failed: ${JSON.stringify(result)}`)
  return result.id
}

function leadRow(id: string): Readonly<Record<string, unknown>> | undefined {
  return h.org.table('Lead')?.get(id)
}

async function userId(lastName: string): Promise<string> {
  const user = (await h.connector.listUsers()).find((u) => u.lastName === lastName)
  if (user === undefined) throw new Error(`no user ${lastName}`)
  return user.id
}

describe('API calls are the minimum', () => {
  it('400 creates take 2 calls and 400 updates take 2 calls, sending only the changed field', async () => {
    const creates = Array.from({ length: 400 }, (_, i) => lead(`bulk-${i}`, { Title: 'Before' }))
    let ids: string[] = []
    const createCalls = await countCalls(async () => {
      ids = (await h.connector.write({ type: 'Lead', creates })).creates.map(okId)
    })
    expect(createCalls[UPSERT]).toBe(2)
    const before = h.connector.apiUsage().calls
    const updateCalls = await countCalls(async () => {
      const res = await h.connector.write({
        type: 'Lead',
        updates: ids.map((id) => ({ id, fields: { Phone: '555' } })),
      })
      expect(res.updates.every((r) => r.ok)).toBe(true)
    })
    expect(updateCalls).toEqual({ [UPDATE]: 2 })
    expect(h.connector.apiUsage().calls - before).toBe(2)
    expect(leadRow(ids[399] ?? '')).toMatchObject({ Phone: '555', Title: 'Before', LastName: 'bulk-399' })
  })
})

describe('Sforce-Auto-Assign (B-OWN-5, api-surface 8.8)', () => {
  it('runs the assignment rule only on creates that ask for it, never on updates', async () => {
    const ruleOwner = await userId('Iversen')
    const chosen = await userId('Moreau')
    await h.admin('PUT', '/assignment-rule', { active: true, entries: [{ ownerId: ruleOwner }] })
    try {
      const res = await h.connector.write({
        type: 'Lead',
        creates: [{ ...lead('assign-me'), autoAssign: true }, { ...lead('keep-owner', { OwnerId: chosen }) }],
      })
      const [assigned, kept] = res.creates.map(okId)
      expect(leadRow(assigned ?? '')?.['OwnerId']).toBe(ruleOwner)
      expect(leadRow(kept ?? '')?.['OwnerId']).toBe(chosen)
      await h.connector.write({ type: 'Lead', updates: [{ id: kept ?? '', fields: { Title: 'Edited' } }] })
      expect(leadRow(kept ?? '')).toMatchObject({ OwnerId: chosen, Title: 'Edited' })
    } finally {
      await h.admin('PUT', '/assignment-rule', { active: false, entries: [] })
    }
  })
})

describe('retries (design.md 3.5; jsforce never retries POST/PATCH)', () => {
  it('a 503 on a Collections upsert is retried by the connector and succeeds', async () => {
    await h.admin('PUT', '/faults', {
      faults: [{ kind: 'SERVER_UNAVAILABLE', count: 1, path: 'composite/sobjects' }],
    })
    let result: SalesforceWriteResult | undefined
    const calls = await countCalls(async () => {
      result = (await h.connector.write({ type: 'Lead', creates: [lead('retry-503')] })).creates[0]
    })
    expect(result).toMatchObject({ ok: true, created: true })
    expect(calls[UPSERT]).toBe(2)
  })

  it('a query answered 500 twice is retried by the table, not by jsforce', async () => {
    await h.admin('PUT', '/faults', { faults: [{ kind: 'UNKNOWN_EXCEPTION', count: 2, path: '/query' }] })
    const before = h.connector.apiUsage().byOperation['query'] ?? 0
    const calls = await countCalls(() => h.connector.findContactsByEmail(['nobody@example.com']))
    expect(calls['GET /services/data/:version/query']).toBe(4) // Contact: 2 faults + 1, Lead: 1
    // The meter sees each attempt as its own transport call, so jsforce did not retry inside one.
    expect((h.connector.apiUsage().byOperation['query'] ?? 0) - before).toBe(4)
  })

  it('a dropped connection is retried', async () => {
    await h.admin('PUT', '/faults', {
      faults: [{ kind: 'TIMEOUT', count: 1, delayMs: 10, path: 'composite' }],
    })
    const res = await h.connector.write({ type: 'Lead', creates: [lead('dropped')] })
    expect(res.creates[0]).toMatchObject({ ok: true })
  })

  it('a call without an answer is aborted after requestTimeoutMs and retried', async () => {
    const connector = createSalesforceConnector({
      connection: h.connection,
      requestTimeoutMs: 200,
      sleep: () => Promise.resolve(),
    })
    await h.admin('PUT', '/faults', {
      faults: [{ kind: 'TIMEOUT', count: 1, delayMs: 5000, path: 'composite' }],
    })
    const started = Date.now()
    const res = await connector.write({ type: 'Lead', creates: [lead('hung')] })
    expect(res.creates[0]).toMatchObject({ ok: true })
    // Waiting for the hung answer would take 5 s; the margin is wide because CI machines are slow.
    expect(Date.now() - started).toBeLessThan(4000)
    expect(connector.apiUsage().byOperation['collections.upsert']).toBe(2)
  })

  it('UNABLE_TO_LOCK_ROW on one record: only that record is sent again', async () => {
    await h.admin('PUT', '/faults', { faults: [{ kind: 'UNABLE_TO_LOCK_ROW', count: 1 }] })
    let results: readonly SalesforceWriteResult[] = []
    const calls = await countCalls(async () => {
      results = (
        await h.connector.write({ type: 'Lead', creates: [lead('lock-1'), lead('lock-2'), lead('lock-3')] })
      ).creates
    })
    expect(results.every((r) => r.ok)).toBe(true)
    expect(calls[UPSERT]).toBe(2)
  })

  it('a lock that never clears ends as a retryable SF_LOCKED after the table allows no more attempts', async () => {
    await h.admin('PUT', '/faults', { faults: [{ kind: 'UNABLE_TO_LOCK_ROW' }] })
    let result: SalesforceWriteResult | undefined
    const calls = await countCalls(async () => {
      result = (await h.connector.write({ type: 'Lead', creates: [lead('locked-forever')] })).creates[0]
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'SF_LOCKED', retryable: true } })
    expect(calls[UPSERT]).toBe(4)
  })

  it('no retry when the engine says the budget is spent (B-API-2)', async () => {
    const asked: string[] = []
    const connector = createSalesforceConnector({
      connection: h.connection,
      mayRetry: (code) => {
        asked.push(code)
        return false
      },
    })
    await h.admin('PUT', '/faults', { faults: [{ kind: 'SERVER_UNAVAILABLE', count: 1, path: 'composite' }] })
    const thrown = await connector
      .write({ type: 'Lead', creates: [lead('no-budget')] })
      .catch((err: unknown) => err)
    expect(isSyncError(thrown) && thrown.code).toBe('SF_UNAVAILABLE')
    expect(asked).toEqual(['SF_UNAVAILABLE'])
    expect(connector.apiUsage().calls).toBe(1)
  })

  it('REQUEST_LIMIT_EXCEEDED is not retried: SF_RATE_LIMITED after one call (B-API-4)', async () => {
    await h.admin('PUT', '/faults', { faults: [{ kind: 'REQUEST_LIMIT_EXCEEDED', count: 5 }] })
    let thrown: unknown
    const calls = await countCalls(async () => {
      thrown = await h.connector
        .write({ type: 'Lead', creates: [lead('limited')] })
        .catch((err: unknown) => err)
    })
    expect(isSyncError(thrown) && thrown.code).toBe('SF_RATE_LIMITED')
    expect(calls[UPSERT]).toBe(1)
  })

  it('an expired token without a way to refresh is SF_SESSION_EXPIRED', async () => {
    const { accessToken } = (await h.admin('POST', '/tokens', { ttlSeconds: 1 })) as { accessToken: string }
    const connection = await connectSalesforce({
      kind: 'access-token',
      instanceUrl: h.sandbox.instanceUrl,
      accessToken,
    })
    const connector = createSalesforceConnector({ connection })
    h.clock.advance(2_000)
    const thrown = await connector.identity().catch((err: unknown) => err)
    expect(isSyncError(thrown) && { code: thrown.code, retryable: thrown.retryable }).toEqual({
      code: 'SF_SESSION_EXPIRED',
      retryable: false,
    })
  })
})
