import type { ObjectTypeName } from '../model/object-types.js'
import type { HsRecord } from '../model/record.js'
import { afterAssociationChanges, associate, createAssociationsFor } from './associate.js'
import { primaryCompanyOf } from './association-effects.js'
import { autoAssociateCompany } from './auto-associate-company.js'
import { syncCompanyLifecycleToContacts } from './company-lifecycle-sync.js'
import { DEAL_ROLLUP_INPUTS, refreshRollupsOfDeal } from './deal-rollups.js'
import type { WriteContext } from './record-changes.js'
import { type Changes, validateWrite } from './validate-write.js'
import { applyUpdate, insertRecord } from './write-records.js'

/**
 * Writing `associatedcompanyid` makes that company the contact's primary company (clearing it drops the
 * primary label and keeps the plain link), so the property and the edges never disagree.
 */
function linkPrimaryCompany(ctx: WriteContext, contact: HsRecord): void {
  const wanted = contact.props['associatedcompanyid']
  const current = primaryCompanyOf(ctx.portal, contact.id)
  const primary = ctx.portal.associations.type('contacts', 'companies', 1)
  if (wanted === current || primary === undefined) return
  if (wanted !== undefined) associate(ctx, primary, contact.id, Number(wanted))
  else afterAssociationChanges(ctx, ctx.portal.associations.remove(primary, contact.id, Number(current)))
}

/** What HubSpot does after a contact's own properties are written, in the order it matters. */
function afterContactWrite(ctx: WriteContext, contact: HsRecord, changed: ReadonlySet<string>): void {
  if (changed.has('associatedcompanyid')) linkPrimaryCompany(ctx, contact)
  if (changed.has('email')) autoAssociateCompany(ctx.portal, contact)
}

/** Creates from validated changes, then the requested associations, then what HubSpot adds itself. */
export function createValidated(
  ctx: WriteContext,
  type: ObjectTypeName,
  changes: Changes,
  associations?: unknown,
): HsRecord {
  const record = insertRecord(ctx, type, changes)
  if (associations !== undefined) createAssociationsFor(ctx, type, record.id, associations)
  if (type === 'contacts') afterContactWrite(ctx, record, new Set(Object.keys(record.props)))
  // A company created with a stage and its contacts in one call: the stage is a change the setting applies.
  if (type === 'companies' && associations !== undefined) syncCompanyLifecycleToContacts(ctx, record)
  return record
}

/** POST /crm/v3/objects/{t}: validates and creates. */
export function createRecord(
  ctx: WriteContext,
  type: ObjectTypeName,
  properties: unknown,
  associations?: unknown,
): HsRecord {
  return createValidated(ctx, type, validateWrite(ctx.portal, type, properties), associations)
}

/** Applies validated changes and what follows from them; returns the names that changed. */
export function updateValidated(
  ctx: WriteContext,
  type: ObjectTypeName,
  record: HsRecord,
  changes: Changes,
): string[] {
  const names = applyUpdate(ctx, type, record, changes)
  if (type === 'contacts' && names.length > 0) afterContactWrite(ctx, record, new Set(names))
  // A deal's contacts and companies roll its amount, dates and stage up (deal-rollups.ts).
  if (type === 'deals' && names.some((name) => DEAL_ROLLUP_INPUTS.has(name)))
    refreshRollupsOfDeal(ctx, record.id)
  if (type === 'companies' && names.includes('lifecyclestage')) syncCompanyLifecycleToContacts(ctx, record)
  return names
}

/** PATCH /crm/v3/objects/{t}/{id}. */
export function updateRecord(
  ctx: WriteContext,
  type: ObjectTypeName,
  record: HsRecord,
  properties: unknown,
): HsRecord {
  updateValidated(ctx, type, record, validateWrite(ctx.portal, type, properties, record))
  return record
}
