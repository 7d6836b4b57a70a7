import type { SyncErrorCode } from '../errors/index.js'
import type { FieldDecision } from '../merge/index.js'
import type { FieldState, Link, ObjectKind, Side } from '../model/index.js'
import type { SkipReason } from '../plan/index.js'

/**
 * The key under which a contact link keeps its company association's state: the default contact mapping
 * `salesforceaccountid` <-> Contact.AccountId, synced by this pass rather than as a field value (B-CON-14).
 */
export const ACCOUNT_ASSOCIATION_FIELD = 'salesforceaccountid'

/**
 * The key under which a contact link keeps the contact's lifecycle stage as pass 3 last copied it to its
 * company (B-CMP-14): only a change of the contact's stage since then moves the company, so a company a user
 * set back by hand is not pushed forward again by some later, unrelated edit of the contact. Not a mapping
 * key (HubSpot property names have no colon).
 */
export const LIFECYCLE_SEEN_FIELD = 'company:lifecyclestage'

/** HubSpot's lifecycle stages in their forward order (B-LCS-1): a company only ever moves forward. */
export const LIFECYCLE_ORDER = [
  'subscriber',
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
  'evangelist',
] as const

/** What pass 3 asks the engine to do (design.md 3.4): contacts' company references, both ways. */
export type AssociationAction =
  | {
      /** Contact.AccountId of the contact's Salesforce Contact (B-CMP-6, 11). */
      readonly kind: 'set-account'
      readonly hubspotId: string
      readonly contactId: string
      readonly accountId: string
      readonly reason: string
    }
  | {
      /** The HubSpot contact's primary company (B-CMP-12, 11). */
      readonly kind: 'set-primary-company'
      readonly hubspotId: string
      readonly companyId: string
      readonly reason: string
    }
  | {
      /** B-CMP-14: a contact's lifecycle stage copied to its company, forward only. */
      readonly kind: 'set-company-lifecycle'
      /** The contact whose change it is: a failed write is that contact's error, retried with it. */
      readonly hubspotId: string
      readonly companyId: string
      readonly stage: string
      readonly reason: string
    }
  | {
      /**
       * State pass 3 keeps on the contact link under `field` (ACCOUNT_ASSOCIATION_FIELD with its audit, or
       * LIFECYCLE_SEEN_FIELD, bookkeeping without one), committed only when the contact's writes succeeded.
       */
      readonly kind: 'commit'
      readonly hubspotId: string
      readonly salesforceId: string
      readonly field: string
      readonly state: FieldState
      readonly decision?: FieldDecision | undefined
    }
  | {
      /** A company or account to pair first: the contact waits for it, parked, not in error. */
      readonly kind: 'requeue'
      readonly objectKind: ObjectKind
      readonly side: Side
      readonly ids: readonly string[]
      readonly reason: string
    }
  | { readonly kind: 'skip'; readonly side: Side; readonly id: string; readonly reason: SkipReason }
  | {
      readonly kind: 'error'
      readonly hubspotId: string
      readonly salesforceId: string | null
      readonly code: SyncErrorCode
      readonly message: string
    }

/** One contact as pass 3 reads it. */
export interface ContactAccountFacts {
  readonly hubspotId: string
  /**
   * The contact's active link. Only a link to a Salesforce Contact has an account to keep in step (Leads have
   * none, B-CON-14); any link keeps the lifecycle stage last copied (LIFECYCLE_SEEN_FIELD).
   */
  readonly link?: Link | undefined
  /** The HubSpot contact's primary company, null when it has none. */
  readonly primaryCompanyId: string | null
  readonly lifecycleStage: string | null
  /** The Salesforce Contact's AccountId, null when it has none (a private contact). */
  readonly accountId: string | null
  /** The Salesforce Contact is a person account's own contact: its account is fixed (B-PA-3). */
  readonly isPersonContact: boolean
}

export interface PlanContactAccountsInput {
  readonly now: number
  /** The contacts to plan, by HubSpot id, in inbox order. */
  readonly contacts: readonly ContactAccountFacts[]
  /** Company links of the companies and accounts the contacts name. */
  readonly companyLinks: readonly Link[]
  /** Accounts that are person accounts: no other contact may join them (B-PA-3). */
  readonly personAccounts: ReadonlySet<string>
  /** Lifecycle stage per company the contacts name (B-CMP-14). */
  readonly companyLifecycle: ReadonlyMap<string, string | null>
}

