import type { Side } from '@crmsync/core'
import type { SyncSummary } from '@crmsync/engine'

import { formatTable } from '../format/table.js'

/** Running totals of the demo, printed every few seconds. */
export class LiveTotals {
  readonly written: Record<Side, { created: number; updated: number; linked: number }> = {
    hubspot: { created: 0, updated: 0, linked: 0 },
    salesforce: { created: 0, updated: 0, linked: 0 },
  }
  cycles = 0
  newErrors = 0

  /** Companies and their accounts, and contacts' company references (pass 3), written per side. */
  readonly companies: Record<Side, { created: number; updated: number; linked: number }> = {
    hubspot: { created: 0, updated: 0, linked: 0 },
    salesforce: { created: 0, updated: 0, linked: 0 },
  }

  /** Deals and their opportunities, and the contact roles with deal contacts, written per side. */
  readonly deals: Record<Side, { created: number; updated: number; linked: number }> = {
    hubspot: { created: 0, updated: 0, linked: 0 },
    salesforce: { created: 0, updated: 0, linked: 0 },
  }

  add(summary: SyncSummary): void {
    this.cycles += summary.cycles
    this.newErrors += summary.errors.length
    for (const side of ['hubspot', 'salesforce'] as const) {
      for (const [kind, into] of [
        ['contact', this.written],
        ['company', this.companies],
        ['contact-company', this.companies],
        ['deal', this.deals],
        ['deal-contact', this.deals],
      ] as const) {
        const c = summary.objects[kind]?.[side]
        if (c === undefined) continue
        into[side].created += c.created
        into[side].updated += c.updated
        into[side].linked += c.linked
      }
    }
  }
}

export interface LiveView {
  readonly elapsedSeconds: number
  readonly totals: LiveTotals
  /** Links in the store now, per object kind. */
  readonly links: { readonly contact: number; readonly company: number; readonly deal: number }
  /** Where the console listens (absent with --no-console). */
  readonly consoleUrl?: string | undefined
  readonly openErrors: number
  readonly apiCalls: Record<Side, number>
  readonly latency: {
    readonly synced: number
    readonly pending: number
    readonly p50?: number | undefined
    readonly p95?: number | undefined
  }
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`
}

/**
 * The block the demo prints: links per kind, contacts, companies and deals written per side, errors, API calls,
 * the latency of the demo's traffic and the console's address.
 */
export function formatLiveView(view: LiveView): string[] {
  const rows = (['salesforce', 'hubspot'] as const).flatMap((side) => {
    const row = (label: string, w: { created: number; updated: number; linked: number }, calls: string) => [
      `${label} -> ${side}`,
      String(w.created),
      String(w.updated),
      String(w.linked),
      calls,
    ]
    return [
      row('contact', view.totals.written[side], String(view.apiCalls[side])),
      row('company', view.totals.companies[side], ''),
      row('deal', view.totals.deals[side], ''),
    ]
  })
  return [
    `--- crmsync demo, ${view.elapsedSeconds.toFixed(0)} s, ${view.totals.cycles} cycle(s), linked: ` +
      `${view.links.contact} contact(s), ${view.links.company} company(ies), ${view.links.deal} deal(s) ---`,
    ...formatTable(['synced', 'created', 'updated', 'linked', 'API calls'], rows, '  '),
    `  errors: ${view.openErrors} open (${view.totals.newErrors} seen)`,
    `  change-to-sync latency of the demo's traffic: p50 ${seconds(view.latency.p50)}, p95 ${seconds(view.latency.p95)}` +
      ` (${view.latency.synced} synced, ${view.latency.pending} waiting)`,
    ...(view.consoleUrl === undefined ? [] : [`  console: ${view.consoleUrl} (Ctrl-C stops the demo)`]),
  ]
}
