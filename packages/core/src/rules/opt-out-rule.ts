import type { RuleInput, RuleOutcome } from './rule-types.js'

/**
 * The locked opt-out rule (B-OPT, CAN-SPAM). Values are 'true'/'false'; h and s differ, so exactly one is
 * 'true', and true always wins. A move to false never propagates: Salesforce unchecking never resubscribes
 * (B-OPT-4), and a HubSpot resubscribe does not clear Salesforce's box either. The table (design.md 3.2)
 * names only HubSpot unsubscribing; seed 001 says only the contact can opt back in, so we keep Salesforce's
 * opt-out rather than clear it, which errs on the side of not emailing.
 */
export function decideOptOut(input: RuleInput): RuleOutcome {
  const toward: RuleOutcome =
    input.h === 'true'
      ? {
          action: 'to-salesforce',
          reason: 'opt-out: HubSpot unsubscribed from all email sets Email Opt Out (B-OPT-2)',
        }
      : {
          action: 'to-hubspot',
          reason: 'opt-out: Email Opt Out checked unsubscribes HubSpot from all email (B-OPT-3)',
        }
  if (input.isNew) return { ...toward, reason: `${toward.reason}, new link: true wins` }
  const trueSideChanged = input.h === 'true' ? input.hChanged : input.sChanged
  if (trueSideChanged) return { ...toward, conflict: input.hChanged && input.sChanged }
  if (input.h === 'false' && input.hChanged) {
    return { action: 'none', reason: 'opt-out: a HubSpot resubscribe does not clear Email Opt Out (B-OPT-4)' }
  }
  if (input.s === 'false' && input.sChanged) {
    return { action: 'none', reason: 'opt-out: unchecking Email Opt Out never resubscribes (B-OPT-4)' }
  }
  return { action: 'none', reason: 'opt-out: neither side changed since last seen' }
}
