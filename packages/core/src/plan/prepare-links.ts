import type { RawValue } from '../canonical/index.js'
import type { Link } from '../model/index.js'
import type { PairAction, SalesforceRef } from './contact-actions.js'
import { refOf } from './link-helpers.js'
import { HUBSPOT_LINK_PROPERTY } from './link-properties.js'

/** The batch's links after HubSpot merges and deletes the read found, and the actions that record them. */
export interface PreparedLinks<T extends string> {
  readonly links: readonly Link[]
  readonly actions: readonly PairAction<T>[]
}

/** What prepareLinks reads of a batch: its links and HubSpot records, and what the HubSpot read found. */
export interface LinksToPrepare {
  readonly links: readonly Link[]
  readonly hubspot: ReadonlyMap<
    string,
    {
      readonly id: string
      readonly properties: Readonly<Record<string, RawValue>>
      readonly mergedObjectIds?: readonly string[] | undefined
    }
  >
  readonly mergedInto?: ReadonlyMap<string, string> | undefined
  readonly deletedHubSpot?: ReadonlySet<string> | undefined
}

/** How one object kind's links are prepared: its link properties, its references, its audit words. */
export interface LinkKindRules<T extends string> {
  /** The HubSpot properties that hold the kind's links. */
  readonly linkProperties: readonly string[]
  readonly refOf: (link: Link) => SalesforceRef<T>
  /** The reason a tombstone of a deleted HubSpot record is audited with. */
  readonly deletedReason: string
  /** The behaviour a carried merge follows, for the audit (contacts: B-CON-27). */
  readonly mergeBehaviour: string
}

/** Contacts' rules: Lead and Contact link properties, B-CON-23 and B-CON-27. */
export const CONTACT_LINK_RULES: LinkKindRules<'Lead' | 'Contact'> = {
  linkProperties: [HUBSPOT_LINK_PROPERTY.Lead, HUBSPOT_LINK_PROPERTY.Contact],
  refOf,
  deletedReason: 'B-CON-23: the HubSpot contact was deleted; the Salesforce record is free for its email',
  mergeBehaviour: 'B-CON-27',
}

/**
 * HubSpot merges and deletes as a polling engine meets them, through the records a batch reads (design.md
 * 3.4), decided before any change is planned so that the changes see the links as they will be:
 * - a merged-away id the batch read resolved to its survivor moves its active link to the survivor, unless
 *   the survivor has a link of its own;
 * - a survivor that carries the link properties of exactly one merged contact's active link kept that
 *   contact's data (it was the primary, or HubSpot minted a new id): that link is re-keyed to it and keeps
 *   syncing (B-CON-27); otherwise the planner leaves the survivor unlinked until a resync;
 * - a dedup candidate's link whose HubSpot contact was deleted there is tombstoned (B-CON-23), so the
 *   Salesforce record is free for the contact that holds its email today.
 */
export function prepareLinks<T extends string = 'Lead' | 'Contact'>(
  input: LinksToPrepare,
  rules: LinkKindRules<T> = CONTACT_LINK_RULES as unknown as LinkKindRules<T>,
): PreparedLinks<T> {
  const view = new LinkView(input.links)
  const actions: PairAction<T>[] = []
  const rekey = (link: Link, to: string, reason: string) => {
    actions.push({ kind: 'rekey', from: link.hubspotId, to, salesforce: rules.refOf(link), reason })
    view.replace(link, { ...link, hubspotId: to })
  }
  for (const [oldId, survivorId] of input.mergedInto ?? []) {
    const link = view.find(oldId)
    if (link?.state !== 'active' || view.find(survivorId) !== undefined) continue
    rekey(link, survivorId, `HubSpot merged ${oldId} into ${survivorId}; the link follows the survivor`)
  }
  for (const record of input.hubspot.values()) {
    const carried = carriedLink(view, record, rules.linkProperties)
    if (carried !== undefined) {
      const reason = `${rules.mergeBehaviour}: ${record.id} kept the data of merged ${carried.hubspotId}`
      rekey(carried, record.id, reason)
    }
  }
  for (const id of input.deletedHubSpot ?? []) {
    const link = view.find(id)
    if (link?.state !== 'active') continue
    actions.push({
      kind: 'link-state',
      hubspotId: id,
      salesforce: rules.refOf(link),
      state: 'tombstoned',
      reason: rules.deletedReason,
    })
    view.replace(link, { ...link, state: 'tombstoned' })
  }
  return { links: view.all(), actions }
}

/** The one active link of a merged record whose Salesforce id the unlinked survivor carries, if any. */
function carriedLink(
  view: LinkView,
  record: LinksToPrepare['hubspot'] extends ReadonlyMap<string, infer R> ? R : never,
  linkProperties: readonly string[],
): Link | undefined {
  const merged = record.mergedObjectIds ?? []
  if (merged.length === 0 || view.find(record.id) !== undefined) return undefined
  const linkedIds = new Set(
    linkProperties.flatMap((p) => {
      const value = record.properties[p]
      return typeof value === 'string' && value !== '' ? [value] : []
    }),
  )
  const carried = merged
    .map((id) => view.find(id))
    .filter((l): l is Link => l?.state === 'active' && linkedIds.has(l.salesforceId))
  return carried.length === 1 ? carried[0] : undefined
}

/** The links by HubSpot id, an active one preferred where an id has several rows. */
class LinkView {
  readonly #links: Link[]

  constructor(links: readonly Link[]) {
    this.#links = [...links]
  }

  find(hubspotId: string): Link | undefined {
    let found: Link | undefined
    for (const link of this.#links) {
      if (link.hubspotId !== hubspotId) continue
      if (found === undefined || (found.state !== 'active' && link.state === 'active')) found = link
    }
    return found
  }

  replace(old: Link, next: Link): void {
    const index = this.#links.indexOf(old)
    if (index >= 0) this.#links[index] = next
  }

  all(): readonly Link[] {
    return this.#links
  }
}
