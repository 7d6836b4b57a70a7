import type { ObjectKind, Side } from '@crmsync/core'
import type { PlannedAction, SyncSummary } from '@crmsync/engine'

import { briefMessage, SUMMARY_ERROR_LINES } from '../format/brief-text.js'
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
  /** The imported kind's counts per side written. */
  readonly written: Record<Side, SideTotals> = { hubspot: zero(), salesforce: zero() }
  /**
   * What the same cycles did to other kinds: a company import also associates contacts with the companies
   * it links (pass 3, `contact-company`), and a cycle syncs whatever else changed meanwhile.
   */
  readonly others = new Map<ObjectKind, Record<Side, SideTotals>>()
  readonly apiCalls: Record<Side, number> = { hubspot: 0, salesforce: 0 }
  readonly errors: string[] = []
  readonly planned: PlannedAction[] = []
  incomplete: string | undefined

  /** The imported kind. */
  readonly kind: ObjectKind

  /** (Default kind: contact) */
  constructor(kind: ObjectKind = 'contact') {
    this.kind = kind
  }

  add(summary: SyncSummary): void {
    for (const [kind, sides] of Object.entries(summary.objects) as [ObjectKind, Record<Side, SideTotals>][]) {
      let into = this.written
      if (kind !== this.kind) {
        into = this.others.get(kind) ?? { hubspot: zero(), salesforce: zero() }
        this.others.set(kind, into)
      }
      for (const side of ['hubspot', 'salesforce'] as const) addTotals(into[side], sides[side])
    }
    for (const e of summary.errors)
      this.errors.push(`${e.code} on ${e.side} ${e.recordId}: ${briefMessage(e.message)}`)
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
    for (const [kind, sides] of this.others) {
      const parts = (['salesforce', 'hubspot'] as const).flatMap((side) => {
        const t = sides[side]
        const counts = (['created', 'updated', 'linked', 'skipped', 'errored'] as const)
          .filter((k) => t[k] > 0)
          .map((k) => `${k} ${t[k]}`)
        return counts.length === 0 ? [] : [`${side} ${counts.join(', ')}`]
      })
      if (parts.length > 0) lines.push(`  also ${kind}: ${parts.join('; ')}`)
    }
    if (this.planned.length > 0) {
      const byKind = new Map<string, number>()
      for (const a of this.planned)
        byKind.set(`${a.kind} ${a.side}`, (byKind.get(`${a.kind} ${a.side}`) ?? 0) + 1)
      lines.push(`  would do: ${[...byKind].map(([k, n]) => `${n} x ${k}`).join(', ')}`)
    }
    for (const e of this.errors.slice(0, SUMMARY_ERROR_LINES)) lines.push(`  error ${e}`)
    if (this.errors.length > SUMMARY_ERROR_LINES)
      lines.push(`  ... and ${this.errors.length - SUMMARY_ERROR_LINES} more errors (crmsync errors)`)
    if (this.incomplete !== undefined) lines.push(`  INCOMPLETE: ${this.incomplete}`)
    return lines.map(safeText)
  }
}

function addTotals(into: SideTotals, from: SideTotals): void {
  into.created += from.created
  into.updated += from.updated
  into.linked += from.linked
  into.skipped += from.skipped
  into.errored += from.errored
}

function zero(): SideTotals {
  return { created: 0, updated: 0, linked: 0, skipped: 0, errored: 0 }
}
