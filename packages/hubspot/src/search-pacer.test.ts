import { describe, expect, it } from 'vitest'

import { SearchPacer } from './search-pacer.js'

describe('SearchPacer (B-API-7: about 4 searches a second)', () => {
  it('waits only as long as needed to keep searches the interval apart', async () => {
    let now = 1000
    const waits: number[] = []
    const pacer = new SearchPacer(
      250,
      () => now,
      (ms) => {
        waits.push(ms)
        now += ms
        return Promise.resolve()
      },
    )
    await pacer.turn()
    await pacer.turn()
    now += 100
    await pacer.turn()
    now += 1000
    await pacer.turn()
    expect(waits).toEqual([250, 150])
  })
})
