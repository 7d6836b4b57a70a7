import type { Engine } from '@crmsync/engine'
import { describe, expect, it } from 'vitest'

import { EngineSlot } from './engine-slot.js'

/** An engine whose runCycle takes `ms` and records when it ran, under the name given. */
function fakeEngine(name: string, log: string[], ms = 5): Engine {
  return {
    runCycle: async () => {
      log.push(`${name}:start`)
      await new Promise((resolve) => setTimeout(resolve, ms))
      log.push(`${name}:end`)
      return {} as Awaited<ReturnType<Engine['runCycle']>>
    },
  } as unknown as Engine
}

describe('EngineSlot', () => {
  it('runs calls one at a time, in order, even when one fails', async () => {
    const log: string[] = []
    const slot = new EngineSlot(fakeEngine('a', log, 10))
    const failing = slot.exclusive(() => Promise.reject(new Error('boom')))
    const cycles = [slot.asEngine().runCycle(), slot.exclusive((e) => e.runCycle())]
    await expect(failing).rejects.toThrow('boom')
    await Promise.all(cycles)
    expect(log).toEqual(['a:start', 'a:end', 'a:start', 'a:end'])
  })

  it('replaces the engine only after the call under way, and later calls use the new one', async () => {
    const log: string[] = []
    const slot = new EngineSlot(fakeEngine('old', log, 10))
    const cycle = slot.asEngine().runCycle()
    const replaced = slot.replace(fakeEngine('new', log))
    const next = slot.asEngine().runCycle()
    await Promise.all([cycle, replaced, next])
    expect(log).toEqual(['old:start', 'old:end', 'new:start', 'new:end'])
  })
})
