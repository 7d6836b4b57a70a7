import type { SyncErrorCode } from '@crmsync/core'
import type { KyselyStateStore } from '@crmsync/store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { healthReportOf, healthSelectionOf } from './health.js'
import { AT, link, memoryStore, testConnection } from './query-fixtures.js'
import { errorResyncBatches, recordResyncBatch } from './resync-targets.js'

let store: KyselyStateStore
beforeEach(async () => {
  store = await memoryStore()
})
afterEach(() => store.close())

const connectionId = testConnection().id

async function error(
  objectKind: 'contact' | 'deal' | 'deal-contact',
  side: 'hubspot' | 'salesforce',
  recordId: string,
  code: SyncErrorCode,
) {
  await store.recordError({
    connectionId,
    objectKind,
    side,
    recordId,
    code,
    message: `${code} on ${recordId}`,
    at: AT,
  })
}

/** The refusal's message, or undefined when the call was not refused. */
const problemOf = (result: object) => ('problem' in result ? result.problem : undefined)

async function seed() {
  await store.upsertLinks([
    link(connectionId, '1', '00Q000000000001AAA'),
    link(connectionId, '50', '006000000000050AAA', { objectKind: 'deal', salesforceType: 'Opportunity' }),
  ])
  await error('contact', 'salesforce', '00Q000000000001AAA', 'SF_INSUFFICIENT_ACCESS')
  await error('contact', 'hubspot', '2', 'HS_DUPLICATE_EMAIL')
  await error('contact', 'salesforce', '00Q000000000009AAA', 'SF_INSUFFICIENT_ACCESS')
  await error('deal-contact', 'salesforce', '006000000000050AAA', 'SF_VALIDATION')
}

describe('healthReportOf (B-ERR-1)', () => {
  it('groups by type with counts; filters by type, code prefix and object as errors --type/--object do', async () => {
    await seed()
    const all = await healthReportOf(store, connectionId)
    expect(all.report).toMatchObject({ connection: connectionId, errors: 4, records: 4 })
    expect(all.report.rows.find((r) => r.recordId === '00Q000000000001AAA')?.linkedId).toBe('1')
    expect(all.report.rows.find((r) => r.recordId === '2')?.linkedId).toBeNull()
    const select = (type?: string, object?: string) => {
      const selection = healthSelectionOf({ type, object })
      if ('problem' in selection) throw new Error(selection.problem)
      return healthReportOf(store, connectionId, selection)
    }
    expect((await select('permission')).report.groups).toEqual([
      expect.objectContaining({ type: 'permission', label: 'Permissions', errors: 2, records: 2 }),
    ])
    expect((await select('HS_')).report.rows.map((r) => r.code)).toEqual(['HS_DUPLICATE_EMAIL'])
    expect((await select(undefined, 'deal-contact')).report.errors).toBe(1)
    const csv = (await select('permission')).csv().trim().split('\n')
    expect(csv).toHaveLength(3)
    expect(csv[0]).toMatch(/^type,code,object/)
  })

  it('a type or object that is none: a message saying which', () => {
    expect(problemOf(healthSelectionOf({ type: 'nope' }))).toMatch(/no error type or code nope/)
    expect(problemOf(healthSelectionOf({ object: 'cars' }))).toMatch(/^object cars: one of/)
  })
})

describe('resync targets', () => {
  it('errors of one type: per kind the HubSpot ids, Salesforce errors through their link; unlinked ones named', async () => {
    await seed()
    const permission = await errorResyncBatches({ connectionId, store }, ['contact', 'deal'], 'permission')
    expect(permission).toEqual({
      batches: [{ objectKind: 'contact', hubspotIds: ['1'] }],
      unlinked: ['00Q000000000009AAA'],
    })
    const every = await errorResyncBatches({ connectionId, store }, ['contact', 'deal'], undefined)
    expect(every).toEqual({
      batches: [
        { objectKind: 'contact', hubspotIds: ['1', '2'] },
        // A deal's contact-role error resyncs the deal.
        { objectKind: 'deal', hubspotIds: ['50'] },
      ],
      unlinked: ['00Q000000000009AAA'],
    })
    expect(problemOf(await errorResyncBatches({ connectionId, store }, ['contact'], 'nope'))).toMatch(
      /no such error type or code nope/,
    )
  })

  it('one record: a HubSpot id as is, a Salesforce id through its link, an unlinked one refused', async () => {
    await seed()
    const deps = { connectionId, store }
    expect(await recordResyncBatch(deps, { objectKind: 'contact', side: 'hubspot', id: '7' })).toEqual({
      objectKind: 'contact',
      hubspotIds: ['7'],
    })
    expect(
      await recordResyncBatch(deps, { objectKind: 'deal', side: 'salesforce', id: '006000000000050AAA' }),
    ).toEqual({ objectKind: 'deal', hubspotIds: ['50'] })
    expect(
      problemOf(
        await recordResyncBatch(deps, {
          objectKind: 'contact',
          side: 'salesforce',
          id: '00Q000000000009AAA',
        }),
      ),
    ).toMatch(/not linked/)
  })
})
