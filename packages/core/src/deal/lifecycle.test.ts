import { describe, expect, it } from 'vitest'

import { worldLink } from '../testing/deal-world.js'
import { planLifecycleTransitions, type RoleOpportunity } from './lifecycle.js'

const contact = (
  hubspotId: string,
  stage: string | null,
  salesforceId = `K${hubspotId}`,
  type = 'Contact',
) => ({
  hubspotId,
  lifecycleStage: stage,
  link: worldLink('contact', hubspotId, type, salesforceId),
})
const open = (contactIds: string[], id = '006O'): RoleOpportunity => ({
  opportunityId: id,
  contactIds,
  isClosed: false,
  isWon: false,
})
const won = (contactIds: string[], id = '006W'): RoleOpportunity => ({
  opportunityId: id,
  contactIds,
  isClosed: true,
  isWon: true,
})
const lost = (contactIds: string[], id = '006L'): RoleOpportunity => ({
  opportunityId: id,
  contactIds,
  isClosed: true,
  isWon: false,
})
const moves = (actions: readonly { hubspotId: string; values: { lifecyclestage: string } }[]) =>
  actions.map((a) => [a.hubspotId, a.values.lifecyclestage])

describe('automatic lifecycle transitions (B-LCS-2..6, 9)', () => {
  it('B-LCS-2: a salesqualifiedlead whose Contact is a role on an open opportunity moves to opportunity', () => {
    const actions = planLifecycleTransitions({
      enabled: true,
      contacts: [contact('C', 'salesqualifiedlead')],
      opportunities: [open(['KC'])],
    })
    expect(actions).toEqual([
      {
        kind: 'update-hubspot',
        hubspotId: 'C',
        salesforce: { type: 'Contact', id: 'KC' },
        values: { lifecyclestage: 'opportunity' },
        reason: expect.stringMatching(/B-LCS-2.*006O/) as string,
      },
    ])
  })

  it('B-LCS-3: Closed Won moves an opportunity-stage contact to customer, even beside an open one', () => {
    const actions = planLifecycleTransitions({
      enabled: true,
      contacts: [contact('C', 'opportunity')],
      opportunities: [open(['KC']), won(['KC'])],
    })
    expect(moves(actions)).toEqual([['C', 'customer']])
    expect(actions[0]?.reason).toMatch(/B-LCS-3/)
  })

  it.each([
    {
      name: 'B-LCS-5: a customer is never moved back to opportunity',
      stage: 'customer',
      opportunities: [open(['KC'])],
    },
    {
      name: 'B-LCS-9: an evangelist is not moved to customer',
      stage: 'evangelist',
      opportunities: [won(['KC'])],
    },
    { name: "B-LCS-9: 'other' is never moved down", stage: 'other', opportunities: [won(['KC'])] },
    { name: 'a closed lost opportunity moves nobody', stage: 'lead', opportunities: [lost(['KC'])] },
    {
      name: 'a custom stage outside the order is not compared, not moved',
      stage: 'partner',
      opportunities: [won(['KC'])],
    },
  ])('$name', ({ stage, opportunities }) => {
    expect(
      planLifecycleTransitions({ enabled: true, contacts: [contact('C', stage)], opportunities }),
    ).toEqual([])
  })

  it('blank counts as the earliest stage', () => {
    expect(
      moves(
        planLifecycleTransitions({
          enabled: true,
          contacts: [contact('C', null)],
          opportunities: [open(['KC'])],
        }),
      ),
    ).toEqual([['C', 'opportunity']])
  })

  it('B-LCS-4: only contact roles count; a contact linked to a Lead, or not a role, is not moved', () => {
    const actions = planLifecycleTransitions({
      enabled: true,
      contacts: [contact('C1', 'lead'), contact('C2', 'lead', 'L2', 'Lead'), contact('C3', 'lead')],
      opportunities: [won(['KC1', 'L2'])],
    })
    expect(moves(actions)).toEqual([['C1', 'customer']])
  })

  it('the setting off moves nobody; a portal order given as input is used', () => {
    expect(
      planLifecycleTransitions({
        enabled: false,
        contacts: [contact('C', 'lead')],
        opportunities: [won(['KC'])],
      }),
    ).toEqual([])
    // In this portal's order opportunity comes after customer, so it is a forward move there.
    const order = ['lead', 'customer', 'opportunity']
    const actions = planLifecycleTransitions({
      enabled: true,
      contacts: [contact('C', 'customer')],
      opportunities: [open(['KC'])],
      order,
    })
    expect(moves(actions)).toEqual([['C', 'opportunity']])
  })
})
