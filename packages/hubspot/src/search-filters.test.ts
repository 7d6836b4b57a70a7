import { describe, expect, it } from 'vitest'

import { tieQuery, windowQuery } from './search-filters.js'

describe('capture search bodies (design.md 3.4)', () => {
  it('query 1: modified = w AND hs_object_id > lastId, sorted by id', () => {
    expect(tieQuery(1000, '42', ['email'])).toEqual({
      filterGroups: [
        {
          filters: [
            { propertyName: 'lastmodifieddate', operator: 'EQ', value: '1000' },
            { propertyName: 'hs_object_id', operator: 'GT', value: '42' },
          ],
        },
      ],
      sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
      properties: ['email', 'lastmodifieddate', 'hs_object_id'],
      limit: 200,
    })
  })

  it('query 1 without a last id reads the whole instant', () => {
    expect(tieQuery(1000, null, []).filterGroups[0]?.filters).toEqual([
      { propertyName: 'lastmodifieddate', operator: 'EQ', value: '1000' },
    ])
  })

  it('query 2: w < modified <= upper, ascending, paged with after', () => {
    const body = windowQuery(1000, 5000, ['lastmodifieddate', 'email'], { after: '200' })
    expect(body.filterGroups).toEqual([
      {
        filters: [
          { propertyName: 'lastmodifieddate', operator: 'GT', value: '1000' },
          { propertyName: 'lastmodifieddate', operator: 'LTE', value: '5000' },
        ],
      },
    ])
    expect(body.sorts).toEqual([{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }])
    expect(body.properties).toEqual(['lastmodifieddate', 'email', 'hs_object_id'])
    expect(body.after).toBe('200')
    expect('after' in windowQuery(1, 2, [])).toBe(false)
  })

  it('companies: both queries filter and sort on hs_lastmodifieddate (api-surface 3.2)', () => {
    expect(tieQuery(1000, '42', ['name'], 'hs_lastmodifieddate')).toEqual({
      filterGroups: [
        {
          filters: [
            { propertyName: 'hs_lastmodifieddate', operator: 'EQ', value: '1000' },
            { propertyName: 'hs_object_id', operator: 'GT', value: '42' },
          ],
        },
      ],
      sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
      properties: ['name', 'hs_lastmodifieddate', 'hs_object_id'],
      limit: 200,
    })
    const body = windowQuery(1000, 5000, ['name'], {}, 'hs_lastmodifieddate')
    expect(body.filterGroups[0]?.filters.map((f) => `${f.propertyName} ${f.operator} ${f.value}`)).toEqual([
      'hs_lastmodifieddate GT 1000',
      'hs_lastmodifieddate LTE 5000',
    ])
    expect(body.sorts).toEqual([{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }])
    expect(body.properties).toEqual(['name', 'hs_lastmodifieddate', 'hs_object_id'])
  })
})
