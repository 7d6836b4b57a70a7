import {
  buildOwnerIndex,
  type CanonicalValue,
  type Connection,
  type FieldMapping,
  fromHubSpot,
  fromSalesforce,
  type Link,
  type RawValue,
  type StateReader,
  type TransformContext,
} from '@crmsync/core'

import type { CrmReaders } from './record-values.js'

/** The time zone the engine falls back to when the portal names none (engine portal-time-zone.ts). */
const FALLBACK_TIME_ZONE = 'UTC'

/** How the card reads one side's shown value as the value the engine compares. */
export interface Comparison {
  /** The values were read from the CRMs now (else they are the store's shadows). */
  readonly live: boolean
  /** The canonical value; undefined when the engine could not read it either. */
  canonical(
    mapping: FieldMapping<string>,
    side: 'hubspot' | 'salesforce',
    raw: RawValue,
  ): CanonicalValue | undefined
}

/** Values the store holds are the shadows, canonical already. */
export const STORED_COMPARISON: Comparison = {
  live: false,
  canonical: (_mapping, _side, raw) => (raw === undefined || raw === null ? null : String(raw)),
}

/**
 * Values read from the CRMs now, canonical as the engine's plan makes them: owners through the owners
 * table (a HubSpot owner id becomes the Salesforce user it is), dates through the portal's time zone, the
 * required-field placeholder as blank. Reads the owners and the portal settings, as a cycle does.
 */
export async function liveComparison(crm: CrmReaders, connection: Connection): Promise<Comparison> {
  // Loaded here, not at the top: the queries serve store-only commands (`crmsync errors`, `status`) too, which
  // must not pay for loading the engine (program-lazy-load.test.ts); only a live card reads the owners.
  const { readOwners } = await import('@crmsync/engine')
  const [table, portal] = await Promise.all([
    readOwners(crm.salesforce, crm.hubspot),
    crm.hubspot.portalSettings().catch(() => undefined),
  ])
  const placeholder = connection.settings.contacts.requiredFieldPlaceholder
  const transform: TransformContext = {
    timeZone: portal?.timeZone ?? FALLBACK_TIME_ZONE,
    owners: buildOwnerIndex(table),
    ...(placeholder === undefined ? {} : { requiredFieldPlaceholder: placeholder }),
  }
  return {
    live: true,
    canonical(mapping, side, raw) {
      const read = (side === 'hubspot' ? fromHubSpot : fromSalesforce)(mapping, raw ?? null, transform)
      return read.ok ? read.value : undefined
    },
  }
}

export type FieldStatus = 'not-synced' | 'in-sync' | 'differs'

/** The values a status compares: canonical, and whether they were read now (else they are the shadows). */
export interface ComparedValues {
  readonly hubspot: CanonicalValue | undefined
  readonly salesforce: CanonicalValue | undefined
  readonly live: boolean
}

/**
 * A mapped field's status as the engine's merge sees it (B-ERR-8): in sync when both sides' canonical values
 * agree, or, for values read now, when neither side changed since the last sync (its shadows: a difference
 * decided then, such as an owner that waits, is no change waiting); differs when a change waits, or a value
 * cannot be read. Values from the store are the shadows themselves: they agree or they differ.
 */
export function fieldStatusOf(
  rule: string,
  link: Link | undefined,
  key: string,
  values: ComparedValues,
): FieldStatus {
  const { hubspot, salesforce } = values
  if (link === undefined || rule === 'none') return 'not-synced'
  if (hubspot === undefined || salesforce === undefined) return 'differs'
  if (hubspot === salesforce) return 'in-sync'
  const state = link.fields[key]
  const unchanged =
    values.live &&
    state?.hubspotShadow !== undefined &&
    state.hubspotShadow.value === hubspot &&
    state.salesforceShadow !== undefined &&
    state.salesforceShadow.value === salesforce
  return unchanged ? 'in-sync' : 'differs'
}

/**
 * A contact's company reference (`salesforceaccountid`, B-CON-14) as pass 3 compares it: the HubSpot primary
 * company against Contact.AccountId, through the company link; the link's state keeps the company and the
 * account each side last had.
 */
export async function accountStatusOf(
  store: Pick<StateReader, 'getLink'>,
  connection: Connection,
  link: Link | undefined,
  key: string,
  companyId: string | null,
  accountId: string | null,
  live: boolean,
): Promise<FieldStatus> {
  if (link === undefined) return 'not-synced'
  if (companyId === null && accountId === null) return 'in-sync'
  const company =
    companyId === null ? undefined : await store.getLink(connection.id, 'company', 'hubspot', companyId)
  if (company?.state === 'active' && company.salesforceId === accountId) return 'in-sync'
  return fieldStatusOf('two-way', link, key, { hubspot: companyId, salesforce: accountId, live })
}
