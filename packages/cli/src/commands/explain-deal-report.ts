import {
  DEAL_ACCOUNT_FIELD,
  DEAL_CONTACTS_FIELD,
  DEAL_LINK_PROPERTY,
  DEAL_STAGE_PROPERTY,
  type DealMapping,
  type HubSpotConnector,
  type HubSpotPipeline,
  type Link,
  type PipelineSettings,
  planPipelines,
  type RawValue,
  type SalesforceConnector,
  type StateStore,
} from '@crmsync/core'

import { fieldStateText, linkHistoryLines, mappedFieldLines, openErrorLines, when } from './explain-report.js'
import { syncStatusLines } from './explain-status.js'

export interface DealReportDeps {
  readonly store: StateStore
  readonly salesforce: SalesforceConnector
  readonly hubspot: HubSpotConnector
  /** The configured deal mappings (configuredDealMappings). */
  readonly mappings: readonly DealMapping[]
  /** settings.deals: which record type pairs with which pipeline. */
  readonly pipelines: PipelineSettings
  /** Audit entries shown per link, newest first. (Default: 50) */
  readonly historyLimit?: number
}

/** Contacts named per side on the report; more are counted. */
const CONTACTS_SHOWN = 10

const listed = (ids: readonly string[]) =>
  ids.length === 0
    ? 'none'
    : `${ids.length} (${ids.slice(0, CONTACTS_SHOWN).join(', ')}${ids.length > CONTACTS_SHOWN ? `, and ${ids.length - CONTACTS_SHOWN} more` : ''})`

/**
 * One deal link explained: its state and ids; each deal mapping's value on both sides now (the deal with its
 * contacts and primary company, the Opportunity, its contact roles: one read each), the stage shown with its
 * label next to the StageName; the rule and the ancestor; the pipeline and the record type it pairs with;
 * the primary company against AccountId and the contact roles against the deal's contacts, each with the
 * state pass 3 keeps on the link; the open errors (the deal's and its contact roles') and the audit's
 * decisions (objectKind `deal`).
 */
export async function explainDealLink(deps: DealReportDeps, link: Link): Promise<string[]> {
  // The values are read as the console's sync card reads them (one implementation, @crmsync/server/queries).
  // Loaded here, not at the top: it loads the store's drivers (program.ts).
  const { liveValues } = await import('@crmsync/server/queries')
  const [values, roles, pipelines, recordTypes] = await Promise.all([
    liveValues(
      deps,
      'deal',
      'Opportunity',
      deps.mappings,
      { hubspot: link.hubspotId, salesforce: link.salesforceId },
      { hubspotProperties: [DEAL_LINK_PROPERTY], associations: true },
    ),
    deps.salesforce.readContactRoles([link.salesforceId]),
    deps.hubspot.readDealPipelines(),
    deps.salesforce.readOpportunityRecordTypes(),
  ])
  const { fields } = values
  const missing = deps.mappings.filter((m) => !fields.some((f) => f.mapping === m))
  const hsNow = values.hubspot
  const sfNow = values.salesforce
  const lines = [
    `link ${link.state}: HubSpot deal ${link.hubspotId} <-> Salesforce Opportunity ${link.salesforceId}` +
      ` (linked ${when(link.createdAt)}, last change ${when(link.updatedAt)})`,
  ]
  // B-ERR-8: synced, not syncing, or in error with the detail.
  lines.push(
    ...(await syncStatusLines(deps.store, link.connectionId, {
      objectKind: 'deal',
      side: 'hubspot',
      recordId: link.hubspotId,
    })),
  )
  const survivor = values.hubspotMergedInto
  if (survivor !== undefined) lines.push(`  HubSpot deal ${link.hubspotId} was merged into ${survivor}`)
  else if (values.gone.hubspot) lines.push(`  HubSpot deal ${link.hubspotId} is not readable now (deleted)`)
  if (values.gone.salesforce)
    lines.push(`  Salesforce Opportunity ${link.salesforceId} is not readable now (deleted)`)
  const pipeline = pipelines.find((p) => p.id === String(hsNow?.['pipeline'] ?? ''))
  lines.push(
    ...mappedFieldLines(
      link,
      fields,
      hsNow === undefined ? undefined : withStageLabel(hsNow, pipeline),
      sfNow,
    ),
  )
  for (const m of missing)
    lines.push(
      `  ${m.hubspot}: not synced, the org's Opportunity has no field ${m.salesforce.Opportunity ?? '(none)'}`,
    )
  lines.push(
    pipelineLine(deps.pipelines, pipelines, recordTypes, hsNow?.['pipeline'], sfNow?.['RecordTypeId']),
  )
  lines.push(...(await accountLines(deps, link, values.hubspotPrimaryCompanyId, sfNow?.['AccountId'])))
  const roleContacts = [...new Set(roles.map((r) => r.contactId))].sort()
  // Each role's Contact with the HubSpot contact it is linked to, so the two lists can be compared.
  const contactLinks = await deps.store.getLinks({
    connectionId: link.connectionId,
    objectKind: 'contact',
    side: 'salesforce',
    ids: roleContacts,
  })
  const roleNames = roleContacts.map((id) => {
    const hubspotId = contactLinks.find((l) => l.salesforceId === id && l.state === 'active')?.hubspotId
    return `${id} = ${hubspotId === undefined ? 'no linked contact' : `contact ${hubspotId}`}`
  })
  lines.push(
    `  contact roles (pass 3): Salesforce Opportunity contact roles ${listed(roleNames)}; ` +
      `HubSpot deal contacts ${values.hubspotContactIds === undefined ? 'not read' : listed(values.hubspotContactIds)}`,
    `  contacts state on the link (${DEAL_CONTACTS_FIELD}): ${fieldStateText(link.fields[DEAL_CONTACTS_FIELD])}`,
  )
  // Other pass-3 state the deal link keeps (its pipeline against the record type, for one).
  for (const key of Object.keys(link.fields).sort())
    if (key.startsWith('deal:') && key !== DEAL_ACCOUNT_FIELD && key !== DEAL_CONTACTS_FIELD)
      lines.push(`  state on the link (${key}): ${fieldStateText(link.fields[key])}`)
  lines.push(...(await openErrorLines(deps.store, link, 'deal-contact', 'contact role error')))
  lines.push(...(await linkHistoryLines(deps.store, link, 'deal', deps.historyLimit)))
  return lines
}

