import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { isSyncError } from '@crmsync/core'
import { afterAll, describe, expect, it } from 'vitest'

import { createStateStore, parseStoreUrl } from './create-state-store.js'

const dir = mkdtempSync(join(tmpdir(), 'crmsync-store-url-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('parseStoreUrl', () => {
  it.each([
    ['sqlite::memory:', { kind: 'sqlite', filename: ':memory:' }],
    ['sqlite:./data/crmsync.db', { kind: 'sqlite', filename: './data/crmsync.db' }],
    ['sqlite:crmsync.db', { kind: 'sqlite', filename: 'crmsync.db' }],
    ['sqlite:///var/lib/crmsync.db', { kind: 'sqlite', filename: '/var/lib/crmsync.db' }],
    ['sqlite:/var/lib/crmsync.db', { kind: 'sqlite', filename: '/var/lib/crmsync.db' }],
    ['postgres://u:p@db:5432/crm', { kind: 'postgres', connectionString: 'postgres://u:p@db:5432/crm' }],
    ['postgresql://db/crm', { kind: 'postgres', connectionString: 'postgresql://db/crm' }],
  ])('reads %s', (url, expected) => {
    expect(parseStoreUrl(url)).toEqual(expected)
  })

  it.each(['sqlite:', 'sqlite://host/file.db', 'mysql://db/crm', './file.db', ''])('refuses %j', (url) => {
    const err: unknown = (() => {
      try {
        return parseStoreUrl(url)
      } catch (err) {
        return err
      }
    })()
    expect(isSyncError(err) && err.code).toBe('STORE_URL_INVALID')
  })

  it('keeps the password out of the message', () => {
    expect(() => parseStoreUrl('mysql://admin:s3cret@db/crm')).toThrow(/admin:\*\*\*@/)
  })

  it('refuses a Postgres schema name that is not a plain identifier', () => {
    expect(() => createStateStore('postgres://db/crm', { postgresSchema: 'x; drop table links' })).toThrow(
      expect.objectContaining({ code: 'STORE_URL_INVALID' }),
    )
  })
})

describe('SQLite file store', () => {
  it('keeps its data across close and reopen, and migrating again applies nothing', async () => {
    const url = `sqlite://${join(dir, 'reopen.db')}`
    const first = createStateStore(url)
    expect(await first.migrate()).toEqual([
      '0001-initial',
      '0002-connection-states',
      '0003-api-limit-readings',
      '0004-activity-items',
      '0005-identity-setup',
    ])
    await first.setIdentity({ connectionId: 'c', salesforceOrgId: '00D1', hubspotPortalId: '42' })
    await first.close()
    const second = createStateStore(url)
    try {
      expect(await second.migrate()).toEqual([])
      expect(await second.getIdentity('c')).toEqual({
        connectionId: 'c',
        salesforceOrgId: '00D1',
        hubspotPortalId: '42',
      })
    } finally {
      await second.close()
    }
  })

  it('reports a path that cannot be opened as STORE_UNAVAILABLE on first use', async () => {
    const store = createStateStore(`sqlite:${join(dir, 'no-such-dir', 'x.db')}`)
    const err: unknown = await store.migrate().catch((e: unknown) => e)
    expect(isSyncError(err) && [err.code, err.origin, err.retryable]).toEqual([
      'STORE_UNAVAILABLE',
      'store',
      true,
    ])
    await store.close().catch(() => undefined)
  })
})
