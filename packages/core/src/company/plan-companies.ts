import type { TransformContext } from '../canonical/index.js'
import { assertNever } from '../canonical/index.js'
import type { Link } from '../model/index.js'
import {
  deletesFirst,
  dropShadows,
  indexLinks,
  isFirstSync,
  type LinkKindRules,
  mergePair,
  pausedPlan,
  planHubSpotCreate,
  planSalesforceCreate,
  planTransform,
  prepareLinks,
  type SkipReason,
} from '../plan/index.js'
import type {
  CompanyAction,
  CompanyChange,
  CompanyContactFacts,
  PlanCompaniesInput,
} from './company-plan-types.js'
import type { HubSpotCompanyRecord, SalesforceAccountRecord } from './company-records.js'

/**
 * The source HubSpot gives a company made by "create and associate companies with contacts" (the label
 * HubSpot documents is "CRM Setting"; the internal code is inferred). B-CMP-13 matches an account to such a
 * company only when `reuseAutoCreatedCompany` is on.
 */
export const AUTO_CREATED_COMPANY_SOURCE = 'CRM_SETTING'

/** The pass that plans contacts' company associations (design.md 3.4 pass 3). */
export const ASSOCIATION_KIND = 'contact-company' as const

/** Companies' link rules: the `salesforceaccountid` property, tombstones of deleted companies. */
export const COMPANY_LINK_RULES: LinkKindRules<'Account'> = {
  linkProperties: ['salesforceaccountid'],
  refOf: (link) => ({ type: 'Account', id: link.salesforceId }),
  deletedReason: 'the HubSpot company was deleted; the account stays',
  mergeBehaviour: 'HubSpot company merge',
}

/** A plan, and the companies whose plan compared change times without their property history. */
export interface CompanyPlan {
  readonly actions: readonly CompanyAction[]
  readonly hubspotHistoryWanted: readonly string[]
}

interface Ctx {
  readonly input: PlanCompaniesInput
  readonly transform: TransformContext
  readonly linkByHubSpot: ReadonlyMap<string, Link>
  readonly linkBySalesforce: ReadonlyMap<string, Link>
  readonly handledHubSpot: Set<string>
  readonly handledSalesforce: Set<string>
  readonly actions: CompanyAction[]
  readonly historyWanted: Set<string>
}

/**
 * The pure company planner (design.md 3.4 pass 2): changed companies and accounts, their counterparts, the
 * facts about their contacts, links and settings in; actions out. HubSpot companies reach Salesforce only
 * when they qualify (B-CMP-5..9); every new account becomes a company (B-CMP-2); matching goes through the
 * stored account id and the contacts the two share, never by name or domain (B-CMP-4, 10, 12); a paired
 * company never re-pairs (B-CMP-11).
 */
export function planCompanies(input: PlanCompaniesInput): CompanyPlan {
  if (input.paused === true) return pausedPlan(input.changes)
  const prepared = prepareLinks<'Account'>(input, COMPANY_LINK_RULES)
  const ctx: Ctx = {
    input,
    transform: planTransform(input.timeZone, input.owners, input.requiredFieldPlaceholder),
    linkByHubSpot: indexLinks(prepared.links, (l) => l.hubspotId),
    linkBySalesforce: indexLinks(prepared.links, (l) => l.salesforceId),
    handledHubSpot: new Set(),
    handledSalesforce: new Set(),
    actions: [...prepared.actions],
    historyWanted: new Set(),
  }
  // A survivor that took over a merged company's account: its own contacts may be waiting for one (pass 3).
  for (const a of prepared.actions)
    if (a.kind === 'rekey')
      requeueContacts(ctx, primaryContactsOf(input.hubspot.get(a.to)), 'their company took over an account')
  breakMergedAway(ctx)
  for (const change of deletesFirst(input.changes)) {
    switch (change.side) {
      case 'hubspot':
        planHubSpotChange(ctx, change)
        break
      case 'salesforce':
        planSalesforceChange(ctx, change)
        break
      default:
        assertNever(change)
    }
  }
  return { actions: ctx.actions, hubspotHistoryWanted: [...ctx.historyWanted] }
}

function skip(ctx: Ctx, side: 'hubspot' | 'salesforce', id: string, reason: SkipReason): void {
  ctx.actions.push({ kind: 'skip', side, id, reason })
}

const account = (id: string) => ({ type: 'Account' as const, id })