/** The deal's values with `dealstage` shown as its stage id and its label in the deal's pipeline. */
function withStageLabel(
  properties: Readonly<Record<string, RawValue>>,
  pipeline: HubSpotPipeline | undefined,
): Record<string, RawValue> {
  const stage = properties[DEAL_STAGE_PROPERTY]
  if (stage === undefined || stage === null || stage === '') return { ...properties }
  const label = pipeline?.stages.find((s) => s.id === String(stage))?.label
  return {
    ...properties,
    [DEAL_STAGE_PROPERTY]: `${String(stage)} (${label ?? 'not a stage of its pipeline'})`,
  }
}

/** The deal's pipeline and the opportunity's record type, and which pipeline that record type syncs with. */
function pipelineLine(
  settings: PipelineSettings,
  pipelines: readonly HubSpotPipeline[],
  recordTypes: Awaited<ReturnType<SalesforceConnector['readOpportunityRecordTypes']>>,
  pipelineId: RawValue | undefined,
  recordTypeId: RawValue | undefined,
): string {
  const setup = planPipelines({ recordTypes, hubspotPipelines: pipelines, settings })
  const id = pipelineId === undefined || pipelineId === null ? '' : String(pipelineId)
  const pipeline = pipelines.find((p) => p.id === id)
  const synced = setup.entries.find((e) => e.pipelineId !== null && e.pipelineId === id)
  const dealSide =
    id === ''
      ? 'HubSpot pipeline not read'
      : `HubSpot pipeline ${pipeline === undefined ? id : `"${pipeline.label}" (${id})`}` +
        (synced === undefined ? ': not a synced pipeline (B-DEAL-6)' : '')
  const rt = recordTypeId === undefined || recordTypeId === null ? '' : String(recordTypeId)
  const type = recordTypes.find((r) => r.id === rt)
  const entry =
    setup.entries.find((e) => e.recordTypeId === rt) ??
    (setup.skipped.some((r) => r.id === rt) ? undefined : setup.entries.find((e) => e.isDefault))
  const target =
    entry === undefined
      ? 'over settings.deals.maxSyncedPipelines: not synced (B-DEAL-3)'
      : `syncs with "${entry.label}"${entry.pipelineId === null ? ' (not created yet)' : ` (${entry.pipelineId})`}`
  const sfSide =
    rt === ''
      ? `Opportunity record type: none, ${target}`
      : `Opportunity record type ${type === undefined ? rt : `"${type.name}" (${rt})`}, ${target}`
  return `  pipeline: ${dealSide}; ${sfSide}`
}

/**
 * The deal's primary company and that company's account against Opportunity.AccountId and that account's
 * company (B-DEAL-15/16), whether they agree, and the state pass 3 keeps on the deal link.
 */
async function accountLines(
  deps: DealReportDeps,
  link: Link,
  primary: string | null | undefined,
  accountId: RawValue | undefined,
): Promise<string[]> {
  const companyLink =
    primary === null || primary === undefined
      ? undefined
      : await deps.store.getLink(link.connectionId, 'company', 'hubspot', primary)
  const account = accountId === undefined || accountId === null || accountId === '' ? null : String(accountId)
  const accountLink =
    account === null
      ? undefined
      : await deps.store.getLink(link.connectionId, 'company', 'salesforce', account)
  const hubspotSide =
    primary === undefined
      ? 'HubSpot primary company: not read'
      : primary === null
        ? 'HubSpot primary company: none'
        : `HubSpot primary company ${primary} (${companyLink === undefined ? 'no account linked' : `linked to Account ${companyLink.salesforceId}`})`
  const salesforceSide =
    account === null
      ? 'Salesforce Opportunity.AccountId: none'
      : `Salesforce Opportunity.AccountId ${account} (${accountLink === undefined ? 'no company linked' : `linked to company ${accountLink.hubspotId}`})`
  const agree =
    companyLink !== undefined && account !== null && companyLink.salesforceId === account
      ? ': in step'
      : (primary === null || primary === undefined) && account === null
        ? ': in step (no company on either side)'
        : ': not in step'
  return [
    `  account (pass 3): ${hubspotSide}; ${salesforceSide}${agree}`,
    `  account state on the link (${DEAL_ACCOUNT_FIELD}): ${fieldStateText(link.fields[DEAL_ACCOUNT_FIELD])}`,
  ]
}
