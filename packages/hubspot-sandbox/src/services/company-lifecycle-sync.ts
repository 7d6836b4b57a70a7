import { isLive } from '../model/object-store.js'
import type { HsRecord } from '../model/record.js'
import { CRM_SETTING_SOURCE } from './auto-associate-company.js'
import type { WriteContext } from './record-changes.js'
import { applyUpdate } from './write-records.js'

/**
 * Stage order from the lifecyclestage property's options (displayOrder), so a portal's edited options count;
 * a blank stage is earlier than any.
 */
function stageRank(ctx: WriteContext, stage: string | undefined): number {
  if (stage === undefined || stage === '') return -1
  const option = ctx.portal.property('contacts', 'lifecyclestage')?.options.find((o) => o.value === stage)
  return option?.displayOrder ?? -1
}

/**
 * HubSpot's "Sync lifecycle stages" (Settings > Objects > Companies > Automation; knowledge.hubspot.com,
 * "Automatically sync lifecycle stages between certain records"): a change to a primary company's lifecycle
 * stage is applied to its contacts, one way and never backwards. So each contact whose primary company this
 * is and whose stage is earlier (or blank) moves to the company's stage; later contacts stay. The move is a
 * normal lifecycle write (the "became a … date" is stamped) attributed to CRM_SETTING, like the
 * auto-association setting's writes (which code HubSpot records here is unverified).
 */
export function syncCompanyLifecycleToContacts(ctx: WriteContext, company: HsRecord): void {
  if (!ctx.portal.settings.syncCompanyLifecycleStageToContacts || !isLive(company)) return
  const stage = company.props['lifecyclestage']
  if (stage === undefined) return
  const target = stageRank(ctx, stage)
  const settingCtx: WriteContext = { portal: ctx.portal, source: CRM_SETTING_SOURCE }
  // Company→contact type 2 is the inverse of "primary company" (1): the contacts whose primary this is.
  for (const edge of ctx.portal.associations.edges('companies', company.id, 'contacts')) {
    if (!edge.typeIds.has(2)) continue
    const contact = ctx.portal.stores.contacts.records.get(edge.toId)
    if (contact === undefined || !isLive(contact)) continue
    if (stageRank(ctx, contact.props['lifecyclestage']) >= target) continue
    applyUpdate(settingCtx, 'contacts', contact, new Map([['lifecyclestage', stage]]))
  }
}
