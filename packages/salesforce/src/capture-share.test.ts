import { describe, expect, it } from 'vitest'

import { type CaptureRange, type CaptureRead, SalesforceCaptureShare } from './capture-share.js'
import type { SalesforceRow } from './mappers.js'

const T = Date.parse('2026-12-07T10:00:00.000Z')
const at = (seconds: number) => new Date(T + seconds * 1000).toISOString().replace('Z', '+0000')

function row(id: string, second: number, extra: Record<string, unknown> = {}): SalesforceRow {
  return {
    attributes: { type: 'Lead' },
    Id: id,
    SystemModstamp: at(second),
    City: 'Oslo',
    Phone: '1',
    ...extra,
  }
}

/** The reads a share asked for, each answering `rows` (the query itself is the connector's, tested elsewhere). */
function reader(rows: SalesforceRow[], fields = ['Id', 'SystemModstamp', 'City', 'Phone']) {
  const calls: CaptureRange[] = []
  return {
    calls,
    read: (range: CaptureRange) => (): Promise<CaptureRead> => {
      calls.push(range)
      return Promise.resolve({ rows, serverTime: T + 60_000, fields })
    },
  }
}

const A = {}
const B = {}
const own = ['Id', 'SystemModstamp', 'City']

describe('SalesforceCaptureShare', () => {
  it('serves a range inside a page another connection read, with only its rows and fields', async () => {
    const share = new SalesforceCaptureShare()
    const rows = [row('00Q000000000001', 1), row('00Q000000000002', 5), row('00Q000000000003', 9)]
    const { calls, read } = reader(rows)
    await share.page(A, 'Lead', { from: T }, own, 2000, read({ from: T }))
    const served = await share.page(B, 'Lead', { from: T + 5000 }, own, 2000, read({ from: T + 5000 }))
    expect(calls).toHaveLength(1)
    expect(served.rows.map((r) => r['Id'])).toEqual(['00Q000000000002', '00Q000000000003'])
    expect(Object.keys(served.rows[0]!)).toEqual(['attributes', 'Id', 'SystemModstamp', 'City'])
    expect(served.serverTime).toBe(T + 60_000)
    expect(share.stats()).toEqual({ served: 1, read: 1 })
  })

  it('reads when the page lacks a field, is older than what the requester saw, or the org was written since', async () => {
    const share = new SalesforceCaptureShare()
    const { calls, read } = reader([row('00Q000000000001', 1)], ['Id', 'SystemModstamp', 'City'])
    await share.page(A, 'Lead', { from: T }, own, 2000, read({ from: T }))
    await share.page(B, 'Lead', { from: T }, [...own, 'Phone'], 2000, read({ from: T }))
    expect(calls).toHaveLength(2)
    // B's own read is newer than anything A has seen: A is served it once, then never the same page again.
    await share.page(A, 'Lead', { from: T }, own, 2000, read({ from: T }))
    expect(calls).toHaveLength(2)
    await share.page(A, 'Lead', { from: T }, own, 2000, read({ from: T }))
    expect(calls).toHaveLength(3)
    share.orgWritten()
    await share.page(B, 'Lead', { from: T }, own, 2000, read({ from: T }))
    expect(calls).toHaveLength(4)
  })

  it('serves a full page only to the same query, and a keyset position it cannot place never', async () => {
    const share = new SalesforceCaptureShare()
    const full = Array.from({ length: 3 }, (_, i) => row(`00Q00000000000${i}`, 2))
    const { calls, read } = reader(full)
    await share.page(A, 'Lead', { from: T }, own, 3, read({ from: T }))
    await share.page(B, 'Lead', { from: T + 1000 }, own, 3, read({ from: T + 1000 }))
    expect(calls).toHaveLength(2)
    const exact = await share.page({}, 'Lead', { from: T }, own, 3, read({ from: T }))
    expect(exact.rows).toHaveLength(3)
    expect(calls).toHaveLength(2)

    const second = new SalesforceCaptureShare()
    const page = reader([row('00Q000000000005', 2), row('00Q000000000007', 2)])
    await second.page(A, 'Lead', { from: T }, own, 2000, page.read({ from: T }))
    // After a row of the page: the rows that follow it in the server's order.
    const after = { from: T + 2000, after: { modstamp: T + 2000, id: '00Q000000000005' } }
    const served = await second.page(B, 'Lead', after, own, 2000, page.read(after))
    expect(served.rows.map((r) => r['Id'])).toEqual(['00Q000000000007'])
    // After a row the page does not hold, in a second it has rows of: the Id order is the server's, so read.
    const unknown = { from: T + 2000, after: { modstamp: T + 2000, id: '00Q000000000006' } }
    await second.page({}, 'Lead', unknown, own, 2000, page.read(unknown))
    expect(page.calls).toHaveLength(2)
  })

  it('does not serve a page older than maxAgeMs', async () => {
    let now = 0
    const share = new SalesforceCaptureShare({ maxAgeMs: 15_000, now: () => now })
    const { calls, read } = reader([row('00Q000000000001', 1)])
    await share.page(A, 'Lead', { from: T }, own, 2000, read({ from: T }))
    now = 15_001
    await share.page(B, 'Lead', { from: T }, own, 2000, read({ from: T }))
    expect(calls).toHaveLength(2)
  })

  it('reads the union of the fields every connection asked for', () => {
    const share = new SalesforceCaptureShare()
    share.selectFor('Lead', ['Id', 'City'])
    expect(share.selectFor('Lead', ['Id', 'Phone'])).toEqual(['Id', 'Phone', 'City'])
    share.ownFieldsOnly('Lead')
    expect(share.selectFor('Lead', ['Id', 'Phone'])).toEqual(['Id', 'Phone'])
  })
})
