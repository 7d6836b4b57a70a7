import type { FieldDecision } from '../merge/index.js'
import type { FieldState, Link, Side } from '../model/index.js'
import type { DealAction } from './deal-plan-types.js'

/**
 * The key under which a deal link keeps Opportunity.AccountId against the deal's primary company, as pass 3
 * last agreed them: the account id agreed, and the company and account last seen on each side. Not a mapping
 * key (HubSpot property names have no colon).
 */
export const DEAL_ACCOUNT_FIELD = 'deal:account'

/** Company links indexed for the account <-> primary company pair. */
export interface CompanyLinkIndex {
  readonly accountOf: ReadonlyMap<string, string>
  readonly companyOf: ReadonlyMap<string, string>
  /** Companies and accounts whose link was tombstoned or broken: they never get a counterpart again. */
  readonly unpaired: ReadonlySet<string>
}

export function indexCompanyLinks(links: readonly Link[]): CompanyLinkIndex {
  const accountOf = new Map<string, string>()
  const companyOf = new Map<string, string>()
  const unpaired = new Set<string>()
  for (const link of links) {
    if (link.state !== 'active') {
      unpaired.add(link.hubspotId).add(link.salesforceId)
      continue
    }
    accountOf.set(link.hubspotId, link.salesforceId)
    companyOf.set(link.salesforceId, link.hubspotId)
  }
  for (const id of [...accountOf.keys(), ...companyOf.keys()]) unpaired.delete(id)
  return { accountOf, companyOf, unpaired }
}

/** What the pair's account association needs. */
export type DealAccountPlan =
  | { readonly kind: 'nothing' }
  | { readonly kind: 'commit'; readonly state: FieldState; readonly decision: FieldDecision }
  | {
      readonly kind: 'to-salesforce'
      readonly accountId: string
      readonly state: FieldState
      readonly decision: FieldDecision
    }
  | {
      readonly kind: 'to-hubspot'
      readonly companyId: string
      readonly state: FieldState
      readonly decision: FieldDecision
    }
  /** The company or account has no counterpart yet: the association waits, parked, with it enqueued. */
  | { readonly kind: 'wait'; readonly side: Side; readonly id: string; readonly reason: string }

/**
 * Opportunity.AccountId against the deal's primary company (B-DEAL-15, 16), one three-way merged value as
 * the contact's account is (plan-contact-accounts.ts): a side that changed since the last agreement moves
 * across through the company links; both changed, Salesforce wins, as on a first sync. A removed company or
 * a cleared AccountId is not copied, and AccountId is never cleared because its company is unknown (B-DEAL-16);
 * a company or account with no counterpart yet waits. `hubspot` undefined: the read did not ask for it.
 */
export function planDealAccount(init: {
  readonly hubspot: string | null | undefined
  readonly salesforce: string | null
  readonly state: FieldState | undefined
  readonly companies: CompanyLinkIndex
  readonly now: number
}): DealAccountPlan {
  const { hubspot: h, salesforce: s, state, companies, now } = init
  if (h === undefined) return { kind: 'nothing' }
  const hAccount = h === null ? null : companies.accountOf.get(h)
  const sCompany = s === null ? null : companies.companyOf.get(s)
  const hGone = h !== null && hAccount === undefined && companies.unpaired.has(h)
  const sGone = s !== null && sCompany === undefined && companies.unpaired.has(s)
  const hChanged = state?.hubspotShadow === undefined || state.hubspotShadow.value !== h
  const sChanged = state?.salesforceShadow === undefined || state.salesforceShadow.value !== s
  const stateOf = (ancestor: string | null, hs: string | null, sf: string | null): FieldState => ({
    ancestor,
    hubspotShadow: { value: hs, seenAt: now },
    salesforceShadow: { value: sf, seenAt: now },
  })
  const decision = (d: Omit<FieldDecision, 'field' | 'rule'>): FieldDecision => ({
    field: DEAL_ACCOUNT_FIELD,
    rule: 'two-way',
    ...d,
  })
  if ((h === null && s === null) || (hAccount !== undefined && hAccount === s)) {
    if (!hChanged && !sChanged && state?.ancestor === s) return { kind: 'nothing' }
    return {
      kind: 'commit',
      state: stateOf(s, h, s),
      decision: decision({ action: 'none', value: s, reason: 'sides agree' }),
    }
  }
  // Neither side moved since the last plan: the difference was decided then (a drop, audited), not undone now.
  if (!hChanged && !sChanged) return { kind: 'nothing' }
  const toSalesforce = hChanged && !sChanged ? true : sChanged && !hChanged ? false : s === null || sGone
  const kept = state?.ancestor ?? null
  if (toSalesforce) {
    if (h === null || hGone)
      return {
        kind: 'commit',
        state: stateOf(kept, h, s),
        decision: decision({
          action: 'none',
          value: null,
          reason: hGone
            ? `B-DEAL-16: company ${h} is no longer paired with an account; AccountId stays`
            : 'B-DEAL-16: the deal lost its company; AccountId is never cleared by the sync',
          dropped: ['hubspot'],
        }),
      }
    if (hAccount === undefined || hAccount === null)
      return {
        kind: 'wait',
        side: 'hubspot',
        id: h,
        reason: `the deal's company ${h} has no account yet (B-DEAL-15)`,
      }
    return {
      kind: 'to-salesforce',
      accountId: hAccount,
      state: stateOf(hAccount, h, hAccount),
      decision: decision({
        action: 'to-salesforce',
        value: hAccount,
        reason: 'B-DEAL-15: the deal moved to another company',
      }),
    }
  }
  if (s === null || sGone)
    return {
      kind: 'commit',
      state: stateOf(kept, h, s),
      decision: decision({
        action: 'none',
        value: null,
        reason: sGone
          ? `account ${s} is no longer paired with a company; the deal's company stays`
          : "the opportunity's account was cleared; the deal's company stays",
        dropped: ['salesforce'],
      }),
    }
  if (sCompany === undefined || sCompany === null)
    return {
      kind: 'wait',
      side: 'salesforce',
      id: s,
      reason: `the opportunity's account ${s} has no company yet (B-DEAL-15)`,
    }
  return {
    kind: 'to-hubspot',
    companyId: sCompany,
    state: stateOf(s, sCompany, s),
    decision: decision({
      action: 'to-hubspot',
      value: s,
      reason: "B-DEAL-15: the deal follows the opportunity's account",
    }),
  }
}

/**
 * The requeues of a wait (B-DEAL-15, B-BULK-7): the company or account goes to the company pass first, and
 * the deal's record (`self`) comes back after it, in the same sync, to take the counterpart.
 */
export function waitRequeues(
  wait: Extract<DealAccountPlan, { kind: 'wait' }>,
  self: { readonly side: Side; readonly id: string },
): Array<Extract<DealAction, { kind: 'requeue' }>> {
  return [
    { kind: 'requeue', objectKind: 'company', side: wait.side, ids: [wait.id], reason: wait.reason },
    { kind: 'requeue', side: self.side, ids: [self.id], reason: `${wait.reason}; planned again after it` },
  ]
}