function inCompanyList(ctx: Ctx, hs: HubSpotCompanyRecord): boolean {
  return ctx.input.settings.inclusionList === null || ctx.input.companyListMembers.has(hs.id)
}

function planHubSpotChange(ctx: Ctx, change: Extract<CompanyChange, { side: 'hubspot' }>): void {
  const { id } = change
  if (ctx.handledHubSpot.has(id)) return
  ctx.handledHubSpot.add(id)
  const link = ctx.linkByHubSpot.get(id)
  if (change.event === 'deleted') {
    if (link === undefined || link.state === 'tombstoned') return skip(ctx, 'hubspot', id, 'not-linked')
    return setState(ctx, link, 'tombstoned', 'the HubSpot company was deleted; the account stays')
  }
  const hs = ctx.input.hubspot.get(id)
  if (hs === undefined) return skip(ctx, 'hubspot', id, 'record-not-read')
  if (link === undefined) return planUnlinkedCompany(ctx, hs, change.event === 'resync')
  switch (link.state) {
    case 'active':
      return planPair(ctx, hs, link, change.event === 'resync', 'hubspot')
    case 'tombstoned':
      return skip(ctx, 'hubspot', id, 'link-tombstoned')
    case 'broken':
      return skip(ctx, 'hubspot', id, 'link-broken')
    default:
      return assertNever(link.state)
  }
}

function planSalesforceChange(ctx: Ctx, change: Extract<CompanyChange, { side: 'salesforce' }>): void {
  const { id } = change
  if (ctx.handledSalesforce.has(id)) return
  ctx.handledSalesforce.add(id)
  const link = ctx.linkBySalesforce.get(id)
  if (change.event === 'deleted') return planAccountDelete(ctx, change, link)
  const sf = ctx.input.salesforce.get(id)
  if (sf === undefined) return skip(ctx, 'salesforce', id, 'record-not-read')
  if (link === undefined) return planUnlinkedAccount(ctx, sf)
  if (link.state !== 'active')
    return skip(ctx, 'salesforce', id, link.state === 'broken' ? 'link-broken' : 'link-tombstoned')
  if (ctx.handledHubSpot.has(link.hubspotId)) return
  ctx.handledHubSpot.add(link.hubspotId)
  const hs = ctx.input.hubspot.get(link.hubspotId)
  if (hs === undefined) return planCompanyGone(ctx, link)
  planPair(ctx, hs, link, false, 'salesforce', sf)
}

/**
 * A linked account whose company the read did not find. Merged into a survivor that kept its own account
 * (prepareLinks re-keys the link otherwise): the link breaks, as a Salesforce merge into a linked account
 * does, rather than waiting for a company that will never be read again.
 */
function planCompanyGone(ctx: Ctx, link: Link): void {
  const survivor = ctx.input.mergedInto?.get(link.hubspotId)
  if (survivor === undefined) return skip(ctx, 'salesforce', link.salesforceId, 'record-not-read')
  const reason = `HubSpot merged ${link.hubspotId} into ${survivor}, which keeps its own account`
  setState(ctx, link, 'broken', reason)
}

/** A linked pair: merged field by field (design.md 3.2), gated by the company inclusion list (B-CMP-15). */
function planPair(
  ctx: Ctx,
  hs: HubSpotCompanyRecord,
  link: Link,
  resync: boolean,
  from: 'hubspot' | 'salesforce',
  read?: SalesforceAccountRecord,
): void {
  if (!inCompanyList(ctx, hs))
    return skip(ctx, from, from === 'hubspot' ? hs.id : link.salesforceId, 'not-in-company-list')
  const sf = read ?? ctx.input.salesforce.get(link.salesforceId)
  if (sf === undefined) return skip(ctx, 'hubspot', hs.id, 'record-not-read')
  ctx.handledSalesforce.add(sf.id)
  const fields = ctx.input.salesforceImport === true ? dropShadows(link.fields, 'salesforce') : link.fields
  syncCompanyPair(ctx, hs, sf, fields, isFirstSync(link) || resync)
}

/**
 * An unlinked HubSpot company: paired with the unlinked account its contacts already belong to (B-CMP-4,
 * 12), else given an account when it qualifies (B-CMP-5..8) or is resynced by hand (B-CMP-9), else left
 * until it does. Its contacts' account references follow in pass 3.
 */
