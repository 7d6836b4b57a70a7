// Picks an index for a WHERE clause: an Id or hash-indexed equality/IN, or a timestamp range, taken from a
// top-level AND conjunct. Everything else falls back to a scan. The full predicate is always re-applied.
import { SORTED_FIELDS, type SortedField, type Table } from '../store/table.js'
import type { Expr } from './expression.js'
import { literalValue } from './predicate.js'

export type Plan =
  | { kind: 'ids'; ids: string[]; index: string }
  | { kind: 'range'; field: SortedField; from?: number; to?: number }
  | { kind: 'scan' }

function conjuncts(expr: Expr | undefined): Expr[] {
  if (!expr) return []
  return expr.kind === 'and' ? expr.items.flatMap(conjuncts) : [expr]
}

/** Chooses the cheapest access path. `now` is used for date literals. */
export function planWhere(table: Table, where: Expr | undefined, now: number): Plan {
  let best: Plan = { kind: 'scan' }
  const ranges = new Map<SortedField, { from?: number; to?: number }>()
  for (const c of conjuncts(where)) {
    if (c.kind !== 'cond' || c.field.includes('.')) continue
    const def = table.field(c.field)
    if (!def) continue
    const simple = c.values.every((v) => v.kind !== 'dateLiteral' && v.kind !== 'null')
    if ((c.op === '=' || c.op === 'IN') && simple && (def.type === 'id' || table.hasHashIndex(def.name))) {
      const values = c.values.map((v) => literalValue(v, def.type, now))
      const ids =
        def.type === 'id'
          ? [...new Set(values.flatMap((v) => idCandidates(String(v)).filter((id) => table.get(id))))]
          : [...new Set(values.flatMap((v) => [...table.lookup(def.name, v)]))]
      // The smallest candidate set wins.
      if (best.kind !== 'ids' || ids.length < best.ids.length) best = { kind: 'ids', ids, index: def.name }
      continue
    }
    const sorted = SORTED_FIELDS.find((f) => f === def.name)
    if (sorted && simple && ['>', '>=', '<', '<=', '='].includes(c.op)) {
      const ms = literalValue(c.values[0]!, 'datetime', now) as number
      const range = ranges.get(sorted) ?? {}
      // Bounds are inclusive here; the predicate removes the equal rows for strict operators.
      if (c.op !== '<' && c.op !== '<=') range.from = Math.max(range.from ?? -Infinity, ms)
      if (c.op !== '>' && c.op !== '>=') range.to = Math.min(range.to ?? Infinity, ms)
      ranges.set(sorted, range)
    }
  }
  if (best.kind === 'ids') return best
  const first = [...ranges.entries()][0]
  if (first) {
    const plan: Plan = { kind: 'range', field: first[0] }
    if (first[1].from !== undefined) plan.from = first[1].from
    if (first[1].to !== undefined) plan.to = first[1].to
    return plan
  }
  return best
}

/** Rebuilds an 18-character id's original casing from its case-safe suffix (SOQL compares ids lower-cased). */
export function idCandidates(lower: string): string[] {
  if (lower.length !== 18) return []
  const suffix = lower.slice(15).toUpperCase()
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'
  let body = ''
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = alphabet.indexOf(suffix[chunk]!)
    if (bits < 0) return []
    for (let i = 0; i < 5; i++) {
      const c = lower[chunk * 5 + i]!
      body += bits & (1 << i) ? c.toUpperCase() : c
    }
  }
  return [body + suffix]
}
