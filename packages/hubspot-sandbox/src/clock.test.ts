import { describe, expect, it } from 'vitest'

import { createControllableClock, isControllableClock } from './clock.js'

describe('controllable clock', () => {
  it('starts where asked, advances, and can be set back on purpose', () => {
    const clock = createControllableClock({ start: 1_000_000, frozen: true })
    expect(clock.now()).toBe(1_000_000)
    clock.advance(500)
    expect(clock.now()).toBe(1_000_500)
    clock.set(10)
    expect(clock.now()).toBe(10)
    expect(isControllableClock(clock)).toBe(true)
    expect(isControllableClock({ now: () => 1 })).toBe(false)
  })

  it('runs with real time once unfrozen, from the frozen value, and never goes back by itself', () => {
    const clock = createControllableClock({ start: Date.UTC(2030, 0, 1), frozen: true })
    clock.freeze(false)
    const first = clock.now()
    expect(first).toBeGreaterThanOrEqual(Date.UTC(2030, 0, 1))
    expect(first - Date.UTC(2030, 0, 1)).toBeLessThan(5_000)
    const readings = Array.from({ length: 1000 }, () => clock.now())
    expect(readings).toEqual([...readings].sort((a, b) => a - b))
    expect(clock.frozen).toBe(false)
  })
})
