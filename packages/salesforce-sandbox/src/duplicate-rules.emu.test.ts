// Duplicate rules that block a save (B-ERR-4), as jsforce sees them in sObject Collections and single saves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { failure, type Harness, startHarness } from './testing/harness.js'

const RULE = { object: 'Lead', name: 'Standard_Lead_Duplicate_Rule', fields: ['LastName', 'Company'] }

describe('duplicate rules', () => {
  let h: Harness
  let existing: string
  beforeAll(async () => {
    h = await startHarness({ duplicateRules: [RULE] })
    const created = await h.conn
      .sobject('Lead')
      .create({ LastName: 'Dup', Company: 'Acme', Email: 'one@x.com' })
    existing = created.success ? created.id : ''
  })
  afterAll(() => h.close())

  it('B-ERR-4: a matching insert is blocked with DUPLICATES_DETECTED naming the rule and the match; nothing is saved', async () => {
    const [blocked, other] = await h.conn.sobject('Lead').create(
      [
        { LastName: 'dup ', Company: 'ACME', Email: 'two@x.com' },
        { LastName: 'Dup', Company: 'Other', Email: 'three@x.com' },
      ],
      { allOrNone: false },
    )
    expect(blocked).toMatchObject({
      success: false,
      errors: [
        {
          statusCode: 'DUPLICATES_DETECTED',
          message: 'Use one of these records?',
          fields: [],
          duplicateResult: {
            allowSave: false,
            duplicateRule: 'Standard_Lead_Duplicate_Rule',
            matchResults: [{ matchRecords: [{ record: { Id: existing } }], size: 1 }],
          },
        },
      ],
    })
    expect(other).toMatchObject({ success: true })
    const leads = await h.conn.query<{ Email: string }>('SELECT Email FROM Lead ORDER BY Email')
    expect(leads.records.map((r) => r.Email)).toEqual(['one@x.com', 'three@x.com'])
    // The single-record call refuses it too.
    const single = await failure(h.conn.sobject('Lead').create({ LastName: 'Dup', Company: 'Acme' }))
    expect(single.errorCode).toBe('DUPLICATES_DETECTED')
  })

  it('an update of the matched record itself is no duplicate; an allow rule and no rule let a duplicate through', async () => {
    expect(await h.conn.sobject('Lead').update({ Id: existing, Title: 'CEO' })).toMatchObject({
      success: true,
    })
    await h.admin('PUT', '/duplicate-rules', { rules: [{ ...RULE, action: 'allow' }] })
    expect(await h.conn.sobject('Lead').create({ LastName: 'Dup', Company: 'Acme' })).toMatchObject({
      success: true,
    })
    expect(await h.admin('PUT', '/duplicate-rules', { rules: [] })).toEqual({ rules: [] })
    const bad = await failure(h.admin('PUT', '/duplicate-rules', { rules: [{ ...RULE, fields: ['Nope'] }] }))
    expect(bad.message).toContain('no field Nope on Lead')
  })
})
