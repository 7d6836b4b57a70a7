import { describe, expect, it } from 'vitest'

import type { HubSpotPipeline, SalesforceRecordType } from '../ports/index.js'
import { planPipelines, STANDARD_PIPELINE_LABEL, syncedPipelinesOf } from './pipelines.js'

const rt = (id: string, name: string, active = true): SalesforceRecordType => ({
  id,
  name,
  developerName: name.replace(/ /g, '_'),
  active,
})
const hsPipeline = (id: string, label: string): HubSpotPipeline => ({
  id,
  label,
  displayOrder: 0,
  stages: [],
})
const NO_CAP = { pipelines: {}, maxSyncedPipelines: null }

describe('deal pipelines (B-DEAL-2, 3)', () => {
  it('B-DEAL-2: record types New Business and Renewal get "Salesforce - <name>" pipelines, to create', () => {
    const setup = planPipelines({
      recordTypes: [rt('012B', 'Renewal'), rt('012A', 'New Business')],
      hubspotPipelines: [],
      settings: NO_CAP,
    })
    expect(setup.entries).toEqual([
      { recordTypeId: '012A', label: 'Salesforce - New Business', pipelineId: null, isDefault: true },
      { recordTypeId: '012B', label: 'Salesforce - Renewal', pipelineId: null, isDefault: false },
    ])
    expect(setup.toCreate).toHaveLength(2)
    expect(setup.warnings).toEqual([])
  })

  it.each([
    { name: 'no record type', recordTypes: [], recordTypeId: null },
    { name: 'one record type', recordTypes: [rt('012A', 'Sales')], recordTypeId: '012A' },
    {
      name: 'one active record type and an inactive one',
      recordTypes: [rt('012A', 'Sales'), rt('012X', 'Old', false)],
      recordTypeId: '012A',
    },
  ])('B-DEAL-2: an org with $name gets "Salesforce - Standard pipeline"', ({ recordTypes, recordTypeId }) => {
    const setup = planPipelines({ recordTypes, hubspotPipelines: [], settings: NO_CAP })
    expect(setup.entries).toEqual([
      { recordTypeId, label: STANDARD_PIPELINE_LABEL, pipelineId: null, isDefault: true },
    ])
  })

  it('B-DEAL-2: existing pipelines with the generated label are reused; the setup is idempotent', () => {
    const setup = planPipelines({
      recordTypes: [rt('012A', 'New Business'), rt('012B', 'Renewal')],
      defaultRecordTypeId: '012B',
      hubspotPipelines: [hsPipeline('77', 'Salesforce - Renewal'), hsPipeline('default', 'Sales Pipeline')],
      settings: NO_CAP,
    })
    expect(setup.entries.map((e) => [e.recordTypeId, e.pipelineId, e.isDefault])).toEqual([
      ['012A', null, false],
      ['012B', '77', true],
    ])
    expect(setup.toCreate.map((e) => e.label)).toEqual(['Salesforce - New Business'])
  })

  it('B-DEAL-3: maxSyncedPipelines=1 with two record types syncs one and warns naming the other', () => {
    const setup = planPipelines({
      recordTypes: [rt('012B', 'Renewal'), rt('012A', 'New Business')],
      hubspotPipelines: [],
      settings: { pipelines: {}, maxSyncedPipelines: 1 },
    })
    expect(setup.entries.map((e) => e.label)).toEqual(['Salesforce - New Business'])
    expect(setup.skipped.map((r) => r.id)).toEqual(['012B'])
    expect(setup.warnings).toEqual([expect.stringMatching(/B-DEAL-3.*Renewal \(012B\)/)])
  })

  it('B-DEAL-3: an explicit pipelines entry names the pipeline and is kept first under the cap', () => {
    const setup = planPipelines({
      recordTypes: [rt('012A', 'New Business'), rt('012B', 'Renewal'), rt('012C', 'Upsell')],
      hubspotPipelines: [hsPipeline('55', 'Renewals (ours)')],
      settings: { pipelines: { '012B': '55', '012C': 'missing' }, maxSyncedPipelines: 2 },
    })
    expect(setup.entries.map((e) => [e.recordTypeId, e.pipelineId])).toEqual([
      ['012B', '55'],
      ['012A', null],
    ])
    expect(setup.skipped.map((r) => r.id)).toEqual(['012C'])
    expect(setup.warnings).toEqual([
      expect.stringMatching(/pipeline missing for record type Upsell \(012C\) is not in HubSpot/),
      expect.stringMatching(/not synced: Upsell \(012C\)/),
    ])
  })

  it('B-DEAL-2/3: the planner reads the pipelines that exist, with their stage maps, and the record types over the cap', () => {
    const renewal: HubSpotPipeline = {
      id: '77',
      label: 'Salesforce - Renewal',
      displayOrder: 0,
      stages: [{ id: 's1', label: 'Prospecting', displayOrder: 0, isClosed: false }],
    }
    const setup = planPipelines({
      recordTypes: [rt('012A', 'New Business'), rt('012B', 'Renewal'), rt('012C', 'Upsell')],
      hubspotPipelines: [renewal],
      settings: { pipelines: {}, maxSyncedPipelines: 2 },
    })
    const synced = syncedPipelinesOf(setup, [renewal])
    expect(synced.pipelines).toEqual([
      {
        pipelineId: '77',
        recordTypeId: '012B',
        isDefault: false,
        stages: { pipelineId: '77', toSalesforce: { s1: 'Prospecting' }, toHubSpot: { Prospecting: 's1' } },
      },
    ])
    expect([...synced.unsyncedRecordTypes]).toEqual(['012C'])
  })
})
