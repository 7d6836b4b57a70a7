import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { EXIT_CODES } from './exit-codes.js'
import { runCli } from './program.js'

/** Runs the program in-process with captured output. */
async function run(argv: string[], env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const code = await runCli({
    argv,
    env,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  })
  return { code, stdout, stderr }
}

const dir = mkdtempSync(join(tmpdir(), 'crmsync-program-'))
const twoConnections = join(dir, 'two.yaml')
writeFileSync(
  twoConnections,
  [
    'connections:',
    '  - id: emea',
    '    salesforce: { instanceUrl: "http://127.0.0.1:1", accessToken: t }',
    '    hubspot: { accessToken: t, basePath: "http://127.0.0.1:2" }',
    '  - id: us',
    '    salesforce: { instanceUrl: "http://127.0.0.1:3", accessToken: t }',
    '    hubspot: { accessToken: t, basePath: "http://127.0.0.1:4" }',
    '',
  ].join('\n'),
)

describe('crmsync program', () => {
  it('validate --connection narrows the summary to that connection', async () => {
    const result = await run(['validate', '--config', twoConnections, '--connection', 'us'])
    expect(result).toMatchObject({ code: EXIT_CODES.ok, stderr: '' })
    expect(result.stdout).toMatch(/^OK .*two\.yaml: 1 connection \(us: /)
  })

  it('validate --connection with an unknown id is a configuration error (exit 2)', async () => {
    const result = await run(['validate', '--config', twoConnections, '--connection', 'apac'])
    expect(result.code).toBe(EXIT_CODES.usage)
    expect(result.stderr).toBe(
      `${twoConnections}: connections: no connection "apac" (the file has: emea, us)\n`,
    )
  })

  it('usage errors exit 2: a missing --config, an unknown command, no command', async () => {
    const missing = await run(['validate'])
    expect(missing.code).toBe(EXIT_CODES.usage)
    expect(missing.stderr).toContain("required option '--config <file>' not specified")
    expect((await run(['sink'])).code).toBe(EXIT_CODES.usage)
    expect((await run([])).code).toBe(EXIT_CODES.usage)
  })

  it('--help prints the commands and exits 0', async () => {
    const result = await run(['--help'])
    expect(result.code).toBe(EXIT_CODES.ok)
    expect(result.stdout).toContain('validate')
    expect(result.stdout).toContain('demo')
  })

  it('demo refuses a bad --poll before starting anything (exit 2)', async () => {
    const result = await run(['demo', '--poll', '0'])
    expect(result.code).toBe(EXIT_CODES.usage)
    expect(result.stderr).toContain('--poll must be a positive number of seconds')
  })
})
