import type { SyncSummary } from '@crmsync/engine'

import { briefMessage, SUMMARY_ERROR_LINES } from '../format/brief-text.js'
import { safeText } from '../format/safe-text.js'

/**
 * The summary for people: one line per object and side, API calls, conflicts, errors, and a dry run's plan.
 * Error messages and plan details quote CRM values, so every line is made safe.
 */
export function formatSummary(summary: SyncSummary): string[] {
  const seconds = ((summary.finishedAt - summary.startedAt) / 1000).toFixed(1)
  const lines = [
    `${summary.dryRun ? 'Dry run' : 'Sync'} of connection ${summary.connectionId}: ${summary.cycles} cycle(s) in ${seconds} s`,
  ]
  for (const [kind, sides] of Object.entries(summary.objects)) {
    for (const [side, c] of Object.entries(sides)) {
      lines.push(
        `  ${kind} -> ${side}: created ${c.created}, updated ${c.updated}, linked ${c.linked}, ` +
          `deleted ${c.deleted}, skipped ${c.skipped}, errored ${c.errored}`,
      )
    }
  }
  if (Object.keys(summary.objects).length === 0) lines.push('  nothing changed')
  lines.push(`  API calls: salesforce ${summary.apiCalls.salesforce}, hubspot ${summary.apiCalls.hubspot}`)
  lines.push(`  conflicts decided by rules: ${summary.conflicts}`)
  for (const e of summary.errors.slice(0, SUMMARY_ERROR_LINES))
    lines.push(`  error ${e.code} on ${e.side} record ${e.recordId}: ${briefMessage(e.message)}`)
  if (summary.errors.length > SUMMARY_ERROR_LINES)
    lines.push(`  ... and ${summary.errors.length - SUMMARY_ERROR_LINES} more errors (crmsync errors)`)
  if (summary.incomplete !== undefined) lines.push(`  INCOMPLETE: ${summary.incomplete}`)
  if (summary.plan !== undefined) {
    lines.push(
      `  plan (nothing was written): ${summary.plan.actions.length} action(s), would cost ` +
        `salesforce ${summary.plan.apiCost.salesforce} and hubspot ${summary.plan.apiCost.hubspot} API call(s)`,
    )
    for (const a of summary.plan.actions) {
      lines.push(`    ${a.kind} ${a.side} hs=${a.hubspotId ?? '-'} sf=${a.salesforceId ?? '-'}: ${a.detail}`)
    }
  }
  return lines.map(safeText)
}
