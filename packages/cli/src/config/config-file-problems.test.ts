import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import { EXIT_CODES } from '../exit-codes.js'

// Every command loads its file through loadConfig, so every YAML problem is a configuration error (exit 2,
// the file named) on each of them, never an exception with a stack trace.
const dir = mkdtempSync(join(tmpdir(), 'crmsync-yaml-'))

function configFile(name: string, text: string): string {
  const file = join(dir, name)
  writeFileSync(file, text)
  return file
}

/** Nine levels of nine aliases each: 9^9 strings once expanded, a few hundred bytes as text. */
function aliasBomb(): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]']
  for (let level = 1; level < 9; level++) {
    const alias = `*a${level - 1}`
    lines.push(`a${level}: &a${level} [${Array.from({ length: 9 }, () => alias).join(', ')}]`)
  }
  return `${lines.join('\n')}\n`
}

const BOMB_MESSAGE =
  'YAML syntax error: the aliases expand to more than 100 copies (a "billion laughs" file?): use fewer ' +
  'aliases or write the values out'

describe('YAML problems are configuration errors on every command', () => {
  const bomb = configFile('bomb.yaml', aliasBomb())

  it.each([
    ['validate'],
    ['status'],
    ['errors'],
    ['explain', 'someone@example.com'],
    ['doctor'],
    ['sync', '--once'],
  ])('%s: an alias bomb is reported with the file name, exit 2', async (...command) => {
    const run = await runCaptured([...command, '--config', bomb], {})
    expect(run.code).toBe(EXIT_CODES.usage)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(`${bomb}: (file): ${BOMB_MESSAGE}\n`)
  })

  it('validate: syntax, duplicate keys, tags, an empty file and a list each name the file and exit 2', async () => {
    const cases = [
      ['syntax.yaml', 'salesforce: [x\n', /: \(file\): YAML syntax error at line 2, column 1: /],
      [
        'duplicate.yaml',
        'hubspot: {}\nhubspot: {}\n',
        /: \(file\): YAML syntax error at line 2, column 1: Map keys/,
      ],
      [
        'tag.yaml',
        'hubspot: !!set { a }\n',
        /: \(file\): YAML syntax error at line 1, column 10: tag !!set is not/,
      ],
      ['empty.yaml', '', /: \(file\): the configuration is empty$/],
      ['list.yaml', '- salesforce\n', /: \(file\): expected a mapping of keys$/],
    ] as const
    for (const [name, text, expected] of cases) {
      const file = configFile(name, text)
      const run = await runCaptured(['validate', '--config', file], {})
      expect(run.code, name).toBe(EXIT_CODES.usage)
      const [first] = run.stderr.split('\n')
      expect(first?.startsWith(`${file}: `), name).toBe(true)
      expect(first, name).toMatch(expected)
    }
  })
})
