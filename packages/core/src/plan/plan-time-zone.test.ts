import { describe, expect, it } from 'vitest'

import type { ContactMapping } from '../mapping/index.js'
import { DEFAULT_CONTACT_MAPPINGS } from '../mapping/index.js'
import { addHubSpot, addSalesforce, createWorld, cycle, hs, ofKind, sf, writes } from '../testing/index.js'

const T = 1_700_000_000_000

// A HubSpot date picker paired with a Salesforce datetime (B-MAP-5 allows it).
const RENEWAL: ContactMapping = {
  hubspot: 'renewal_date',
  hubspotType: 'date',
  salesforce: { Lead: 'Renewal__c' },
  salesforceType: 'datetime',
  rule: 'two-way',
}
const mappings = [...DEFAULT_CONTACT_MAPPINGS, RENEWAL]
const midnightUtc = (day: string) => String(Date.parse(`${day}T00:00:00Z`))

/** A HubSpot contact with a renewal date, planned into a new Lead in the given portal zone. */
function createdLeadValue(day: string, timeZone: string) {
  const world = createWorld()
  addHubSpot(world, 'C', { email: 'a@x.com', lastname: 'Lee', renewal_date: midnightUtc(day) })
  const [create] = ofKind(cycle(world, [hs('C')], T, { mappings, timeZone }), 'create-salesforce')
  return { world, value: create?.values['Renewal__c'] }
}

describe('date <-> datetime pairs go through the portal time zone (design.md 3.3, B-MAP-5)', () => {
  it('HS -> SF: the HubSpot day becomes midnight of that day in the portal zone, DST included', () => {
    // HubSpot spells zones the legacy way ('US/Eastern'); it must convert as America/New_York does.
    expect(createdLeadValue('2024-01-15', 'US/Eastern').value).toBe('2024-01-15T05:00:00Z')
    expect(createdLeadValue('2024-07-01', 'US/Eastern').value).toBe('2024-07-01T04:00:00Z')
    // The day DST starts (02:00 local): midnight is still standard time.
    expect(createdLeadValue('2024-03-10', 'US/Eastern').value).toBe('2024-03-10T05:00:00Z')
    expect(createdLeadValue('2024-07-01', 'Asia/Kolkata').value).toBe('2024-06-30T18:30:00Z')
    // The zone is what decides: the same day in a UTC portal.
    expect(createdLeadValue('2024-07-01', 'UTC').value).toBe('2024-07-01T00:00:00Z')
  })

  it('SF -> HS: the Salesforce instant becomes its calendar day in the portal zone', () => {
    const world = createWorld()
    addHubSpot(world, 'C', { email: 'a@x.com', lastname: 'Lee' })
    addSalesforce(world, 'Lead', 'L', { Email: 'a@x.com', LastName: 'Lee' })
    cycle(world, [hs('C')], T, { mappings, timeZone: 'US/Eastern' })
    // 02:30 UTC on 2 July is 22:30 on 1 July in New York.
    world.salesforce.get('L')!.fields['Renewal__c'] = '2024-07-02T02:30:00.000+0000'
    const actions = cycle(world, [sf('Lead', 'L')], T + 1000, { mappings, timeZone: 'US/Eastern' })
    expect(ofKind(actions, 'update-hubspot')[0]?.values).toEqual({ renewal_date: midnightUtc('2024-07-01') })
    expect(world.hubspot.get('C')?.['renewal_date']).toBe(midnightUtc('2024-07-01'))
  })

  it('converges: after the create the pair reads as equal in the zone, so the next cycle writes no date', () => {
    const renewalWrites = (timeZone: string) => {
      const { world } = createdLeadValue('2024-07-01', 'Asia/Kolkata')
      const lead = [...world.salesforce.keys()][0] ?? ''
      const again = cycle(world, [hs('C'), sf('Lead', lead)], T + 1000, { mappings, timeZone })
      return writes(again).filter(
        (a) => 'values' in a && ('renewal_date' in a.values || 'Renewal__c' in a.values),
      )
    }
    expect(renewalWrites('Asia/Kolkata')).toEqual([])
    // Read in another zone, the Lead's 2024-06-30T18:30Z is a different day: the zone must stay the same.
    expect(renewalWrites('UTC')).not.toEqual([])
  })
})
