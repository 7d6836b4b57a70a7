import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { buildProgram } from './program.js'

// docs/cli.md lists the design.md 4.1 commands with a status; keep it true to what is registered.
const docs = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8')
const rows = docs
  .split('\n')
  .filter((line) => line.startsWith('| `crmsync '))
  .map((line) => {
    const cells = line.split(/(?<!\\)\|/).map((cell) => cell.trim())
    return { name: /`crmsync ([a-z-]+)/.exec(line)?.[1] ?? '', status: cells[cells.length - 2] ?? '' }
  })
const sink = { write: () => true }
const registered = buildProgram({ argv: [], env: {}, stdout: sink, stderr: sink }).program.commands.map(
  (command) => command.name(),
)

describe('docs/cli.md', () => {
  it('has a row for every registered command', () => {
    expect(registered.filter((name) => !rows.some((row) => row.name === name))).toEqual([])
  })

  it('marks as built or placeholder only commands that are registered', () => {
    const claimed = rows.filter((row) => !row.status.startsWith('not yet')).map((row) => row.name)
    expect(claimed.filter((name) => !registered.includes(name))).toEqual([])
    expect(claimed).toContain('validate')
  })
})
