// Formula fields (B-MAP-11): created through Tooling, computed from the same record whenever read, never
// writable, and a recalculation is not an edit (SystemModstamp stays).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { failure, type Harness, startHarness } from './testing/harness.js'

type Row = Record<string, unknown>

describe('formula fields', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({
      customFields: [
        { fullName: 'Lead.A__c', metadata: { label: 'A', type: 'Number', precision: 18, scale: 0 } },
        { fullName: 'Lead.B__c', metadata: { label: 'B', type: 'Number', precision: 18, scale: 0 } },
      ],
    })
  })
  afterAll(() => h.close())

  async function lead(id: string): Promise<Row> {
    return await h.conn.sobject('Lead').retrieve(id)
  }

  it('B-MAP-11: a Tooling formula field is calculated in describe and computed in retrieve and SOQL', async () => {
    const { id: early } = await h.conn.sobject('Lead').create({ LastName: 'Early', Company: 'A', A__c: 4 })
    const created = await h.conn.tooling.sobject('CustomField').create({
      FullName: 'Lead.Score__c',
      Metadata: { label: 'Score', type: 'Number', precision: 18, scale: 0, formula: 'A__c + b__c' },
    })
    expect(created).toMatchObject({ success: true })
    await h.admin('POST', '/custom-fields', {
      fullName: 'Lead.Label__c',
      metadata: { label: 'Label', type: 'Text', formula: "LastName & ' (' & Company & ')'" },
    })
    const fields = (await h.conn.sobject('Lead').describe()).fields as unknown as Row[]
    expect(fields.find((f) => f['name'] === 'Score__c')).toMatchObject({
      calculated: true,
      calculatedFormula: 'A__c + b__c',
      createable: false,
      updateable: false,
      type: 'double',
    })
    expect(fields.find((f) => f['name'] === 'A__c')).toMatchObject({ calculated: false })
    // Rows that existed before the field read it too (blanks count as zero by default).
    expect(await lead(early!)).toMatchObject({ Score__c: 4, Label__c: 'Early (A)' })
    const { id } = await h.conn.sobject('Lead').create({ LastName: 'F', Company: 'C', A__c: 2, B__c: 3 })
    const rows = await h.conn.query<Row>(`SELECT Score__c, Label__c FROM Lead WHERE Score__c = 5`)
    expect(rows.records).toEqual([expect.objectContaining({ Score__c: 5, Label__c: 'F (C)' })])
    expect(rows.records[0]!['attributes']).toMatchObject({ url: expect.stringContaining(id!) as unknown })
  })

  it('B-MAP-11: a formula field is never writable', async () => {
    const { id } = await h.conn.sobject('Lead').create({ LastName: 'W', Company: 'A' })
    const err = await failure(h.conn.sobject('Lead').update({ Id: id!, Score__c: 9 }))
    expect(err.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE')
    expect(err.data).toMatchObject({ fields: ['Score__c'] })
  })

  it('B-MAP-11: an edit of an input is an edit of the record; the recalculation itself changes no timestamp', async () => {
    const { id } = await h.conn.sobject('Lead').create({ LastName: 'T', Company: 'A', A__c: 1, B__c: 1 })
    const before = await lead(id!)
    await h.admin('POST', '/clock', { advanceSeconds: 5 })
    // Reading again after time passed recalculates the same value and touches nothing.
    expect(await lead(id!)).toMatchObject({ Score__c: 2, SystemModstamp: before['SystemModstamp'] })
    await h.conn.sobject('Lead').update({ Id: id!, B__c: 10 })
    const after = await lead(id!)
    expect(after['Score__c']).toBe(11)
    expect(after['SystemModstamp']).not.toBe(before['SystemModstamp'])
  })

  it('B-MAP-11: a formula naming an unknown field or a non-formula type is refused', async () => {
    const unknown = await failure(
      h.conn.tooling.sobject('CustomField').create({
        FullName: 'Lead.Bad__c',
        Metadata: { label: 'Bad', type: 'Number', formula: 'A__c + Nope__c' },
      }),
    )
    expect(unknown.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION')
    const checkbox = await failure(
      h.conn.tooling.sobject('CustomField').create({
        FullName: 'Lead.Bad2__c',
        Metadata: { label: 'Bad', type: 'Date', formula: 'A__c' },
      }),
    )
    expect(checkbox.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION')
  })
})
