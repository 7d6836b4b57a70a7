import { describe, expect, it } from 'vitest'

import { SortedIndex } from './sorted-index.js'

describe('SortedIndex', () => {
  it('keeps ids in stamp order across updates, out-of-order inserts and removals', () => {
    const index = new SortedIndex()
    index.set('a', 10)
    index.set('b', 20)
    index.set('c', 5)
    index.set('a', 30)
    index.set('b', undefined)
    expect([...index.range()]).toEqual(['c', 'a'])
    expect([...index.range(6, 30)]).toEqual(['a'])
    expect([...index.range(undefined, undefined, true)]).toEqual(['a', 'c'])
    expect(index.size).toBe(2)
  })

  it('compacts superseded entries without losing live ones', () => {
    const index = new SortedIndex()
    for (let round = 0; round < 5; round++)
      for (let i = 0; i < 1000; i++) index.set(`id${i}`, round * 1000 + i)
    const ids = [...index.range()]
    expect(ids).toHaveLength(1000)
    expect(ids[0]).toBe('id0')
    expect([...index.range(4999, 4999)]).toEqual(['id999'])
  })

  it('lists an id once after it goes back to an earlier stamp (a rolled-back update)', () => {
    const index = new SortedIndex()
    index.set('a', 10)
    index.set('b', 15)
    index.set('a', 20)
    index.set('a', 10)
    expect([...index.range()]).toEqual(['a', 'b'])
    index.set('a', 20)
    expect([...index.range()]).toEqual(['b', 'a'])
  })
})
