import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { Connection } from '@crmsync/core'
import { describe, expect, it } from 'vitest'

import { parseConfigText } from '../config/load-config.js'
import { createConfigFileAccess } from './config-file-access.js'

const dir = mkdtempSync(join(tmpdir(), 'crmsync-config-access-'))
const env = { SF_TOKEN: 'sf-token', HS_TOKEN: 'hs-token' }

const TEXT = [
  '# the EU pair',
  'salesforce:',
  '  instanceUrl: "https://eu.my.salesforce.com" # production',
  '  accessToken: ${SF_TOKEN}',
  'hubspot: { accessToken: "${HS_TOKEN}" }',
  `store: "sqlite:${join(dir, 'state.db')}"`,
  'mappings:',
  '  contact:',
  '    - hubspot: jobtitle',
  '      salesforce: Title',
  '      rule: two-way',
  '',
].join('\n')

function loaded(text: string): readonly Connection[] {
  const result = parseConfigText(text, env)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.config.connections
}

function setUp(name: string, mode = 0o640, withConsole = false) {
  const file = join(dir, name)
  writeFileSync(file, TEXT)
  chmodSync(file, mode)
  const saved: (readonly Connection[])[] = []
  const access = createConfigFileAccess({
    file,
    env,
    connections: loaded(TEXT),
    ...(withConsole ? { console: { port: 8080, host: '127.0.0.1' } } : {}),
    onSaved: (connections) => void saved.push(connections),
  })
  return { file, access, saved }
}

describe('createConfigFileAccess: the console saves the configuration file', () => {
  it('a valid text is written in place of the file (its mode kept) and the new connections are handed on', async () => {
    const { file, access, saved } = setUp('valid.yaml')
    const next = TEXT.replace('rule: two-way', 'rule: none')
    expect(await access.writable()).toBe(true)
    expect(await access.save(next)).toEqual({ ok: true, written: true, file })
    expect(readFileSync(file, 'utf8')).toBe(next)
    expect(statSync(file).mode & 0o777).toBe(0o640)
    expect(saved).toHaveLength(1)
    expect(saved[0]?.[0]?.mappings.contact).toEqual([
      { hubspot: 'jobtitle', salesforce: { Lead: 'Title', Contact: 'Title' }, rule: 'none', truncate: false },
    ])
    expect(await access.read()).toBe(next)
  })

  it('an invalid text is refused with each problem at its path, as load-config reports it; the file stays', async () => {
    const { file, access, saved } = setUp('invalid.yaml')
    const next = TEXT.replace('rule: two-way', 'rule: sometimes').replace(
      'mappings:',
      'settings:\n  capture: { pollSeconds: 0 }\nmappings:',
    )
    const result = await access.save(next)
    expect(result.ok).toBe(false)
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual([
      'settings.capture.pollSeconds',
      'mappings.contact[0].rule',
    ])
    expect(result.ok ? '' : result.problems[1]?.message).toMatch(/^must be one of two-way, .* \(line 13\)$/)
    expect(readFileSync(file, 'utf8')).toBe(TEXT)
    expect(saved).toEqual([])
  })

  it('the environment is substituted as for every command: a variable that is not set is a problem', async () => {
    const { access } = setUp('env.yaml')
    const result = await access.save(TEXT.replace('${SF_TOKEN}', '${SF_OTHER_TOKEN}'))
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['salesforce.accessToken'])
  })

  it('a read-only file is not written: the answer carries the YAML to commit, the engines are not told', async () => {
    const { file, access, saved } = setUp('read-only.yaml', 0o444)
    const next = TEXT.replace('rule: two-way', 'rule: none')
    expect(await access.writable()).toBe(false)
    expect(await access.save(next)).toEqual({
      ok: true,
      written: false,
      reason: `${file} is read-only`,
      yaml: next,
    })
    expect(readFileSync(file, 'utf8')).toBe(TEXT)
    expect(saved).toEqual([])
  })

  it('what only a restart can take (instance URL, store, credentials) is refused, naming the key', async () => {
    const { file, access, saved } = setUp('restart.yaml')
    const result = await access.save(
      TEXT.replace('https://eu.my.salesforce.com', 'https://us.my.salesforce.com').replace(
        'state.db',
        'other.db',
      ),
    )
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          path: 'store',
          message: 'store changes take a restart of crmsync run: change it in the file and restart',
        },
        {
          path: 'salesforce',
          message: 'salesforce changes take a restart of crmsync run: change it in the file and restart',
        },
      ],
    })
    expect(readFileSync(file, 'utf8')).toBe(TEXT)
    expect(saved).toEqual([])
  })

  it('with the console block given, a change of its port is refused as well', async () => {
    const { access, saved } = setUp('console.yaml', 0o640, true)
    expect(await access.save(`${TEXT}console: { port: 9090 }\n`)).toEqual({
      ok: false,
      problems: [
        {
          path: 'console',
          message: 'console changes take a restart of crmsync run: change it in the file and restart',
        },
      ],
    })
    expect(await access.save(TEXT.replace('rule: two-way', 'rule: none'))).toMatchObject({
      ok: true,
      written: true,
    })
    expect(saved).toHaveLength(1)
  })
})
