/**
 * The engine benchmarks' report: table columns, totals over the phases, and the JSON under bench/results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Side } from '@crmsync/core'

import type { PhaseCost } from './engine-bench-phase.js'

const here = dirname(fileURLToPath(import.meta.url))

export const fmt = (n: number, d = 4) => n.toFixed(d)

/**
 * A phase's row up to its HubSpot ratio: name, writes, seconds, records a second, then per side the calls
 * per record, the minimum per record and the ratio (header `SF calls/rec (min)    ratio  HS calls/rec ...`).
 */
export function phaseColumns(p: PhaseCost, nameWidth: number): string {
  const sfPer = p.calls.salesforce / p.records
  const hsPer = p.calls.hubspot / p.records
  return (
    `${p.name.padEnd(nameWidth)} ${String(p.synced).padStart(6)}  ${(p.ms / 1000).toFixed(1).padStart(7)}  ${String(Math.round((p.records / p.ms) * 1000)).padStart(5)}   ` +
    `${fmt(sfPer)} (${fmt(p.minimum.salesforce / p.records)})  ${(p.calls.salesforce / p.minimum.salesforce).toFixed(2).padStart(5)}  ` +
    `${fmt(hsPer)} (${fmt(p.minimum.hubspot / p.records)})  ${(p.calls.hubspot / p.minimum.hubspot).toFixed(2).padStart(5)}`
  )
}

/** Counts by name, largest first, with the API path prefixes cut so endpoints stay readable. */
export function formatCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(
      ([k, v]) =>
        `${v} ${k.replace('/services/data/:version', '').replace(/^(\w+) \/crm\/v3\/objects/, '$1 ')}`,
    )
    .join(', ')
}

/** Records, milliseconds, and calls or minimum per side, summed over the phases. */
export function phaseTotals(phases: readonly PhaseCost[]) {
  return {
    records: phases.reduce((s, p) => s + p.records, 0),
    ms: phases.reduce((s, p) => s + p.ms, 0),
    sum: (side: Side, key: 'calls' | 'minimum') => phases.reduce((s, p) => s + p[key][side], 0),
  }
}

/** Writes bench/results/<file> as indented JSON. */
export function writeResults(file: string, results: unknown): void {
  mkdirSync(join(here, 'results'), { recursive: true })
  writeFileSync(join(here, 'results', file), `${JSON.stringify(results, null, 2)}\n`)
}
