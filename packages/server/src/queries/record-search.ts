import type { Link, StateReader } from '@crmsync/core'

import type { RecordHit, SyncedKind } from '../api-types.js'
import { walkLinks } from './link-walk.js'
import { recordLabel } from './record-card.js'
import { isHubspotId, salesforceTypeOfId, SYNCED_KINDS } from './record-ids.js'
import type { CrmReaders } from './record-values.js'

/** Hits a search returns at most. */
export const SEARCH_LIMIT = 25

/** The mapped properties a search by email or name looks in, per kind (what the links' shadows hold). */
const SEARCHED: Readonly<Record<SyncedKind, readonly string[]>> = {
  contact: ['email', 'firstname', 'lastname'],
  company: ['name'],
  deal: ['dealname'],
}

/** A value of the link's field as last seen (HubSpot first) or agreed. */
function storedValue(link: Link, property: string): string | null {
  const state = link.fields[property]
  return state?.hubspotShadow?.value ?? state?.salesforceShadow?.value ?? state?.ancestor ?? null
}

function hitOf(link: Link): RecordHit {
  const kind = link.objectKind as SyncedKind
  return {
    objectKind: kind,
    hubspotId: link.hubspotId,
    salesforceId: link.salesforceId,
    salesforceType: link.salesforceType,
    label: recordLabel(kind, (p) => storedValue(link, p), `${kind} ${link.hubspotId}`),
    linkState: link.state,
  }
}

/**
 * The contact links whose email (as either side was last seen holding it, or as agreed) is this one, compared
 * without case: `crmsync explain EMAIL` when the CRMs cannot be asked (B-CON-8: every record with it).
 */
export async function contactLinksByEmail(
  store: Pick<StateReader, 'listLinks'>,
  connectionId: string,
  email: string,
): Promise<Link[]> {
  const wanted = email.trim().toLowerCase()
  const found: Link[] = []
  for await (const link of walkLinks(store, connectionId, 'contact')) {
    const state = link.fields['email']
    const values = [state?.hubspotShadow?.value, state?.salesforceShadow?.value, state?.ancestor]
    if (values.some((v) => typeof v === 'string' && v.trim().toLowerCase() === wanted)) found.push(link)
  }
  return found
}

export interface SearchDeps {
  readonly connectionId: string
  readonly store: Pick<StateReader, 'getLink' | 'getLinks' | 'listLinks' | 'listErrors'>
  /** Both CRMs: an email is also looked up on both sides (records the store has no link for). */
  readonly crm?: CrmReaders | undefined
  readonly kinds?: readonly SyncedKind[] | undefined
}

/** An id: its link on either side of every kind it can be; unlinked, the record alone when it has open errors. */
async function byId(deps: SearchDeps, id: string, kinds: readonly SyncedKind[]): Promise<RecordHit[]> {
  const salesforce = salesforceTypeOfId(id)
  const candidates: [SyncedKind, 'hubspot' | 'salesforce'][] =
    salesforce !== undefined
      ? [[salesforce.kind, 'salesforce']]
      : isHubspotId(id)
        ? kinds.map((kind) => [kind, 'hubspot'])
        : []
  const hits: RecordHit[] = []
  for (const [kind, side] of candidates) {
    const link = await deps.store.getLink(deps.connectionId, kind, side, id)
    if (link !== undefined) {
      hits.push(hitOf(link))
      continue
    }
    const errors = await deps.store.listErrors({
      connectionId: deps.connectionId,
      record: { objectKind: kind, side, recordId: id },
    })
    // An unlinked Salesforce id is shown as what it is; an unlinked HubSpot id only when something is known.
    if (errors.length > 0 || side === 'salesforce')
      hits.push({
        objectKind: kind,
        hubspotId: side === 'hubspot' ? id : null,
        salesforceId: side === 'salesforce' ? id : null,
        salesforceType: salesforce?.type ?? null,
        label: `${kind} ${id}`,
        linkState: null,
      })
  }
  return hits
}

/** An email asked of both CRMs (their dedup look-ups): the contacts holding it that the store has no link for. */
async function unlinkedByEmail(deps: SearchDeps, email: string, known: Set<string>): Promise<RecordHit[]> {
  const crm = deps.crm
  if (crm === undefined || !email.includes('@')) return []
  const [sf, hs] = await Promise.all([
    crm.salesforce.findContactsByEmail([email]),
    crm.hubspot.findContactsByEmail([email], ['email']),
  ])
  const hits: RecordHit[] = []
  const hsRecord = hs.get(email)
  if (hsRecord !== undefined && !known.has(`hubspot:${hsRecord.id}`)) {
    const link = await deps.store.getLink(deps.connectionId, 'contact', 'hubspot', hsRecord.id)
    hits.push(
      link === undefined
        ? {
            objectKind: 'contact',
            hubspotId: hsRecord.id,
            salesforceId: null,
            salesforceType: null,
            label: email,
            linkState: null,
          }
        : hitOf(link),
    )
  }
  for (const candidate of sf.get(email) ?? []) {
    if (known.has(`salesforce:${candidate.id}`)) continue
    const link = await deps.store.getLink(deps.connectionId, 'contact', 'salesforce', candidate.id)
    hits.push(
      link === undefined
        ? {
            objectKind: 'contact',
            hubspotId: null,
            salesforceId: candidate.id,
            salesforceType: salesforceTypeOfId(candidate.id)?.type ?? null,
            label: email,
            linkState: null,
          }
        : hitOf(link),
    )
  }
  return hits
}

/**
 * `GET /api/connections/:id/records?q=`: records by id (a link on either side), or by email or name: the
 * links whose stored values (what each side was last seen holding, per mapped field) contain the text,
 * case-insensitive; with the CRMs, an email is also asked of both sides. At most SEARCH_LIMIT hits.
 */
export async function searchRecords(deps: SearchDeps, query: string): Promise<RecordHit[]> {
  const q = query.trim()
  if (q === '') return []
  const kinds = deps.kinds ?? SYNCED_KINDS
  const direct = await byId(deps, q, kinds)
  if (direct.length > 0) return direct
  const wanted = q.toLowerCase()
  const hits: RecordHit[] = []
  for (const kind of kinds) {
    for await (const link of walkLinks(deps.store, deps.connectionId, kind)) {
      const matches = SEARCHED[kind].some((p) => storedValue(link, p)?.toLowerCase().includes(wanted))
      if (matches) hits.push(hitOf(link))
      if (hits.length >= SEARCH_LIMIT) return hits
    }
  }
  const known = new Set(
    hits.flatMap((h) => [`hubspot:${h.hubspotId ?? ''}`, `salesforce:${h.salesforceId ?? ''}`]),
  )
  try {
    hits.push(...(await unlinkedByEmail(deps, wanted, known)))
  } catch {
    // The CRMs did not answer: the store's hits stand.
  }
  return hits.slice(0, SEARCH_LIMIT)
}
