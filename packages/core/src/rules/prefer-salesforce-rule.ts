import type { RuleInput, RuleOutcome } from './rule-types.js'

/**
 * `prefer-salesforce` (the default): HubSpot writes to Salesforce only while the Salesforce field is
 * blank; otherwise Salesforce's value wins and a Salesforce clear clears HubSpot (B-MAP-1).
 */
export function decidePreferSalesforce(input: RuleInput): RuleOutcome {
  if (input.isNew) {
    return input.s !== null
      ? { action: 'to-hubspot', reason: 'prefer-salesforce: new link, Salesforce has a value (B-MAP-1)' }
      : { action: 'to-salesforce', reason: 'prefer-salesforce: new link, Salesforce is blank (B-MAP-1)' }
  }
  if (input.sChanged) {
    const both = input.hChanged ? 'both changed, ' : ''
    const clear = input.s === null ? ', a clear clears' : ''
    return {
      action: 'to-hubspot',
      reason: `prefer-salesforce: ${both}Salesforce wins${clear} (B-MAP-1)`,
      conflict: input.hChanged,
    }
  }
  if (input.hChanged) {
    return input.s === null
      ? {
          action: 'to-salesforce',
          reason: 'prefer-salesforce: Salesforce is blank, HubSpot fills it (B-MAP-1)',
        }
      : {
          action: 'to-hubspot',
          reason: 'prefer-salesforce: Salesforce is not blank, HubSpot reverts (B-MAP-1)',
        }
  }
  return { action: 'none', reason: 'prefer-salesforce: neither side changed since last seen' }
}
