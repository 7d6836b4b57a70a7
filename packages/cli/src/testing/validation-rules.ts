import type { LocalSandboxes } from '../demo/local-sandboxes.js'

/** An org rule that refuses Leads whose last name is Blocked: the "Custom code" error the tests provoke. */
export const BLOCKED_LEADS_RULE = {
  object: 'Lead',
  name: 'No_Blocked',
  condition: "LastName = 'Blocked'",
  message: 'Blocked names are refused',
} as const

/** Replaces the Salesforce sandbox's validation rules (its admin API), as an admin editing the org would. */
export async function setValidationRules(sandboxes: LocalSandboxes, rules: readonly object[]): Promise<void> {
  const res = await fetch(`${sandboxes.salesforce.instanceUrl}/__sandbox/validation-rules`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules }),
  })
  if (!res.ok) throw new Error(`PUT validation-rules: ${String(res.status)} ${await res.text()}`)
}
