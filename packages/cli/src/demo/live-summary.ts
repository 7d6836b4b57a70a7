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

  add(summary: SyncSummary): void {
    this.cycles += summary.cycles
    this.newErrors += summary.errors.length
    for (const side of ['hubspot', 'salesforce'] as const) {
      const c = summary.objects.contact?.[side]
      if (c === undefined) continue
      this.written[side].created += c.created
      this.written[side].updated += c.updated
      this.written[side].linked += c.linked
    }
  }
}

export interface LiveView {
  readonly elapsedSeconds: number
  readonly totals: LiveTotals
  readonly links: number
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

/** The block the demo prints: contacts written per side, links, errors, API calls, latency. */
export function formatLiveView(view: LiveView): string[] {
  const rows = (['salesforce', 'hubspot'] as const).map((side) => {
    const w = view.totals.written[side]
    return [
      `contact -> ${side}`,
      String(w.created),
      String(w.updated),
      String(w.linked),
      String(view.apiCalls[side]),
    ]
  })
  return [
    `--- crmsync demo, ${view.elapsedSeconds.toFixed(0)} s, ${view.totals.cycles} cycle(s), ${view.links} linked contact(s) ---`,
    ...formatTable(['synced', 'created', 'updated', 'linked', 'API calls'], rows, '  '),
    `  errors: ${view.openErrors} open (${view.totals.newErrors} seen)`,
    `  change-to-sync latency of the demo's traffic: p50 ${seconds(view.latency.p50)}, p95 ${seconds(view.latency.p95)}` +
      ` (${view.latency.synced} synced, ${view.latency.pending} waiting)`,
  ]
}
