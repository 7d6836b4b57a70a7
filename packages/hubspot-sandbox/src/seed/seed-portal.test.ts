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

  it('small: seeded deals carry hs_is_closed_won and their contacts and companies the deal roll-ups', () => {
    const portal = new Portal({ portalId: 1, clock: createControllableClock() })
    seedPortal(portal, 'small', { sourceType: 'IMPORT' })
    const deals = [...portal.stores.deals.live()]
    expect(
      deals.every((d) => d.props['hs_is_closed_won'] === String(d.props['dealstage'] === 'closedwon')),
    ).toBe(true)
    let linked = 0
    for (const type of ['contacts', 'companies'] as const) {
      for (const record of portal.stores[type].live()) {
        const edges = portal.associations.edges(type, record.id, 'deals')
        const won = edges
          .map((e) => portal.stores.deals.records.get(e.toId))
          .filter((d) => d?.props['dealstage'] === 'closedwon')
        const revenue = won.reduce((sum, d) => sum + Number(d?.props['amount']), 0)
        expect(record.props['num_associated_deals']).toBe(edges.length > 0 ? String(edges.length) : undefined)
        expect(record.props['total_revenue']).toBe(won.length > 0 ? String(revenue) : undefined)
        if (edges.length > 0) linked += 1
      }
    }
    expect(linked).toBeGreaterThan(0)
  })
})
