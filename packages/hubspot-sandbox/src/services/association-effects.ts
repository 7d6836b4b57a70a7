import type { AssociationChange } from '../model/association-store.js'
import { isLive } from '../model/object-store.js'
import type { ObjectTypeName } from '../model/object-types.js'
import type { Portal } from '../model/portal.js'
import type { HsRecord } from '../model/record.js'
import { refreshDealRollups, refreshRollupsOfDeal, type RollupHolder } from './deal-rollups.js'
import type { WriteContext } from './record-changes.js'
import { applySystemUpdate } from './system-update.js'

/** Contact→company primary (1) and its inverse (2). */
const PRIMARY_COMPANY = new Set([1, 2])

function contactCompany(change: AssociationChange): { contactId: number; companyId: number } | undefined {
  if (change.from === 'contacts' && change.to === 'companies')
    return { contactId: change.fromId, companyId: change.toId }
  if (change.from === 'companies' && change.to === 'contacts')
    return { contactId: change.toId, companyId: change.fromId }
  return undefined
}

/** The contact or company end of a deal link, whose deal roll-ups the change affects. */
function dealHolder(change: AssociationChange): { type: RollupHolder; id: number } | undefined {
  if (change.from === 'deals' && (change.to === 'contacts' || change.to === 'companies'))
    return { type: change.to, id: change.toId }
  if (change.to === 'deals' && (change.from === 'contacts' || change.from === 'companies'))
    return { type: change.from, id: change.fromId }
  return undefined
}

const live = (portal: Portal, type: ObjectTypeName, id: number): HsRecord | undefined => {
  const record = portal.stores[type].records.get(id)
  return record !== undefined && isLive(record) ? record : undefined
}

/** The contact's primary company id, as `associatedcompanyid` shows it, or undefined. */
export function primaryCompanyOf(portal: Portal, contactId: number): string | undefined {
  const edge = portal.associations
    .edges('contacts', contactId, 'companies')
    .find((e) => e.typeIds.has(1) && live(portal, 'companies', e.toId) !== undefined)
  return edge === undefined ? undefined : String(edge.toId)
}

/**
 * A contact's primary company shows in its `associatedcompanyid`: when the primary changes, that property
 * changes and `lastmodifieddate` moves with it, so a last-modified search (how a sync captures changes)
 * finds the contact. Unlabeled links change no property and so no date.
 */
function refreshPrimaryCompany(ctx: WriteContext, contactId: number): void {
  const contact = live(ctx.portal, 'contacts', contactId)
  if (contact === undefined) return
  const value = primaryCompanyOf(ctx.portal, contactId)
  if (value === contact.props['associatedcompanyid']) return
  applySystemUpdate(ctx, 'contacts', contact, { associatedcompanyid: value }, true)
}

/**
 * `num_associated_contacts` counts the company's live contacts, whatever the label. The company's
 * `hs_lastmodifieddate` moves when a contact's primary link to it appears or goes (`primaryChanged`); an
 * unlabeled link only updates the count (HubSpot's behaviour there is unverified; see the README).
 */
function refreshContactCount(ctx: WriteContext, companyId: number, primaryChanged: boolean): void {
  const company = live(ctx.portal, 'companies', companyId)
  if (company === undefined) return
  const count = ctx.portal.associations
    .edges('companies', companyId, 'contacts')
    .filter((edge) => live(ctx.portal, 'contacts', edge.toId) !== undefined).length
  applySystemUpdate(ctx, 'companies', company, { num_associated_contacts: String(count) }, primaryChanged)
}

/** Updates the properties that mirror links (contact↔company, deal roll-ups) after any change to the edges. */
export function applyAssociationEffects(ctx: WriteContext, changes: readonly AssociationChange[]): void {
  const contacts = new Set<number>()
  const companies = new Map<number, boolean>()
  const holders = new Map<string, { type: RollupHolder; id: number }>()
  for (const change of changes) {
    const holder = dealHolder(change)
    if (holder !== undefined) holders.set(`${holder.type}:${holder.id}`, holder)
    const pair = contactCompany(change)
    if (pair === undefined) continue
    const primary = PRIMARY_COMPANY.has(change.typeId)
    if (primary) contacts.add(pair.contactId)
    companies.set(pair.companyId, primary || (companies.get(pair.companyId) ?? false))
  }
  for (const id of contacts) refreshPrimaryCompany(ctx, id)
  for (const [id, primary] of companies) refreshContactCount(ctx, id, primary)
  for (const { type, id } of holders.values()) refreshDealRollups(ctx, type, id)
}

/**
 * After a contact, company or deal is archived or restored: its links stay stored but count only while both
 * ends are live, so the other side's mirrored properties change (a deleted deal leaves the roll-ups).
 */
export function refreshLinksOf(ctx: WriteContext, type: ObjectTypeName, record: HsRecord): void {
  const { associations } = ctx.portal
  if (type === 'deals') refreshRollupsOfDeal(ctx, record.id)
  if (type === 'contacts' || type === 'companies') refreshDealRollups(ctx, type, record.id)
  if (type === 'contacts') {
    for (const edge of associations.edges('contacts', record.id, 'companies'))
      refreshContactCount(ctx, edge.toId, false)
    refreshPrimaryCompany(ctx, record.id)
  }
  if (type === 'companies') {
    for (const edge of associations.edges('companies', record.id, 'contacts'))
      if (edge.typeIds.has(2)) refreshPrimaryCompany(ctx, edge.toId)
    refreshContactCount(ctx, record.id, false)
  }
}
