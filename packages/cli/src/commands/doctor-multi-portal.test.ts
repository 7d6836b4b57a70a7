import { parseConfig } from '@crmsync/core'
import { describe, expect, it } from 'vitest'

import { multiPortalWarnings } from './doctor-multi-portal.js'

function config(connections: { id: string; org: string; create: boolean; share?: number }[]) {
  const parsed = parseConfig({
    connections: connections.map((c, i) => ({
      id: c.id,
      salesforce: {
        instanceUrl: c.org,
        accessToken: 'x',
        ...(c.share === undefined ? {} : { apiCallAllocation: c.share }),
      },
      hubspot: { accessToken: 'y', portalId: 100 + i },
      store: 'sqlite::memory:',
      settings: { contacts: { createInHubSpot: c.create } },
    })),
  })
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  return parsed.config
}

const X = 'https://x.my.salesforce.com'
const Y = 'https://y.my.salesforce.com'

describe('doctor warnings for several portals on one org', () => {
  it('B-MULTI-2: two connections on one org both creating HubSpot contacts get the reference advice', () => {
    const both = config([
      { id: 'a', org: X, create: true },
      { id: 'b', org: `${X}/`, create: true },
      { id: 'c', org: Y, create: true },
    ])
    const [warning, ...rest] = multiPortalWarnings(both, both.connections[0]!)
    expect(rest).toEqual([])
    expect(warning).toContain('2 connections on this org (a, b)')
    expect(warning).toContain('createInHubSpot: false in all but one')
    expect(multiPortalWarnings(both, both.connections[2]!)).toEqual([])
    const one = config([
      { id: 'a', org: X, create: true },
      { id: 'b', org: X, create: false },
    ])
    expect(multiPortalWarnings(one, one.connections[0]!)).toEqual([])
  })

  it("B-MULTI-4: shares adding up to more than the org's limit are warned about once the limit is known", () => {
    const shares = config([
      { id: 'a', org: X, create: false, share: 600 },
      { id: 'b', org: X, create: false, share: 500 },
    ])
    expect(multiPortalWarnings(shares, shares.connections[0]!, 1000)).toEqual([
      "WARN salesforce: the connections on this org (a, b) have apiCallAllocation shares adding up to 1100, more than the org's daily limit of 1000 (Sforce-Limit-Info; B-MULTI-4)",
    ])
    expect(multiPortalWarnings(shares, shares.connections[0]!, 1100)).toEqual([])
    expect(multiPortalWarnings(shares, shares.connections[0]!, undefined)).toEqual([])
  })
})
