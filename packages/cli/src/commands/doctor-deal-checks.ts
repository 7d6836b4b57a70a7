// `crmsync doctor` with deal sync on (B-DEAL): the integration user's permission (B-INST-5), the Opportunity
// object, the HubSpot deal properties, and the pipeline each opportunity record type syncs with. Read-only:
// the pipelines the first sync would create are named from core's planPipelines, never created here. Calls:
// 1 permission query, 1 Opportunity describe, 1 record type query, 1 stage query, 1 pipeline read, 1 deal
// properties read.
import {
  DEAL_LINK_PROPERTY,
  type DealMapping,
  type HubSpotConnector,
  type HubSpotPipeline,
  type PipelineSettings,
  planPipelines,
  type SalesforceConnector,
  type SalesforceRecordType,
} from '@crmsync/core'
import { SALESFORCE_ID_PROPERTY } from '@crmsync/hubspot'
import { Client } from '@hubspot/api-client'

import type { CheckResult } from '../format/check-lines.js'
import { check, describeFailure, linkGroupCheck, type PropertyLike } from './doctor-hubspot-checks.js'

export interface DealCheckInput {
  readonly salesforce: Pick<
    SalesforceConnector,
    'describe' | 'readOpportunityRecordTypes' | 'readOpportunityStages' | 'readUserPermissions'
  >
  readonly hubspot: Pick<HubSpotConnector, 'readDealPipelines'>
  readonly accessToken: string
  readonly basePath: string
  /** The deal mappings that sync (rule not `none`). */
  readonly mappings: readonly DealMapping[]
  /** settings.deals: explicit pipelines and the cap. */
  readonly settings: PipelineSettings
  /** The Opportunity field creates from HubSpot are upserts on (the connector's external-id field). */
  readonly externalIdField: string
}

const sfCheck = (name: string, ok: boolean, detail: string, fix: string): CheckResult => ({
  scope: 'salesforce',
  name,
  ok,
  detail,
  ...(ok ? {} : { fix }),
})

/** Every deal check: the permission, Opportunity, then the HubSpot deal properties, then the pipelines. */
export async function dealChecks(input: DealCheckInput): Promise<CheckResult[]> {
  return [
    await permissionCheck(input),
    ...(await opportunityChecks(input)),
    ...(await dealPropertyChecks(input)),
    ...(await pipelineChecks(input)),
  ]
}

/**
 * B-INST-5: deal sync needs "Modify All Data" or "Modify Metadata Through Metadata API Functions"; without
 * either the engine refuses to sync (DEAL_SYNC_PERMISSION_MISSING), so doctor says so first.
 */
async function permissionCheck(input: DealCheckInput): Promise<CheckResult> {
  const name = 'integration user: permission for deal sync'
  const fix =
    'Give the integration user "Modify All Data" or "Modify Metadata Through Metadata API Functions" ' +
    '(a permission set is enough), or set settings.deals.sync: false (B-INST-5).'
  try {
    const p = await input.salesforce.readUserPermissions()
    const ok = p.modifyAllData || p.modifyMetadata
    const detail = ok
      ? p.modifyAllData
        ? 'Modify All Data'
        : 'Modify Metadata Through Metadata API Functions'
      : 'has neither Modify All Data nor Modify Metadata Through Metadata API Functions'
    return sfCheck(name, ok, detail, fix)
  } catch (err) {
    return sfCheck(name, false, describeFailure(err), fix)
  }
}

/**
 * Opportunity as for Account: create and edit, the external-id field opportunities from HubSpot are upserted
 * on, the fields required on create that no mapping fills, the mapped fields writable.
 */
