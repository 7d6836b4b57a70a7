import type { Connection, FieldMapping, Link, RawValue, Side, StateReader } from '@crmsync/core'
import { ACCOUNT_ASSOCIATION_FIELD } from '@crmsync/core'

import type { CardDecision, CardField, RecordCard, SyncedKind } from '../api-types.js'
import {
  configuredCompanyMappings,
  configuredContactMappings,
  configuredDealMappings,
} from './configured-mappings.js'
import {
  accountStatusOf,
  type Comparison,
  fieldStatusOf,
  liveComparison,
  STORED_COMPARISON,
} from './field-status.js'
import { salesforceTypeOfId } from './record-ids.js'
import { recordStatusOf } from './record-status.js'
import { type CrmReaders, liveValues, type RecordValues, storedValues } from './record-values.js'

/** Audit entries on a card, newest first. */
export const CARD_HISTORY_LIMIT = 50

export interface RecordRef {
  readonly objectKind: SyncedKind
  readonly side: Side
  readonly recordId: string
}

export interface CardDeps {
  readonly connection: Connection
  readonly store: Pick<StateReader, 'getLink' | 'getLinks' | 'listErrors' | 'listAudit'>
  /** Both CRMs, to show their values now; absent: the values the store holds. */
  readonly crm?: CrmReaders | undefined
  readonly historyLimit?: number | undefined
}

/** The configured mappings of a kind (the defaults with the config's rules, then the extra ones). */
export function mappingsOf(connection: Connection, kind: SyncedKind): FieldMapping<string>[] {
  if (kind === 'company') return configuredCompanyMappings(connection)
  if (kind === 'deal') return configuredDealMappings(connection)
  return configuredContactMappings(connection)
}

/** The Salesforce type of the record: its link's, else its id's prefix, else the kind's usual one. */
function salesforceTypeOf(ref: RecordRef, link: Link | undefined): string {
  if (link !== undefined) return link.salesforceType
  if (ref.side === 'salesforce') {
    const type = salesforceTypeOfId(ref.recordId)?.type
    if (type !== undefined) return type
  }
  return ref.objectKind === 'company' ? 'Account' : ref.objectKind === 'deal' ? 'Opportunity' : 'Contact'
}

const text = (value: RawValue): string => (value === undefined || value === null ? '' : String(value))

/** What a result list and a card call the record: a contact's name and email, a company's or deal's name. */
export function recordLabel(
  kind: SyncedKind,
  value: (hubspotProperty: string) => RawValue,
  fallback: string,
): string {
  const part = (property: string) => text(value(property)).trim()
  const label =
    kind === 'contact'
      ? [[part('firstname'), part('lastname')].filter(Boolean).join(' '), part('email')]
          .filter(Boolean)
          .join(' ')
      : part(kind === 'company' ? 'name' : 'dealname')
  return label === '' ? fallback : label
}

/** Where the engine reads a contact's company on HubSpot (pass 3): its primary company, not a property. */
const PRIMARY_COMPANY_PROPERTY = 'associatedcompanyid'

const idOf = (value: RawValue): string | null => (text(value).trim() === '' ? null : text(value).trim())

/**
 * The fields of the card from what was read: both values, the rule, the ancestor, and the status compared
 * as the engine compares them (canonical values; the company reference through the company link).
 */
async function cardFields(
  deps: CardDeps,
  values: RecordValues,
  link: Link | undefined,
  comparison: Comparison,
): Promise<CardField[]> {
  const fields: CardField[] = []
  for (const { mapping, field } of values.fields) {
    const hubspotValue = values.hubspot?.[mapping.hubspot] ?? null
    const salesforceValue = values.salesforce?.[field] ?? null
    const status =
      mapping.viaAssociation === true && mapping.hubspot === ACCOUNT_ASSOCIATION_FIELD
        ? await accountStatusOf(
            deps.store,
            deps.connection,
            mapping.rule === 'none' ? undefined : link,
            mapping.hubspot,
            idOf(hubspotValue),
            idOf(salesforceValue),
            comparison.live,
          )
        : fieldStatusOf(mapping.rule, link, mapping.hubspot, {
            hubspot: comparison.canonical(mapping, 'hubspot', hubspotValue),
            salesforce: comparison.canonical(mapping, 'salesforce', salesforceValue),
            live: comparison.live,
          })
    fields.push({
      hubspot: mapping.hubspot,
      salesforce: field,
      rule: mapping.rule,
      hubspotValue,
      salesforceValue,
      ancestor: link?.fields[mapping.hubspot]?.ancestor ?? null,
      status,
    })
  }
  return fields
}

