import { describe, expect, it } from 'vitest'

import { ControllableClock, formatDateTime } from '../clock.js'
import { seedRecords } from '../seed/generate.js'
import { seedOrgMetadata } from '../seed/org-metadata.js'
import { Org } from '../store/org.js'
import { runQuery } from './execute.js'

const START = Date.parse('2026-01-01T00:00:00Z')

function org(leads: number): Org {
  const o = new Org(new ControllableClock(START))
  seedOrgMetadata(o)
  seedRecords(o, { kind: 'large', leads, seed: 5 })
  return o
}

describe('SOQL planner', () => {
  const o = org(20_000)
  const rows = [...o.table('Lead')!.rows()]
  const sample = rows[12_345]!
  const q = (soql: string) => runQuery(o, soql, { all: false, version: 'v59.0' })

  it('answers Id = and Id IN through the Id map', () => {
    const one = q(`SELECT Id FROM Lead WHERE Id = '${String(sample['Id']).slice(0, 15)}'`)
    expect(one.rows.map((r) => r['Id'])).toEqual([sample['Id']])
    expect(one.examined).toBe(1)
    const many = q(
      `SELECT Id FROM Lead WHERE Id IN ('${String(rows[1]!['Id'])}', '${String(rows[2]!['Id'])}') AND IsConverted = false`,
    )
    expect(many.rows).toHaveLength(2)
    expect(many.examined).toBe(2)
  })

  it('answers Email = / IN and external ids through hash indexes, case-insensitively', () => {
    const email = String(sample['Email']).toUpperCase()
    const byEmail = q(`SELECT Id FROM Lead WHERE Email = '${email}' AND IsConverted = false`)
    expect(byEmail.rows.map((r) => r['Id'])).toEqual([sample['Id']])
    expect(byEmail.examined).toBe(1)
    o.table('Lead')!.put({ ...sample, HubSpot_Id__c: 'hs-42' })
    const ext = q("SELECT Id FROM Lead WHERE HubSpot_Id__c IN ('HS-42', 'hs-none')")
    expect(ext.rows).toHaveLength(1)
    expect(ext.examined).toBe(1)
  })

  it('walks the SystemModstamp index for incremental reads and stops after LIMIT', () => {
    const from = formatDateTime(Number(rows[15_000]!['SystemModstamp'])).replace('+0000', 'Z')
    const page = q(
      `SELECT Id, SystemModstamp FROM Lead WHERE SystemModstamp > ${from} ORDER BY SystemModstamp, Id LIMIT 50`,
    )
    expect(page.rows).toHaveLength(50)
    expect(page.examined).toBeLessThan(200)
    const expected = rows
      .filter((r) => Number(r['SystemModstamp']) > Date.parse(from))
      .slice(0, 50)
      .map((r) => r['Id'])
    expect(page.rows.map((r) => r['Id'])).toEqual(expected)
  })

  it('falls back to a scan for conditions no index serves, with the same answer', () => {
    const scan = q("SELECT Id FROM Lead WHERE LeadSource = 'Web' OR Email = 'x@y.z'")
    expect(scan.plan.kind).toBe('scan')
    expect(scan.examined).toBe(20_000)
    expect(scan.rows).toHaveLength(rows.filter((r) => r['LeadSource'] === 'Web').length)
  })

  it('orders rows that share a SystemModstamp by the next key (the incremental tie-breaker)', () => {
    const small = org(0)
    const table = small.table('Contact')!
    const base = { IsDeleted: false, LastName: 'T' }
    const [a, b, c] = ['0035g0000000001AAA', '0035g0000000002AAA', '0035g0000000003AAA']
    table.put({ ...base, Id: a, SystemModstamp: START })
    table.put({ ...base, Id: c, SystemModstamp: START + 1000 })
    table.put({ ...base, Id: b, SystemModstamp: START + 1000 })
    table.put({ ...base, Id: a, SystemModstamp: START + 1000 })
    const soql =
      'SELECT Id FROM Contact WHERE SystemModstamp >= 2026-01-01T00:00:00Z ORDER BY SystemModstamp, Id'
    const asc = runQuery(small, soql, { all: false, version: 'v59.0' })
    expect(asc.rows.map((r) => r['Id'])).toEqual([a, b, c])
    const desc = runQuery(
      small,
      `${soql.replace('SystemModstamp, Id', 'SystemModstamp DESC, Id DESC')} LIMIT 2`,
      { all: false, version: 'v59.0' },
    )
    expect(desc.rows.map((r) => r['Id'])).toEqual([c, b])
  })
})
