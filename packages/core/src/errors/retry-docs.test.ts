import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { ERROR_CODES, type SyncErrorCode } from './error-codes.js'
import {
  backoffDelayMs,
  type BackoffPolicy,
  compileRetryTable,
  type RetryPolicy,
  scheduledRetryFor,
} from './retry-policy.js'

// The "Retries" section of docs/errors.md prints the retry table's numbers for operators; this test fails
// when a number, or the policy of a code, is changed on one side only (style guide item 13).
const docsUrl = new URL('../../../../docs/errors.md', import.meta.url)

/** The text of `## Retries`, up to the next second-level heading. */
function retriesSection(markdown: string): string {
  const start = markdown.indexOf('\n## Retries\n')
  expect(start, 'docs/errors.md has a "## Retries" section').toBeGreaterThan(-1)
  const next = markdown.indexOf('\n## ', start + 1)
  return markdown.slice(start, next === -1 ? undefined : next)
}

/** The body rows of the table whose header cells begin with `header`, as trimmed cells. */
function tableRows(section: string, ...header: string[]): string[][] {
  const cells = (line: string) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim())
  const lines = section.split('\n')
  const at = lines.findIndex(
    (line) => line.startsWith('|') && header.every((name, i) => cells(line)[i] === name),
  )
  expect(at, `a table headed "${header.join(' | ')}"`).toBeGreaterThan(-1)
  const rows: string[][] = []
  for (const line of lines.slice(at + 2)) {
    if (!line.startsWith('|')) break
    rows.push(cells(line))
  }
  return rows
}

/** Codes a cell names in backticks; none means "every other code" of the row's policy. */
function codesIn(cell: string): SyncErrorCode[] {
  const named = [...cell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1] ?? '')
  for (const code of named) expect(Object.keys(ERROR_CODES), 'a code the docs name').toContain(code)
  return named as SyncErrorCode[]
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, min: 60_000 }

/** `500 ms`, `10 s`, `30 min` -> ms. */
function durationMs(text: string): number {
  const match = /^([\d.]+) (ms|s|min)$/.exec(text)
  expect(match, `a duration: "${text}"`).not.toBeNull()
  return Number(match?.[1]) * (UNIT_MS[match?.[2] ?? ''] ?? Number.NaN)
}

/** `0.5, 1, 2 s` -> [500, 1000, 2000]: numbers sharing one unit. */
function durationsMs(text: string): number[] {
  const match = /^([\d., ]+) (ms|s|min)$/.exec(text)
  expect(match, `a list of durations: "${text}"`).not.toBeNull()
  const unit = UNIT_MS[match?.[2] ?? ''] ?? Number.NaN
  return (match?.[1] ?? '').split(', ').map((n) => Number(n) * unit)
}

/** Which row covers each code: the row naming it, else the row of its kind that names no codes. */
function rowFor<T>(
  rows: ReadonlyArray<{ codes: SyncErrorCode[]; value: T }>,
  code: SyncErrorCode,
): T | undefined {
  return (rows.find((row) => row.codes.includes(code)) ?? rows.find((row) => row.codes.length === 0))?.value
}

describe('docs/errors.md "Retries" matches the retry table', () => {
  const section = retriesSection(readFileSync(docsUrl, 'utf8'))
  const table = compileRetryTable()
  const codes = Object.keys(ERROR_CODES) as SyncErrorCode[]
  const ofKind = (kind: RetryPolicy['kind']) => codes.filter((code) => table[code].kind === kind)

  it('prints every backoff code once, with its attempts, first wait, factor, cap and waits', () => {
    const rows = tableRows(section, 'codes', 'attempts', 'first wait', 'factor', 'cap')
    const documented = rows.flatMap(([cell = '']) => codesIn(cell))
    expect([...documented].sort()).toEqual(ofKind('backoff').sort())
    for (const [cell = '', attempts = '', first = '', factor = '', cap = '', waits = ''] of rows) {
      const printed = {
        kind: 'backoff',
        maxAttempts: Number(attempts),
        initialMs: durationMs(first),
        factor: Number(factor),
        maxMs: durationMs(cap),
      }
      for (const code of codesIn(cell)) {
        // `suspendsAs` is documented under "Suspensions", not in this table.
        const { suspendsAs: _suspension, ...policy } = table[code] as BackoffPolicy
        expect(policy, code).toEqual(printed)
        const computed = Array.from({ length: printed.maxAttempts - 1 }, (_, n) =>
          backoffDelayMs(table[code], n + 1),
        )
        expect(durationsMs(waits), `${code} waits`).toEqual(computed)
      }
    }
  })

  it('prints the schedule every scheduled code, and every backoff code after its attempts, follows', () => {
    const rows = tableRows(section, 'codes', 'every', 'times').map(([cell = '', every = '', times = '']) => ({
      codes: codesIn(cell),
      value: { everyMs: durationMs(every), maxRetries: Number(times) },
    }))
    expect(rows.length).toBeGreaterThan(0)
    for (const code of codes) {
      const schedule = scheduledRetryFor(code)
      if (schedule !== undefined) expect(rowFor(rows, code), code).toEqual(schedule)
    }
  })

  it('lists each code of the other policies under its policy, or under a row for all the rest', () => {
    const rows = tableRows(section, 'policy', 'codes').map(([policy = '', cell = '']) => ({
      codes: codesIn(cell),
      kind: policy.replaceAll('`', ''),
    }))
    for (const kind of ['suspend-side', 'pause-connection', 'replan', 'fail'] as const) {
      const ofThisKind = rows.filter((row) => row.kind === kind)
      expect(ofThisKind.length, `a row for ${kind}`).toBeGreaterThan(0)
      for (const row of ofThisKind) for (const code of row.codes) expect(table[code].kind, code).toBe(kind)
      const listed = ofThisKind.flatMap((row) => row.codes)
      if (ofThisKind.every((row) => row.codes.length > 0)) expect(listed.sort()).toEqual(ofKind(kind).sort())
    }
  })
})
