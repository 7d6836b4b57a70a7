import { describe, expect, it } from 'vitest'

import type { HubSpotPipeline, SalesforceOpportunityStage } from '../ports/index.js'
import { missingStages, stageMapOf, stagesOfPicklist, stageToHubSpot, stageToSalesforce } from './stages.js'

const value = (
  v: string,
  sortOrder: number,
  probability: number | null,
  closed = false,
  active = true,
): SalesforceOpportunityStage => ({
  value: v,
  label: v,
  active,
  closed,
  won: closed && probability === 100,
  probability,
  sortOrder,
})

const PICKLIST = [
  value('Negotiation', 2, 90),
  value('Prospecting', 1, 10),
  value('Closed Won', 3, 100, true),
  value('Closed Lost', 4, 0, true),
  value('Old stage', 5, 50, false, false),
]

const PIPELINE: HubSpotPipeline = {
  id: 'P1',
  label: 'Salesforce - Standard pipeline',
  displayOrder: 0,
  stages: [
    { id: 's1', label: 'Prospecting', displayOrder: 1, isClosed: false },
    { id: 's2', label: 'Negotiation', displayOrder: 2, isClosed: false },
  ],
}

describe('deal stages (B-DEAL-20)', () => {
  it('B-DEAL-20: a generated pipeline has one stage per active StageName value, in SortOrder', () => {
    expect(stagesOfPicklist(PICKLIST)).toEqual([
      { label: 'Prospecting', displayOrder: 1, probability: '0.1', isClosed: false },
      { label: 'Negotiation', displayOrder: 2, probability: '0.9', isClosed: false },
      { label: 'Closed Won', displayOrder: 3, probability: '1', isClosed: true },
      { label: 'Closed Lost', displayOrder: 4, probability: '0', isClosed: true },
    ])
  })

  it('B-DEAL-20: a picklist that gained values adds only the missing stages to the pipeline', () => {
    expect(missingStages(PIPELINE, PICKLIST).map((s) => s.label)).toEqual(['Closed Won', 'Closed Lost'])
    expect(missingStages(PIPELINE, PICKLIST.slice(0, 2))).toEqual([])
  })

  it('B-DEAL-20: StageName <-> stage id both ways; an unmapped value either way is a typed error', () => {
    const map = stageMapOf(PIPELINE)
    expect(stageToSalesforce(map, 's2')).toBe('Negotiation')
    expect(stageToHubSpot(map, 'Negotiation')).toBe('s2')
    expect(stageToSalesforce(map, 'closedwon')).toMatchObject({
      side: 'salesforce',
      code: 'SF_BAD_PICKLIST',
      value: 'closedwon',
    })
    expect(stageToHubSpot(map, 'Closed Won')).toMatchObject({
      side: 'hubspot',
      code: 'HS_VALIDATION',
      value: 'Closed Won',
    })
    // Object prototype names are not stages.
    expect(stageToHubSpot(map, 'constructor')).toMatchObject({ side: 'hubspot' })
  })
})
