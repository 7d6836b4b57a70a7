import type { HubSpotConnector, HubSpotWriteResult } from '@crmsync/core'
import { describe, expect, it } from 'vitest'

export interface HubSpotContractOptions {
  /** Names the target in test titles, e.g. `sandbox` or `live portal`. */
  readonly target: string
  readonly makeConnector: () => HubSpotConnector
  /** Makes emails and Salesforce ids unique per run, so a live portal can be reused. (Default: a timestamp) */
  readonly runId?: string | undefined
}

function idOf(result: HubSpotWriteResult | undefined): string {
  if (result?.outcome !== 'written') throw new Error(`expected a write, got ${JSON.stringify(result)}`)
  return result.id
}

/**
 * The HubSpot connector contract (style guide item 19): what the engine relies on, through the port only,
 * so the same suite runs against the sandbox in CI and on demand against a real developer portal to catch
 * sandbox drift. It creates a few contacts and archives them at the end.
 */
export function runHubSpotConnectorContract(options: HubSpotContractOptions): void {
  const run = options.runId ?? String(Date.now())
  const email = (name: string) => `contract-${run}-${name}@example.com`

  describe(`HubSpot connector contract (${options.target})`, () => {
    it('creates by upsert, replays without duplicates, updates, reads back and archives', async () => {
      const hs = options.makeConnector()
      const input = {
        salesforceId: `00Q${run}a`,
        salesforceType: 'Lead' as const,
        properties: { email: email('a') },
      }
      const first = await hs.upsertContacts([input])
      const id = idOf(first[0])
      expect(first[0]).toMatchObject({ created: true })
      const replay = await hs.upsertContacts([input])
      expect(replay[0]).toMatchObject({ outcome: 'written', id, created: false })
      const [updated] = await hs.updateContacts([{ id, properties: { jobtitle: 'Contract' } }])
      expect(updated).toMatchObject({ outcome: 'written', id })
      const read = await hs.readContacts({ ids: [id], properties: ['jobtitle', 'salesforceleadid'] })
      expect(read.records.get(id)?.properties).toMatchObject({
        jobtitle: 'Contract',
        salesforceleadid: input.salesforceId,
      })
      const byEmail = await hs.findContactsByEmail([email('a').toUpperCase()], [])
      expect(byEmail.get(email('a'))?.id).toBe(id)
      await hs.archiveContacts([id])
      expect((await hs.readContacts({ ids: [id], properties: [] })).missing).toEqual([id])
    })

    it('answers a duplicate email with the existing id and an invalid value per record', async () => {
      const hs = options.makeConnector()
      const holder = idOf(
        (await hs.upsertContacts([{ salesforceId: `00Q${run}b`, properties: { email: email('b') } }]))[0],
      )
      const results = await hs.upsertContacts([
        { salesforceId: `00Q${run}c`, properties: { email: email('b') } },
        { salesforceId: `00Q${run}d`, properties: { email: 'not an email' } },
        { salesforceId: `00Q${run}e`, properties: { email: email('e') } },
      ])
      expect(results[0]).toEqual({ outcome: 'exists', key: `00Q${run}c`, existingId: holder })
      expect(results[1]).toMatchObject({ outcome: 'failed', code: 'HS_VALIDATION' })
      const created = idOf(results[2])
      await hs.archiveContacts([holder, created])
    })

    it('reports the portal, its time zone, owners and API usage', async () => {
      const hs = options.makeConnector()
      const portalId = (await hs.identity()).portalId
      expect(portalId).toMatch(/^\d+$/)
      // The zone date <-> datetime pairs go through (B-MAP-5) must be one the runtime can convert in.
      const settings = await hs.portalSettings()
      expect(settings.portalId).toBe(portalId)
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: settings.timeZone })).not.toThrow()
      expect(settings.timeZone).toMatch(/^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/)
      const owners = await hs.readOwners()
      expect(owners.every((owner) => owner.id !== '' && typeof owner.active === 'boolean')).toBe(true)
      expect(hs.apiUsage().calls).toBeGreaterThanOrEqual(4)
    })
  })
}
