import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { SortedIndex } from './sorted-index.js'

describe('SortedIndex', () => {
  it('agrees with a sorted array under random inserts and removals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 3000 })), {
          maxLength: 4000,
        }),
        (ops) => {
          const index = new SortedIndex()
          const model = new Map<string, [number, number]>()
          for (const [insert, key, id] of ops) {
            const name = `${key}:${id}`
            if (insert && !model.has(name)) {
              index.insert(key, id)
              model.set(name, [key, id])
            } else if (!insert) {
              expect(index.remove(key, id)).toBe(model.delete(name))
            }
          }
          const sorted = [...model.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1])
          expect(index.size).toBe(sorted.length)
          expect([...index.ids(0, index.size)]).toEqual(sorted.map(([, id]) => id))
          expect([...index.ids(0, index.size, true)]).toEqual(sorted.map(([, id]) => id).reverse())
          const rank = index.rank(25, Number.NEGATIVE_INFINITY)
          expect(rank).toBe(sorted.filter(([key]) => key < 25).length)
          const through = index.rank(25, Number.POSITIVE_INFINITY)
          expect([...index.ids(rank, through)]).toEqual(
            sorted.filter(([key]) => key === 25).map(([, id]) => id),
          )
        },
      ),
      { numRuns: 60 },
    )
  })

  it('reads a window in the middle of many chunks', () => {
    const index = new SortedIndex()
    for (let i = 10_000; i > 0; i -= 1) index.insert(i * 2, i)
    expect([...index.ids(4_000, 4_003)]).toEqual([4_001, 4_002, 4_003])
    expect([...index.ids(4_000, 4_003, true)]).toEqual([4_003, 4_002, 4_001])
    expect(index.rank(8_001, 0)).toBe(4_000)
  })
})
