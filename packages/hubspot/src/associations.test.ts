import { describe, expect, it } from 'vitest'

import { primaryCompanyOf } from './associations.js'

describe("a contact's primary company (v4 type 1, api-surface 3.5)", () => {
  it('is the company whose association types hold HUBSPOT_DEFINED 1, whatever else links the others', () => {
    expect(
      primaryCompanyOf([
        { id: '10', types: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }] },
        {
          id: '11',
          types: [
            { category: 'HUBSPOT_DEFINED', typeId: 279 },
            { category: 'HUBSPOT_DEFINED', typeId: 1 },
          ],
        },
      ]),
    ).toBe('11')
  })

  it('is null with no primary: none associated, only unlabeled ones, or a user label that reuses id 1', () => {
    expect(primaryCompanyOf(undefined)).toBeNull()
    expect(primaryCompanyOf([])).toBeNull()
    expect(primaryCompanyOf([{ id: '10', types: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }] }])).toBeNull()
    expect(primaryCompanyOf([{ id: '10', types: [{ category: 'USER_DEFINED', typeId: 1 }] }])).toBeNull()
  })
})
