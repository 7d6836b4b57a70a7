import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'

import { describe, expect, it } from 'vitest'

import { buildProgram } from './program.js'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const main = fileURLToPath(new URL('./main.ts', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'crmsync-lazy-'))

// A module-resolution hook (node:module register) that appends every module the CLI process resolves to a
// file. It is registered after tsx, so it runs first in the chain and sees the final URL of each import.
const hooks = join(dir, 'record-hooks.mjs')
writeFileSync(
  hooks,
  [
    "import { appendFileSync } from 'node:fs'",
    'let out',
    'export function initialize(data) { out = data.out }',
    'export async function resolve(specifier, context, next) {',
    '  const result = await next(specifier, context)',
    "  appendFileSync(out, result.url + '\\n')",
    '  return result',
    '}',
  ].join('\n'),
)
const registerHooks = join(dir, 'register-hooks.mjs')
writeFileSync(
  registerHooks,
  [
    "import { register } from 'node:module'",
    `register(${JSON.stringify(pathToFileURL(hooks).href)}, { data: { out: process.env.CRMSYNC_TEST_LOADS } })`,
  ].join('\n'),
)

const config = join(dir, 'crmsync.yaml')
writeFileSync(
  config,
  [
    'connections:',
    '  - id: lazy',
    '    salesforce: { instanceUrl: "http://127.0.0.1:1", accessToken: t }',
    '    hubspot: { accessToken: t, basePath: "http://127.0.0.1:2" }',
    `    store: "sqlite:${join(dir, 'state.db')}"`,
    '',
  ].join('\n'),
)

/** Runs the real CLI entry in a fresh process; returns its stdout and every module URL it resolved. */
async function loadsOf(name: string, argv: string[]): Promise<{ stdout: string; urls: string[] }> {
  const out = join(dir, `${name}.loads`)
  writeFileSync(out, '')
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--import', pathToFileURL(registerHooks).href, main, ...argv],
    { cwd: repoRoot, env: { ...process.env, CRMSYNC_TEST_LOADS: out } },
  )
  return { stdout, urls: readFileSync(out, 'utf8').split('\n').filter(Boolean) }
}

// What makes a command slow to start (seconds of CPU): only the commands that use them may load them.
const HEAVY = [
  '/packages/engine/',
  '/packages/store/',
  '/packages/hubspot/',
  '/packages/salesforce/',
  '/packages/hubspot-sandbox/',
  '/packages/salesforce-sandbox/',
  '/node_modules/jsforce/',
  '/node_modules/@hubspot/api-client/',
  '/node_modules/kysely/',
  '/node_modules/better-sqlite3/',
]
const sink = { write: () => true }
const heavy = (urls: string[]) => urls.filter((url) => HEAVY.some((part) => url.includes(part)))

describe('crmsync starts fast: a command loads the engine, connectors, store and sandboxes only when it runs', () => {
  it('validate loads the config code and core, and none of the heavy packages', async () => {
    const { stdout, urls } = await loadsOf('validate', ['validate', '--config', config])
    expect(stdout).toMatch(/^OK .*crmsync\.yaml: 1 connection \(lazy: /)
    // The hook saw the run: the command's own module and the core were resolved.
    expect(urls.some((url) => url.endsWith('/packages/cli/src/commands/validate.ts'))).toBe(true)
    expect(urls.some((url) => url.includes('/packages/core/src/'))).toBe(true)
    expect(heavy(urls)).toEqual([])
  }, 30_000)

  it('--help lists every command without loading any heavy package', async () => {
    const { stdout, urls } = await loadsOf('help', ['--help'])
    const commands = buildProgram({ argv: [], env: {}, stdout: sink, stderr: sink }).program.commands
    expect(commands.length).toBeGreaterThanOrEqual(10)
    for (const command of commands) expect(stdout).toMatch(new RegExp(`^  ${command.name()}\\b`, 'm'))
    expect(heavy(urls)).toEqual([])
  }, 30_000)

  it('a command that needs the store loads it when it runs (the check above can see a heavy load)', async () => {
    const { stdout, urls } = await loadsOf('errors', ['errors', '--config', config])
    expect(stdout).toMatch(/^0 open error\(s\)/)
    expect(heavy(urls).some((url) => url.includes('/packages/store/'))).toBe(true)
    expect(heavy(urls).filter((url) => url.includes('/packages/engine/'))).toEqual([])
  }, 30_000)
})
