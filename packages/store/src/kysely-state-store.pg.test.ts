import { randomUUID } from 'node:crypto'

import { isSyncError } from '@crmsync/core'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createStateStore } from './create-state-store.js'
import { runStateStoreContract } from './state-store-contract.js'

// No skipping: if Postgres cannot be reached, this file fails (beforeAll and every makeStore throw).
const url = process.env['CRMSYNC_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const admin = new pg.Pool({ connectionString: url, max: 2 })
const run = randomUUID().slice(0, 8)
const schemas: string[] = []

/** Each store gets its own schema, dropped after the file. */
async function makeSchema(): Promise<string> {
  const schema = `crmsync_test_${run}_${String(schemas.length)}`
  schemas.push(schema)
  await admin.query(`create schema ${schema}`)
  return schema
}

beforeAll(async () => {
  await admin.query('select 1')
})

afterAll(async () => {
  try {
    for (const schema of schemas) await admin.query(`drop schema if exists ${schema} cascade`)
  } finally {
    await admin.end()
  }
})

let shared: string | undefined

/** One migrated schema for the file, emptied before each test: far faster than DDL per test. */
async function makeMigratedStore() {
  if (shared === undefined) {
    shared = await makeSchema()
    const store = createStateStore(url, { postgresSchema: shared })
    await store.migrate().finally(() => store.close())
  }
  const { rows } = await admin.query<{ tablename: string }>(
    "select tablename from pg_tables where schemaname = $1 and tablename not like 'kysely%' and tablename <> 'store_sequences'",
    [shared],
  )
  const tables = rows.map((row) => `${shared}.${row.tablename}`).join(', ')
  await admin.query(`truncate ${tables} restart identity; update ${shared}.store_sequences set value = 0`)
  return createStateStore(url, { postgresSchema: shared, postgresMaxConnections: 4 })
}

runStateStoreContract(
  'postgres',
  async () => createStateStore(url, { postgresSchema: await makeSchema(), postgresMaxConnections: 4 }),
  { makeMigratedStore },
)

describe('Postgres specifics', () => {
  it('hands out distinct, increasing inbox seqs to concurrent writers on separate pools', async () => {
    const schema = await makeSchema()
    const a = createStateStore(url, { postgresSchema: schema, postgresMaxConnections: 4 })
    const b = createStateStore(url, { postgresSchema: schema, postgresMaxConnections: 4 })
    try {
      await Promise.all([a.migrate(), b.migrate()])
      const arrival = (store: string, i: number) => ({
        connectionId: 'c',
        objectKind: 'contact' as const,
        side: 'hubspot' as const,
        recordId: `${store}${String(i)}`,
      })
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => [
          a.enqueue([arrival('a', i)]),
          b.enqueue([arrival('b', i)]),
        ]).flat(),
      )
      const rows = await a.takeInbox({ connectionId: 'c', limit: 100 })
      expect(rows).toHaveLength(40)
      expect(new Set(rows.map((r) => r.seq)).size).toBe(40)
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })

  it('keeps an arrival committed by another worker while the delete of the read batch waits on it', async () => {
    const schema = await makeSchema()
    const capture = createStateStore(url, { postgresSchema: schema, postgresMaxConnections: 4 })
    const worker = createStateStore(url, { postgresSchema: schema, postgresMaxConnections: 4 })
    try {
      await capture.migrate()
      const arrival = {
        connectionId: 'c',
        objectKind: 'contact' as const,
        side: 'hubspot' as const,
        recordId: '1',
      }
      await capture.enqueue([arrival])
      const batch = await worker.takeInbox({ connectionId: 'c', limit: 10 })
      let release = (): void => undefined
      const held = new Promise<void>((resolve) => (release = resolve))
      let enqueued = (): void => undefined
      const armed = new Promise<void>((resolve) => (enqueued = resolve))
      // Capture re-arms the row in a transaction that stays open while the worker deletes its batch.
      const captureDone = capture.transaction(async (tx) => {
        await tx.enqueue([arrival])
        enqueued()
        await held
      })
      await armed
      const deleted = worker.deleteInbox(batch) // blocks on the row lock until capture commits
      await new Promise((resolve) => setTimeout(resolve, 50))
      release()
      await Promise.all([captureDone, deleted])
      const left = await worker.takeInbox({ connectionId: 'c', limit: 10 })
      expect(left.map((row) => row.recordId)).toEqual(['1'])
      expect(left[0]?.seq).toBeGreaterThan(batch[0]?.seq ?? Infinity)
    } finally {
      await Promise.all([capture.close(), worker.close()])
    }
  })

  it('counts every occurrence when workers record the same error at once (one atomic upsert)', async () => {
    const schema = await makeSchema()
    const a = createStateStore(url, { postgresSchema: schema, postgresMaxConnections: 4 })
    const b = createStateStore(url, { postgresSchema: schema, postgresMaxConnections: 4 })
    try {
      await a.migrate()
      const occurrence = {
        connectionId: 'c',
        objectKind: 'contact' as const,
        side: 'salesforce' as const,
        recordId: '00Q1',
        code: 'STORE_BUSY' as const,
        message: 'm',
        at: 1_900_000_000_000,
      }
      await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).recordError(occurrence)))
      const errors = await a.listErrors({ connectionId: 'c' })
      expect(errors.map((e) => e.attempts)).toEqual([12])
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })

  it('reports an unreachable server as STORE_UNAVAILABLE (retryable)', async () => {
    const store = createStateStore('postgres://postgres@127.0.0.1:1/postgres')
    try {
      const err: unknown = await store.migrate().catch((e: unknown) => e)
      expect(isSyncError(err) && [err.code, err.retryable]).toEqual(['STORE_UNAVAILABLE', true])
    } finally {
      await store.close()
    }
  })
})