function planUnlinkedCompany(ctx: Ctx, hs: HubSpotCompanyRecord, resync: boolean): void {
  if (!inCompanyList(ctx, hs)) return skip(ctx, 'hubspot', hs.id, 'not-in-company-list')
  // Only the contacts whose primary company it is: they are the ones that would belong to its account.
  const contacts = primaryContactsOf(hs).flatMap((id) => {
    const facts = ctx.input.contacts.get(id)
    return facts === undefined ? [] : [facts]
  })
  // B-CMP-13: a company HubSpot made for a contact takes no account through its contacts unless reuse is on.
  const shared = isAutoCreatedKept(ctx, hs) ? undefined : sharedAccount(ctx, contacts)
  if (shared !== undefined) {
    ctx.handledSalesforce.add(shared.id)
    const reason = `B-CMP-4/12: its contacts already belong to account ${shared.id}; linked, not created`
    ctx.actions.push({ kind: 'link', hubspotId: hs.id, salesforce: account(shared.id), reason })
    syncCompanyPair(ctx, hs, shared, {}, true)
    return requeueContacts(
      ctx,
      contacts.map((c) => c.hubspotId),
      'the company was linked to its account',
    )
  }
  const qualified = qualification(ctx, contacts)
  if (!resync && qualified === undefined) return skip(ctx, 'hubspot', hs.id, 'company-not-qualified')
  const plan = planSalesforceCreate({
    mappings: ctx.input.mappings,
    type: 'Account',
    properties: hs.properties,
    transform: ctx.transform,
    now: ctx.input.now,
  })
  if (!plan.ok) {
    const message = `${plan.field}: ${plan.error.message}`
    const error = { kind: 'error', side: 'salesforce', hubspotId: hs.id, salesforceId: null } as const
    return void ctx.actions.push({ ...error, code: plan.error.code, message, field: plan.field })
  }
  ctx.actions.push({
    kind: 'create-salesforce',
    hubspotId: hs.id,
    salesforceType: 'Account',
    values: plan.values,
    owner: plan.owner,
    reason: qualified ?? 'B-CMP-9: a manual resync creates the account',
  })
  ctx.actions.push({
    kind: 'commit',
    hubspotId: hs.id,
    salesforceType: 'Account',
    salesforceId: null,
    fields: plan.fields,
    decisions: plan.decisions,
  })
  requeueContacts(
    ctx,
    contacts.map((c) => c.hubspotId),
    'the company got its account',
  )
}

/**
 * The first unlinked account one of the company's contacts belongs to in Salesforce (B-CMP-4, 12). An account
 * whose link was tombstoned or broken is not unlinked: it never pairs again (design.md 3.1).
 */
function sharedAccount(
  ctx: Ctx,
  contacts: readonly CompanyContactFacts[],
): SalesforceAccountRecord | undefined {
  for (const c of contacts) {
    const accountId = c.linked?.type === 'Contact' ? c.linked.accountId : null
    if (accountId === null || ctx.handledSalesforce.has(accountId)) continue
    if (ctx.linkBySalesforce.has(accountId)) continue
    const record = ctx.input.salesforce.get(accountId)
    if (record !== undefined && record.isPersonAccount !== true) return record
  }
  return undefined
}

/**
 * Why a company qualifies for an account (B-CMP-5..8), or undefined: one associated contact syncs to a
 * Salesforce Contact (a linked Contact, or a new contact created as a Contact) and is in the contact
 * inclusion list (or there is none). The same contact: one outside the list does not sync, and a Lead has no
 * account, so a Lead in the list beside a Contact-bound contact outside it makes no account (B-CMP-8). This
 * covers the reference's three cases: auto-created in Contact mode (B-CMP-5), a contact linked to a private
 * Salesforce Contact (B-CMP-6), a contact in the list (B-CMP-7).
 */
function qualification(ctx: Ctx, contacts: readonly CompanyContactFacts[]): string | undefined {
  const asContact = ctx.input.settings.createInSalesforceAs === 'contact'
  const qualifying = contacts.filter(
    (c) => c.eligible && (c.linked === undefined ? asContact : c.linked.type === 'Contact'),
  )
  if (qualifying.length === 0) return undefined
  const privateContact = qualifying.some((c) => c.linked?.type === 'Contact' && c.linked.accountId === null)
  return privateContact
    ? 'B-CMP-6: associated with a contact synced to a Salesforce Contact with no account'
    : 'B-CMP-5/7: an associated contact in the inclusion list syncs to a Salesforce Contact'
}

