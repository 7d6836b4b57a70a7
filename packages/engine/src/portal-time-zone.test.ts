import { type HubSpotPortalSettings, SyncError, type SyncErrorCode } from '@crmsync/core'
import { describe, expect, it } from 'vitest'

import type { EngineLogger } from './engine-types.js'
import { type PortalTimeZoneDeps, portalTimeZoneReader } from './portal-time-zone.js'

// One reader per engine, as EngineState holds it: the same deps object stands for the same engine here.
const readers = new WeakMap<PortalTimeZoneDeps, () => Promise<string>>()
function portalTimeZone(deps: PortalTimeZoneDeps): Promise<string> {
  let read = readers.get(deps)
  if (read === undefined) {
    read = portalTimeZoneReader(deps)
    readers.set(deps, read)
  }
  return read()
}

/** The port's answers in order (a settings object, or a SyncError code to throw), and what was logged. */
function depsAnswering(...answers: Array<HubSpotPortalSettings | SyncErrorCode>) {
  const warnings: Array<{ fields: Record<string, unknown>; message: string }> = []
  let calls = 0
  const ignore = () => undefined
  const logger: EngineLogger = {
    debug: ignore,
    info: ignore,
    error: ignore,
    warn: (fields, message) => warnings.push({ fields, message }),
  }
  const deps: PortalTimeZoneDeps = {
    connection: { id: 'tz' },
    logger,
    hubspot: {
      portalSettings: () => {
        const answer = answers[Math.min(calls, answers.length - 1)]
        calls += 1
        if (typeof answer === 'string') {
          const retryable = answer === 'HS_UNAVAILABLE'
          return Promise.reject(
            new SyncError({ code: answer, message: answer, origin: 'hubspot', retryable }),
          )
        }
        return Promise.resolve(answer as HubSpotPortalSettings)
      },
    },
  }
  return { deps, warnings, calls: () => calls }
}

describe('the portal time zone for date <-> datetime pairs (design.md 3.3, B-MAP-5)', () => {
  it("is the portal's zone, read once per engine however many cycles ask", async () => {
    const { deps, warnings, calls } = depsAnswering({ portalId: '1', timeZone: 'US/Eastern' })
    expect(await Promise.all([portalTimeZone(deps), portalTimeZone(deps)])).toEqual([
      'US/Eastern',
      'US/Eastern',
    ])
    expect(await portalTimeZone(deps)).toBe('US/Eastern')
    expect(calls()).toBe(1)
    expect(warnings).toEqual([])
    // Another engine (another deps object) reads for itself.
    const other = depsAnswering({ portalId: '2', timeZone: 'Europe/Oslo' })
    expect(await portalTimeZone(other.deps)).toBe('Europe/Oslo')
  })

  it('falls back to UTC with a warning when the portal gives no zone or one that cannot be converted in', async () => {
    for (const timeZone of [undefined, 'Mars/Olympus_Mons']) {
      const { deps, warnings, calls } = depsAnswering({ portalId: '1', timeZone })
      expect(await portalTimeZone(deps)).toBe('UTC')
      expect(await portalTimeZone(deps)).toBe('UTC')
      expect(calls()).toBe(1)
      expect(warnings).toHaveLength(1)
      expect(warnings[0]?.fields).toMatchObject({ connectionId: 'tz', timeZone: timeZone ?? null })
    }
  })

  it('falls back to UTC with a warning when account info is refused for good (missing scope)', async () => {
    const { deps, warnings, calls } = depsAnswering('HS_MISSING_SCOPES', {
      portalId: '1',
      timeZone: 'Asia/Tokyo',
    })
    expect(await portalTimeZone(deps)).toBe('UTC')
    expect(await portalTimeZone(deps)).toBe('UTC')
    expect(calls()).toBe(1)
    expect(warnings[0]?.fields).toMatchObject({ code: 'HS_MISSING_SCOPES', fallback: 'UTC' })
  })

  it('a passing failure fails the cycle instead of converting in a wrong zone, and the next cycle reads again', async () => {
    const { deps, warnings, calls } = depsAnswering('HS_UNAVAILABLE', {
      portalId: '1',
      timeZone: 'Asia/Tokyo',
    })
    await expect(portalTimeZone(deps)).rejects.toMatchObject({ code: 'HS_UNAVAILABLE' })
    expect(await portalTimeZone(deps)).toBe('Asia/Tokyo')
    expect(await portalTimeZone(deps)).toBe('Asia/Tokyo')
    expect(calls()).toBe(2)
    expect(warnings).toEqual([])
  })
})
