import type { RuleInput, RuleOutcome } from './rule-types.js'

/** `always-salesforce`: HubSpot never writes to Salesforce, even a blank; Salesforce always wins (B-MAP-2). */
export function decideAlwaysSalesforce(input: RuleInput): RuleOutcome {
  if (input.isNew) {
    // B-MAP-2: "SF field empty and HS has a value; Then SF stays empty and HS value is unchanged".
    return input.s !== null
      ? { action: 'to-hubspot', reason: 'always-salesforce: new link, Salesforce wins (B-MAP-2)' }
      : {
          action: 'none',
          reason: 'always-salesforce: new link, Salesforce is blank and HubSpot never writes (B-MAP-2)',
        }
  }
  if (input.sChanged) {
    const both = input.hChanged ? 'both changed, ' : ''
    return {
      action: 'to-hubspot',
      reason: `always-salesforce: ${both}Salesforce wins (B-MAP-2)`,
      conflict: input.hChanged,
    }
  }
  if (input.hChanged)
    return { action: 'none', reason: 'always-salesforce: HubSpot changes never reach Salesforce (B-MAP-2)' }
  return { action: 'none', reason: 'always-salesforce: the sides may differ (B-MAP-2)' }
}