/**
 * An unlinked account: every new account becomes a company (B-CMP-2; older ones arrive through an edit or an
 * import, B-CMP-3), unless the HubSpot company its contacts are associated with takes it (B-CMP-4/12, and
 * B-CMP-13's opt-in). A person account becomes one company named after the person (B-PA-1/2).
 */
function planUnlinkedAccount(ctx: Ctx, sf: SalesforceAccountRecord): void {
  const { settings } = ctx.input
  if (sf.isPersonAccount === true && !settings.createInHubSpot)
    return skip(ctx, 'salesforce', sf.id, 'person-account-companies-off')
  const facts = ctx.input.accountContacts.get(sf.id) ?? []
  const contactIds = facts.map((f) => f.hubspotContactId)
  const match = facts.map((f) => f.primaryCompanyId).find((id) => id !== null && isFreeCompany(ctx, id))
  if (match !== undefined && match !== null && sf.isPersonAccount !== true) {
    ctx.handledHubSpot.add(match)
    const hs = ctx.input.hubspot.get(match)
    const reason = `B-CMP-4/12: its contacts' company ${match} takes the account; no new company`
    ctx.actions.push({ kind: 'link', hubspotId: match, salesforce: account(sf.id), reason })
    if (hs !== undefined) syncCompanyPair(ctx, hs, sf, {}, true)
    // The company's own contacts (when read) may have been waiting for it to get an account.
    const waiting = [...contactIds, ...primaryContactsOf(hs)]
    return requeueContacts(ctx, waiting, 'the account was linked to their company')
  }
  const plan = planHubSpotCreate({
    mappings: ctx.input.mappings,
    type: 'Account',
    fields: sf.fields,
    transform: ctx.transform,
    now: ctx.input.now,
  })
  if (!plan.ok) {
    const message = `${plan.field}: ${plan.error.message}`
    const error = { kind: 'error', side: 'hubspot', hubspotId: null, salesforceId: sf.id } as const
    return void ctx.actions.push({ ...error, code: plan.error.code, message, field: plan.field })
  }
  const reason =
    sf.isPersonAccount === true
      ? 'B-PA-1/2: a person account becomes one company named after the person'
      : 'B-CMP-2: a new account becomes a company'
  ctx.actions.push({ kind: 'create-hubspot', salesforce: account(sf.id), values: plan.values, reason })
  ctx.actions.push({
    kind: 'commit',
    hubspotId: null,
    salesforceType: 'Account',
    salesforceId: sf.id,
    fields: plan.fields,
    decisions: plan.decisions,
  })
  requeueContacts(ctx, contactIds, 'their account got its company')
}

/**
 * A HubSpot company an account may be matched to: never linked (a company whose account was deleted does not
 * re-pair, B-CMP-11), read, and not auto-created unless reuse is on.
 */
function isFreeCompany(ctx: Ctx, id: string): boolean {
  if (ctx.handledHubSpot.has(id) || ctx.linkByHubSpot.has(id)) return false
  const hs = ctx.input.hubspot.get(id)
  return hs !== undefined && !isAutoCreatedKept(ctx, hs)
}

/** A company "create and associate companies with contacts" made, not matched to an account (B-CMP-13). */
function isAutoCreatedKept(ctx: Ctx, hs: HubSpotCompanyRecord): boolean {
  const autoCreated = hs.properties['hs_object_source'] === AUTO_CREATED_COMPANY_SOURCE
  return autoCreated && !ctx.input.settings.reuseAutoCreatedCompany
}

/**
 * A deleted account: the company stays and the link is tombstoned, so an edit in HubSpot never recreates it.
 * A merged-away account hands its company to the survivor when the survivor has none, and the pair syncs with
 * the survivor's values; when the survivor is (or was) linked to another company the link breaks, as HubSpot
 * companies are not merged from Salesforce.
 */
