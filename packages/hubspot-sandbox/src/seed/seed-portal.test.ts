import { describe, expect, it } from 'vitest'

import { createControllableClock } from '../clock.js'
import { Portal } from '../model/portal.js'
import { seedPortal } from './seed-portal.js'

function seeded(seed: number): Portal {
  const portal = new Portal({
    portalId: 1,
    clock: createControllableClock({ start: Date.UTC(2026, 0, 1), frozen: true }),
  })
  seedPortal(portal, { contacts: 500, companies: 100, deals: 80, seed }, { sourceType: 'IMPORT' })
  return portal
}

const snapshot = (portal: Portal) =>
  [...portal.stores.contacts.live()].map((r) => ({ id: r.id, props: r.props, createdAt: r.createdAt }))

describe('seed generator', () => {
  it('is deterministic for a given seed and differs for another', () => {
    expect(snapshot(seeded(7))).toEqual(snapshot(seeded(7)))
    expect(snapshot(seeded(8))).not.toEqual(snapshot(seeded(7)))
  })

  it('small has about 500 contacts, 100 companies, 80 deals, associations and engagements, with unique emails', () => {
    const portal = new Portal({ portalId: 1, clock: createControllableClock() })
    const counts = seedPortal(portal, 'small', { sourceType: 'IMPORT' })
    expect(counts).toMatchObject({ contacts: 500, companies: 100, deals: 80 })
    expect(counts.engagements).toBeGreaterThan(0)
    expect(counts.marketingEmailEvents).toBeGreaterThan(0)
    const emails = [...portal.stores.contacts.live()].map((r) => r.props['email'])
    expect(new Set(emails).size).toBe(500)
    const first = [...portal.stores.contacts.live()][0]
    expect(portal.associations.edges('contacts', first?.id ?? 0, 'companies').length).toBe(1)
    const ownerIds = new Set(portal.owners.map((o) => o.id))
    expect(
      [...portal.stores.deals.live()].every((d) => ownerIds.has(d.props['hubspot_owner_id'] ?? '')),
    ).toBe(true)
  })
})