/** A live read of a contact shows its primary company as its `salesforceaccountid` (what pass 3 reads). */
function withPrimaryCompany(values: RecordValues, kind: SyncedKind): RecordValues {
  if (kind !== 'contact' || values.hubspot === undefined) return values
  const reference = values.fields.some(
    (f) => f.mapping.viaAssociation === true && f.mapping.hubspot === ACCOUNT_ASSOCIATION_FIELD,
  )
  if (!reference) return values
  const primary = values.hubspot[PRIMARY_COMPANY_PROPERTY] ?? null
  return { ...values, hubspot: { ...values.hubspot, [ACCOUNT_ASSOCIATION_FIELD]: primary } }
}

/**
 * `GET /api/connections/:id/records/:kind/:side/:recordId` and `crmsync explain --json` (B-ERR-8): the
 * record's link (if any), each mapped field's value on both sides side by side (read from both CRMs now
 * when `crm` is given and they answer, else what the store last saw, `valuesFrom: 'store'`), its rule,
 * ancestor and status; the record's sync status (synced, not syncing and why, or its open errors); and the
 * audit's decisions about it, newest first.
 */
export async function recordCardOf(deps: CardDeps, ref: RecordRef): Promise<RecordCard> {
  const { connection, store } = deps
  const link = await store.getLink(connection.id, ref.objectKind, ref.side, ref.recordId)
  const type = salesforceTypeOf(ref, link)
  const ids = {
    hubspot: link?.hubspotId ?? (ref.side === 'hubspot' ? ref.recordId : null),
    salesforce: link?.salesforceId ?? (ref.side === 'salesforce' ? ref.recordId : null),
  }
  const mappings = mappingsOf(connection, ref.objectKind)
  let values: RecordValues | undefined
  let comparison = STORED_COMPARISON
  if (deps.crm !== undefined) {
    try {
      const extras = ref.objectKind === 'contact' ? { hubspotProperties: [PRIMARY_COMPANY_PROPERTY] } : {}
      values = withPrimaryCompany(
        await liveValues(deps.crm, ref.objectKind, type, mappings, ids, extras),
        ref.objectKind,
      )
      comparison = await liveComparison(deps.crm, connection)
    } catch {
      // A CRM that does not answer: the card still shows what the store holds, and says so (valuesFrom).
      values = undefined
      comparison = STORED_COMPARISON
    }
  }
  const valuesFrom = values === undefined ? 'store' : 'live'
  values ??= storedValues(link, type, mappings)
  const fields = await cardFields(deps, values, link, comparison)
  const byProperty = (property: string) => fields.find((f) => f.hubspot === property)
  const label = recordLabel(
    ref.objectKind,
    (p) => (byProperty(p)?.hubspotValue ?? byProperty(p)?.salesforceValue ?? null) as RawValue,
    `${ref.objectKind} ${ref.recordId}`,
  )
  const audit = await store.listAudit({
    connectionId: connection.id,
    objectKind: ref.objectKind,
    // Decisions are recorded against the HubSpot record once there is one.
    side: ids.hubspot === null ? 'salesforce' : 'hubspot',
    recordId: ids.hubspot ?? ref.recordId,
    limit: deps.historyLimit ?? CARD_HISTORY_LIMIT,
  })
  const history: CardDecision[] = audit.map((e) => ({
    at: e.at,
    field: e.field,
    oldValue: e.oldValue,
    newValue: e.newValue,
    direction: e.direction,
    rule: e.rule,
    reason: e.reason,
  }))
  return {
    objectKind: ref.objectKind,
    hubspotId: ids.hubspot,
    salesforceId: ids.salesforce,
    salesforceType: ids.salesforce === null ? null : type,
    label,
    status: await recordStatusOf(store, connection.id, ref, link),
    fields,
    history,
    valuesFrom,
  }
}
