import type { Side } from '@crmsync/core'
import type { PlannedAction, SyncSummary } from '@crmsync/engine'

import { safeText } from '../format/safe-text.js'
import { formatTable } from '../format/table.js'

export interface SideTotals {
  created: number
  updated: number
  linked: number
  skipped: number
  errored: number
}

/** What an import did, summed over its batches. */
export class ImportTotals {
  readonly records = { found: 0 }
  readonly written: Record<Side, SideTotals> = { hubspot: zero(), salesforce: zero() }
  readonly apiCalls: Record<Side, number> = { hubspot: 0, salesforce: 0 }
  readonly errors: string[] = []
  readonly planned: PlannedAction[] = []
  incomplete: string | undefined

  add(summary: SyncSummary): void {
    for (const side of ['hubspot', 'salesforce'] as const) {
      const c = summary.objects.contact?.[side]
      if (c === undefined) continue
      const t = this.written[side]
      t.created += c.created
      t.updated += c.updated
      t.linked += c.linked
      t.skipped += c.skipped
      t.errored += c.errored
    }
    for (const e of summary.errors) this.errors.push(`${e.code} on ${e.side} ${e.recordId}: ${e.message}`)
    if (summary.plan !== undefined) this.planned.push(...summary.plan.actions)
    this.incomplete ??= summary.incomplete
  }

  /** The report, each line safe: error messages quote CRM values (safe-text.ts). */
  lines(title: string): string[] {
    const rows = (['salesforce', 'hubspot'] as const).map((side) => {
      const t = this.written[side]
      return [
        side,
        ...[t.created, t.updated, t.linked, t.skipped, t.errored, this.apiCalls[side]].map(String),
      ]
    })
    const lines = [
      `${title}: ${this.records.found} record(s) found`,
      ...formatTable(
        ['written to', 'created', 'updated', 'linked', 'skipped', 'errored', 'API calls'],
        rows,
        '  ',
      ),
    ]
    if (this.planned.length > 0) {
      const byKind = new Map<string, number>()
      for (const a of this.planned)
        byKind.set(`${a.kind} ${a.side}`, (byKind.get(`${a.kind} ${a.side}`) ?? 0) + 1)
      lines.push(`  would do: ${[...byKind].map(([k, n]) => `${n} x ${k}`).join(', ')}`)
    }
    for (const e of this.errors.slice(0, 20)) lines.push(`  error ${e}`)
    if (this.errors.length > 20)
      lines.push(`  ... and ${this.errors.length - 20} more errors (crmsync errors)`)
    if (this.incomplete !== undefined) lines.push(`  INCOMPLETE: ${this.incomplete}`)
    return lines.map(safeText)
  }
}

function zero(): SideTotals {
  return { created: 0, updated: 0, linked: 0, skipped: 0, errored: 0 }
}