/**
 * Pass 3 of design.md 3.4, pure: each linked contact's company in HubSpot against its Salesforce Contact's
 * AccountId, as one three-way merged value (the contact link's `salesforceaccountid` state: the agreed
 * account id, and the last company and account seen on each side). One side changed: it moves across;
 * both: Salesforce wins, as on a first link. A side naming a company or account with no counterpart yet
 * waits, parked, with that company or account enqueued for pass 2; nothing is stored as an error. A
 * removed company or cleared AccountId is not copied (a contact never loses its account through the sync).
 */
export function planContactAccounts(input: PlanContactAccountsInput): AssociationAction[] {
  const companyLink = new Map<string, Link>()
  const accountLink = new Map<string, Link>()
  // Companies and accounts whose link was tombstoned or broken: they never get a counterpart again.
  const unpaired = new Set<string>()
  for (const link of input.companyLinks) {
    if (link.state !== 'active') {
      unpaired.add(link.hubspotId).add(link.salesforceId)
      continue
    }
    companyLink.set(link.hubspotId, link)
    accountLink.set(link.salesforceId, link)
  }
  const actions: AssociationAction[] = []
  const waitFor = (objectKind: ObjectKind, side: Side, id: string, reason: string) =>
    actions.push({ kind: 'requeue', objectKind, side, ids: [id], reason })
  for (const c of input.contacts) {
    const link = c.link
    if (link === undefined || link.state !== 'active' || link.salesforceType !== 'Contact') {
      actions.push({ kind: 'skip', side: 'hubspot', id: c.hubspotId, reason: 'no-salesforce-contact' })
      lifecycle(input, actions, c, c.primaryCompanyId)
      continue
    }
    const state = link.fields[ACCOUNT_ASSOCIATION_FIELD]
    const h = c.primaryCompanyId
    const s = c.accountId
    const hAccount = h === null ? null : (companyLink.get(h)?.salesforceId ?? undefined)
    const sCompany = s === null ? null : (accountLink.get(s)?.hubspotId ?? undefined)
    // A company or account that can never be paired again counts as none: its side is not copied, not parked.
    const hGone = h !== null && hAccount === undefined && unpaired.has(h)
    const sGone = s !== null && sCompany === undefined && unpaired.has(s)
    const hChanged = state?.hubspotShadow === undefined || state.hubspotShadow.value !== h
    const sChanged = state?.salesforceShadow === undefined || state.salesforceShadow.value !== s
    const commit = (
      ancestor: string | null,
      hubspot: string | null,
      salesforce: string | null,
      decision: Omit<FieldDecision, 'field' | 'rule'>,
    ) =>
      actions.push({
        kind: 'commit',
        hubspotId: c.hubspotId,
        salesforceId: link.salesforceId,
        field: ACCOUNT_ASSOCIATION_FIELD,
        state: {
          ancestor,
          hubspotShadow: { value: hubspot, seenAt: input.now },
          salesforceShadow: { value: salesforce, seenAt: input.now },
        },
        decision: { field: ACCOUNT_ASSOCIATION_FIELD, rule: 'two-way', ...decision },
      })
    // In step: the company's account is the contact's account, or neither has one.
    if ((h === null && s === null) || (hAccount !== undefined && hAccount === s)) {
      if (hChanged || sChanged || state?.ancestor !== s)
        commit(s, h, s, { action: 'none', value: s, reason: 'sides agree' })
      lifecycle(input, actions, c, h)
      continue
    }
    // Neither side moved since the last plan: the difference was decided then (a drop, audited), not undone now.
    if (!hChanged && !sChanged) {
      lifecycle(input, actions, c, h)
      continue
    }
    const toSalesforce = c.isPersonContact
      ? false
      : hChanged && !sChanged
        ? true
        : sChanged && !hChanged
          ? false
          : s === null || sGone
    if (toSalesforce) {
      if (h === null || hGone) {
        commit(state?.ancestor ?? null, h, s, {
          action: 'none',
          value: null,
          reason: hGone
            ? `the HubSpot company ${h} is no longer paired with an account; the Salesforce account stays`
            : 'the HubSpot company was removed; the Salesforce account stays',
          dropped: ['hubspot'],
        })
      } else if (hAccount === undefined) {
        waitFor('company', 'hubspot', h, `contact ${c.hubspotId} waits for its company to get an account`)
      } else if (hAccount !== null && input.personAccounts.has(hAccount)) {
        actions.push({
          kind: 'error',
          hubspotId: c.hubspotId,
          salesforceId: link.salesforceId,
          code: 'SF_PERSON_ACCOUNT_CONTACT',
          message: `company ${h} is linked to person account ${hAccount}, which takes no other contact (B-PA-3)`,
        })
      } else if (hAccount !== null) {
        actions.push({
          kind: 'set-account',
          hubspotId: c.hubspotId,
          contactId: link.salesforceId,
          accountId: hAccount,
          reason: 'B-CMP-6/11: the contact follows its HubSpot company',
        })
        commit(hAccount, h, hAccount, {
          action: 'to-salesforce',
          value: hAccount,
          reason: 'B-CMP-11: the HubSpot company moved the account',
        })
      }
      lifecycle(input, actions, c, h)
      continue
    }
    if (s === null || sGone) {
      commit(state?.ancestor ?? null, h, s, {
        action: 'none',
        value: null,
        reason: sGone
          ? `the account ${s} is no longer paired with a company; the HubSpot company stays`
          : 'the Salesforce account was cleared; the HubSpot company stays',
        dropped: ['salesforce'],
      })
      lifecycle(input, actions, c, h)
    } else if (sCompany === undefined) {
      waitFor('company', 'salesforce', s, `contact ${c.hubspotId} waits for its account to get a company`)
    } else if (sCompany !== null) {
      actions.push({
        kind: 'set-primary-company',
        hubspotId: c.hubspotId,
        companyId: sCompany,
        reason: 'B-CMP-12: the contact follows its Salesforce account',
      })
      commit(s, sCompany, s, {
        action: 'to-hubspot',
        value: s,
        reason: 'the Salesforce account moved the company',
      })
      lifecycle(input, actions, c, sCompany)
    }
  }
  return actions
}