async function opportunityChecks(input: DealCheckInput): Promise<CheckResult[]> {
  let described: Awaited<ReturnType<SalesforceConnector['describe']>>
  try {
    described = await input.salesforce.describe('Opportunity')
  } catch (err) {
    return [
      sfCheck(
        'Opportunity: create and edit',
        false,
        describeFailure(err),
        "Give the integration user's permission set Read, Create and Edit on Opportunity (deal sync is on).",
      ),
    ]
  }
  const checks: CheckResult[] = []
  const access = described.createable && described.updateable
  checks.push(
    sfCheck(
      'Opportunity: create and edit',
      access,
      `createable=${String(described.createable)}, updateable=${String(described.updateable)}`,
      'Give the integration user Read, Create and Edit on Opportunity.',
    ),
  )
  const field = input.externalIdField
  const ext = described.fields.get(field)
  const extOk = ext !== undefined && ext.externalId && ext.unique && ext.createable && ext.updateable
  checks.push(
    sfCheck(
      `Opportunity: external-id field ${field}`,
      extOk,
      ext === undefined ? 'missing' : `externalId=${String(ext.externalId)}, unique=${String(ext.unique)}`,
      `Create a Text(255) field ${field} on Opportunity, marked External ID and Unique, editable by the ` +
        'integration user; opportunities created from HubSpot deals are upserts on it.',
    ),
  )
  const mapped = [
    ...new Set(
      input.mappings.flatMap((m) =>
        m.salesforce.Opportunity === undefined ? [] : [m.salesforce.Opportunity],
      ),
    ),
  ]
  const required = [...described.fields.values()].filter((f) => f.requiredOnCreate).map((f) => f.name)
  const unfilled = required.filter((f) => !mapped.includes(f))
  checks.push(
    sfCheck(
      'Opportunity: required fields',
      unfilled.length === 0,
      `required on create: ${required.join(', ') || 'none'}`,
      `Map ${unfilled.join(', ')} in mappings.deal or give them a default value in Salesforce.`,
    ),
  )
  const bad = mapped.filter((name) => {
    const f = described.fields.get(name)
    return f === undefined || !(f.updateable || f.createable)
  })
  checks.push(
    sfCheck(
      'Opportunity: mapped fields writable',
      bad.length === 0,
      bad.length === 0 ? `${mapped.length} fields` : `not found or not writable: ${bad.join(', ')}`,
      `Create ${bad.join(', ')} on Opportunity, or make them editable by the integration user, or remove ` +
        'their mappings.deal entries.',
    ),
  )
  return checks
}

/**
 * The deal properties, as for companies: creates from Salesforce are upserts on the unique
 * `crmsync_salesforce_id` of deals; the linked Opportunity id is written to `salesforceopportunityid` in the
 * Salesforce information group (B-MAP-14); every mapped property must exist.
 */
async function dealPropertyChecks(input: DealCheckInput): Promise<CheckResult[]> {
  const client = new Client({
    accessToken: input.accessToken,
    basePath: input.basePath,
    numberOfApiCallRetries: 0,
  })
  const checks: CheckResult[] = []
  let properties: ReadonlyMap<string, PropertyLike>
  try {
    const all = await client.crm.properties.coreApi.getAll('deals')
    properties = new Map(all.results.map((p) => [p.name, p as PropertyLike]))
    checks.push(check('deal properties readable', true, `${properties.size} properties`, ''))
  } catch (err) {
    const fix = 'Give the private app the crm.schemas.deals.read scope (deal sync is on).'
    checks.push(check('deal properties readable', false, describeFailure(err), fix))
    return checks
  }
  const unique = properties.get(SALESFORCE_ID_PROPERTY)
  checks.push(
    check(
      `deal unique property ${SALESFORCE_ID_PROPERTY}`,
      unique?.hasUniqueValue === true,
      unique === undefined ? 'missing' : `hasUniqueValue=${String(unique.hasUniqueValue ?? false)}`,
      `Create a single-line text deal property ${SALESFORCE_ID_PROPERTY} with "unique values" on; ` +
        'deals created from Salesforce opportunities are upserts on it.',
    ),
  )
  const link = properties.get(DEAL_LINK_PROPERTY)
  checks.push(
    check(
      `deal link property ${DEAL_LINK_PROPERTY}`,
      link !== undefined,
      link !== undefined ? 'present' : 'missing',
      `Create a single-line text deal property ${DEAL_LINK_PROPERTY} in the group "Salesforce information" ` +
        '(salesforceinformation); crmsync writes the linked Opportunity id there.',
    ),
  )
  if (link !== undefined) checks.push(linkGroupCheck(link, 'deals'))
  const missing = [...new Set(input.mappings.map((m) => m.hubspot))].filter((name) => !properties.has(name))
  checks.push(
    check(
      'deal mapped properties',
      missing.length === 0,
      missing.length === 0 ? `${input.mappings.length} mappings` : `missing: ${missing.join(', ')}`,
      `Create the deal properties ${missing.join(', ')}: deal sync maps them to Opportunity fields.`,
    ),
  )
  return checks
}

