import { describe, expect, it } from 'vitest'

import { AssociationStore } from './association-store.js'

const typeIds = (store: AssociationStore, contactId: number) =>
  store.edges('contacts', contactId, 'companies').map((e) => [e.toId, [...e.typeIds].sort((a, b) => a - b)])

describe('association store: primary companies', () => {
  it('a primary written from the company side (2) still leaves one primary per contact', () => {
    const store = new AssociationStore()
    const fromCompany = store.type('companies', 'contacts', 2)
    if (fromCompany === undefined) throw new Error('type 2 missing')
    store.add(fromCompany, 10, 1)
    store.add(fromCompany, 11, 1)
    expect(typeIds(store, 1)).toEqual([
      [10, [279]],
      [11, [1, 279]],
    ])
  })

  it('merging companies keeps the primary link of every contact (a company is primary for many)', () => {
    const store = new AssociationStore()
    const primary = store.type('contacts', 'companies', 1)
    if (primary === undefined) throw new Error('type 1 missing')
    store.add(primary, 1, 10)
    store.add(primary, 2, 10)
    store.add(primary, 3, 11)
    store.moveAll('companies', 10, 12)
    store.moveAll('companies', 11, 12)
    for (const contact of [1, 2, 3]) expect(typeIds(store, contact)).toEqual([[12, [1, 279]]])
  })

  it('merging contacts keeps the survivor primary and drops the loser one', () => {
    const store = new AssociationStore()
    const primary = store.type('contacts', 'companies', 1)
    if (primary === undefined) throw new Error('type 1 missing')
    store.add(primary, 1, 10)
    store.add(primary, 2, 11)
    store.moveAll('contacts', 2, 1)
    expect(typeIds(store, 1)).toEqual([
      [10, [1, 279]],
      [11, [279]],
    ])
  })
})