/**
 * What LIFECYCLE_SEEN_FIELD holds: the company and the contact's stage pass 3 last judged together. A new
 * stage, or a new company, is a change to copy; anything else about the contact is not (B-CMP-14).
 */
export function lifecycleSeenValue(companyId: string | null, stage: string | null): string {
  return `${companyId ?? ''}/${stage ?? ''}`
}

/**
 * B-CMP-14: a change of the contact's lifecycle stage (or of its company) reaches the company when the
 * contact is further along; companies move forward only, as HubSpot's own lifecycle sync does.
 */
function lifecycle(
  input: PlanContactAccountsInput,
  actions: AssociationAction[],
  c: ContactAccountFacts,
  companyId: string | null,
): void {
  const link = c.link?.state === 'active' ? c.link : undefined
  const seen = lifecycleSeenValue(companyId, c.lifecycleStage)
  if (link?.fields[LIFECYCLE_SEEN_FIELD]?.hubspotShadow?.value === seen) return
  if (link !== undefined)
    actions.push({
      kind: 'commit',
      hubspotId: c.hubspotId,
      salesforceId: link.salesforceId,
      field: LIFECYCLE_SEEN_FIELD,
      state: { ancestor: seen, hubspotShadow: { value: seen, seenAt: input.now } },
    })
  if (companyId === null || c.lifecycleStage === null) return
  const current = input.companyLifecycle.get(companyId) ?? null
  const rank = (stage: string | null) =>
    stage === null ? -1 : LIFECYCLE_ORDER.indexOf(stage as (typeof LIFECYCLE_ORDER)[number])
  const next = rank(c.lifecycleStage)
  if (next < 0 || next <= rank(current)) return
  // One write per company per batch, the furthest stage (HubSpot's batch update refuses an id twice).
  const earlier = actions.findIndex((a) => a.kind === 'set-company-lifecycle' && a.companyId === companyId)
  const prior = actions[earlier]
  if (prior?.kind === 'set-company-lifecycle' && rank(prior.stage) >= next) return
  if (earlier >= 0) actions.splice(earlier, 1)
  actions.push({
    kind: 'set-company-lifecycle',
    hubspotId: c.hubspotId,
    companyId,
    stage: c.lifecycleStage,
    reason: `B-CMP-14: contact ${c.hubspotId} is at ${c.lifecycleStage}`,
  })
}