/**
 * B-DEAL-2/3/20: which pipeline each opportunity record type syncs with, generated ("Salesforce - <record
 * type>") or configured; a generated one missing is what the first sync with deal sync on creates, with a
 * stage per StageName value. A warning names the record types over settings.deals.maxSyncedPipelines; a
 * configured pipeline id HubSpot does not have fails (the engine would fall back to the generated one).
 */
async function pipelineChecks(input: DealCheckInput): Promise<CheckResult[]> {
  let recordTypes: readonly SalesforceRecordType[]
  let stages: Awaited<ReturnType<SalesforceConnector['readOpportunityStages']>>
  let pipelines: readonly HubSpotPipeline[]
  try {
    ;[recordTypes, stages] = await Promise.all([
      input.salesforce.readOpportunityRecordTypes(),
      input.salesforce.readOpportunityStages(),
    ])
  } catch (err) {
    return [
      sfCheck(
        'Opportunity: record types and stages readable',
        false,
        describeFailure(err),
        "Give the integration user's permission set read access to RecordType and OpportunityStage.",
      ),
    ]
  }
  try {
    pipelines = await input.hubspot.readDealPipelines()
  } catch (err) {
    return [
      check(
        'deal pipelines readable',
        false,
        describeFailure(err),
        'Give the private app the crm.objects.deals.read scope (deal sync is on).',
      ),
    ]
  }
  const active = stages.filter((s) => s.active)
  const checks: CheckResult[] = [
    sfCheck(
      'Opportunity: stages',
      active.length > 0,
      `${active.length} active StageName value(s): ${active.map((s) => s.value).join(', ')}`,
      'Activate at least one Opportunity stage: each becomes a stage of the generated pipelines (B-DEAL-20).',
    ),
  ]
  const known = new Map(pipelines.map((p) => [p.id, p]))
  for (const [recordTypeId, pipelineId] of Object.entries(input.settings.pipelines).sort()) {
    const recordType = recordTypes.find((r) => r.id === recordTypeId)
    const name = `settings.deals.pipelines ${recordTypeId}`
    if (!known.has(pipelineId))
      checks.push(
        check(
          name,
          false,
          `pipeline ${pipelineId} for record type ${recordType?.name ?? recordTypeId} is not in HubSpot`,
          'Put the id of an existing HubSpot deal pipeline (Settings > Objects > Deals > Pipelines) or remove ' +
            'the entry to use the generated pipeline.',
        ),
      )
    else if (recordType === undefined || !recordType.active)
      checks.push({
        ...check(name, true, `no active opportunity record type ${recordTypeId}: the entry is not used`, ''),
        warning: true,
        fix: 'Use the id of an active Opportunity record type (Setup > Object Manager > Opportunity > Record Types).',
      })
  }
  const setup = planPipelines({ recordTypes, hubspotPipelines: pipelines, settings: input.settings })
  for (const entry of setup.entries) {
    const recordType = recordTypes.find((r) => r.id === entry.recordTypeId)
    const what =
      recordType === undefined
        ? 'opportunities (no record type)'
        : `record type ${recordType.name} (${recordType.id})`
    const pipeline = entry.pipelineId === null ? undefined : known.get(entry.pipelineId)
    const configured =
      entry.recordTypeId !== null && input.settings.pipelines[entry.recordTypeId] === entry.pipelineId
    const detail =
      pipeline === undefined
        ? `"${entry.label}": not in HubSpot yet; the first sync with deal sync on creates it with ` +
          `${active.length} stage(s)`
        : `"${pipeline.label}" (${pipeline.id}, ${configured ? 'configured' : 'generated'}, ${pipeline.stages.length} stage(s))`
    checks.push(check(`deal pipeline of ${what}${entry.isDefault ? ', the default' : ''}`, true, detail, ''))
  }
  if (setup.skipped.length > 0)
    checks.push({
      ...check(
        'deal pipelines over settings.deals.maxSyncedPipelines',
        true,
        `${setup.skipped.length} record type(s) not synced: ` +
          setup.skipped.map((r) => `${r.name} (${r.id})`).join(', '),
        '',
      ),
      warning: true,
      fix:
        `Their opportunities and deals never cross (B-DEAL-3); raise settings.deals.maxSyncedPipelines ` +
        `(now ${String(input.settings.maxSyncedPipelines)}) if your HubSpot tier allows more pipelines.`,
    })
  return checks
}