function planAccountDelete(
  ctx: Ctx,
  change: Extract<CompanyChange, { side: 'salesforce' }>,
  link: Link | undefined,
): void {
  if (link === undefined || link.state === 'tombstoned')
    return skip(ctx, 'salesforce', change.id, 'not-linked')
  ctx.handledHubSpot.add(link.hubspotId)
  const master = change.masterRecordId
  if (master === undefined)
    return setState(ctx, link, 'tombstoned', 'deleted in Salesforce; the HubSpot company stays')
  // A survivor paired before, even one whose company was deleted since, does not pair anew (design.md 3.1).
  const survivor = ctx.linkBySalesforce.get(master)
  if (survivor !== undefined && survivor.hubspotId !== link.hubspotId)
    return setState(
      ctx,
      link,
      'broken',
      `merged into ${master}, which is ${survivor.state === 'active' ? '' : 'was '}linked to company ${survivor.hubspotId}`,
    )
  ctx.handledSalesforce.add(master)
  ctx.actions.push({
    kind: 'relink',
    from: { hubspotId: link.hubspotId, salesforce: account(link.salesforceId) },
    to: { hubspotId: link.hubspotId, salesforce: account(master) },
    reason: `merged into ${master}: the company follows the surviving account`,
  })
  // The company takes the survivor's values in the same plan, as a contact does its converted lead's (B-CON-12).
  const hs = ctx.input.hubspot.get(link.hubspotId)
  const sf = ctx.input.salesforce.get(master)
  if (hs !== undefined && sf !== undefined)
    syncCompanyPair(ctx, hs, sf, dropShadows(link.fields, 'salesforce'), isFirstSync(link))
}

/**
 * A company HubSpot merged into one that is paired with another account keeps no account: its link breaks,
 * as an account's does when it is merged into a paired one (companies are not merged into accounts). Its
 * contacts, moved to the survivor, follow the survivor's account in pass 3 (B-CMP-11).
 */
function breakMergedAway(ctx: Ctx): void {
  const merges = [
    ...(ctx.input.mergedInto ?? []),
    ...[...ctx.input.hubspot.values()].flatMap((r) =>
      (r.mergedObjectIds ?? []).map((id) => [id, r.id] as const),
    ),
  ]
  for (const [from, to] of merges) {
    const link = ctx.linkByHubSpot.get(from)
    const survivor = ctx.linkByHubSpot.get(to)
    if (link?.state !== 'active' || survivor?.state !== 'active' || survivor === link) continue
    if (ctx.handledHubSpot.has(from)) continue
    ctx.handledHubSpot.add(from)
    ctx.handledSalesforce.add(link.salesforceId)
    setState(ctx, link, 'broken', `merged into ${to}, which is linked to account ${survivor.salesforceId}`)
  }
}

function setState(ctx: Ctx, link: Link, state: Link['state'], reason: string): void {
  ctx.actions.push({
    kind: 'link-state',
    hubspotId: link.hubspotId,
    salesforce: account(link.salesforceId),
    state,
    reason,
  })
}

/** The contacts whose primary company this is, when the read asked for them (every associated one by default). */
function primaryContactsOf(hs: HubSpotCompanyRecord | undefined): readonly string[] {
  return hs?.primaryContactIds ?? hs?.contactIds ?? []
}

/** The contacts' account references are planned again in pass 3 now that their company or account is paired. */
function requeueContacts(ctx: Ctx, ids: readonly string[], reason: string): void {
  if (ids.length === 0) return
  ctx.actions.push({
    kind: 'requeue',
    objectKind: ASSOCIATION_KIND,
    side: 'hubspot',
    ids: [...new Set(ids)],
    reason,
  })
}

function syncCompanyPair(
  ctx: Ctx,
  hs: HubSpotCompanyRecord,
  sf: SalesforceAccountRecord,
  fields: Link['fields'],
  isNewLink: boolean,
): void {
  const merged = mergePair({
    mappings: ctx.input.mappings,
    hubspot: hs,
    salesforce: sf,
    fields,
    isNewLink,
    now: ctx.input.now,
    transform: ctx.transform,
    queuesMayOwn: false,
  })
  if (merged.historyWanted) ctx.historyWanted.add(hs.id)
  const ref = account(sf.id)
  for (const side of ['hubspot', 'salesforce'] as const) {
    for (const f of merged.failures.filter((x) => x.side === side)) {
      ctx.actions.push({
        kind: 'error',
        side,
        hubspotId: hs.id,
        salesforceId: sf.id,
        code: f.code,
        message: f.message,
        field: f.field,
      })
    }
  }
  if (Object.keys(merged.toSalesforce).length > 0)
    ctx.actions.push({
      kind: 'update-salesforce',
      hubspotId: hs.id,
      salesforce: ref,
      values: merged.toSalesforce,
    })
  if (Object.keys(merged.toHubSpot).length > 0)
    ctx.actions.push({ kind: 'update-hubspot', hubspotId: hs.id, salesforce: ref, values: merged.toHubSpot })
  ctx.actions.push({
    kind: 'commit',
    hubspotId: hs.id,
    salesforceType: 'Account',
    salesforceId: sf.id,
    fields: merged.fields,
    decisions: merged.decisions,
  })
}
