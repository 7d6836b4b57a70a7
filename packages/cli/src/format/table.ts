import { safeText } from './safe-text.js'

/**
 * Left-aligned columns two spaces apart, each line prefixed by `indent`; cells are never cut. Cells are made
 * safe first (CRM values: a newline must not forge a row), so the widths are those of what is printed.
 */
export function formatTable(
  headers: readonly string[],
  cells: readonly (readonly string[])[],
  indent = '',
): string[] {
  const head = headers.map(safeText)
  const rows = cells.map((row) => row.map(safeText))
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (row: readonly string[]) =>
    `${indent}${row.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd()
  return [line(head), ...rows.map(line)]
}
