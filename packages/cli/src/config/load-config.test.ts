import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { ConfigError } from './config-error.js'
import { loadConfig, loadConnection, parseConfigText } from './load-config.js'

const valid = `
salesforce:
  instanceUrl: https://example.my.salesforce.com
  accessToken: \${SALESFORCE_ACCESS_TOKEN}
  apiCallAllocation: \${SF_ALLOCATION:-20000}
hubspot:
  accessToken: \${HUBSPOT_ACCESS_TOKEN}
store: \${CRMSYNC_STORE:-sqlite:./crmsync.db}
settings:
  contacts: { createInSalesforceAs: contact }
mappings:
  contact:
    - { hubspot: favorite_color, salesforce: { Lead: Favorite_Color__c, Contact: Favorite_Color__c }, rule: two-way }
`
const env = { SALESFORCE_ACCESS_TOKEN: 'sf-secret', HUBSPOT_ACCESS_TOKEN: 'hs-secret' }

function problems(text: string, environment: Record<string, string> = env): string[] {
  const result = parseConfigText(text, environment)
  if (result.ok) return expect.fail('expected problems')
  return result.issues.map(
    (issue) => `${issue.line ?? '-'} ${issue.code} ${issue.path.join('.')}: ${issue.message}`,
  )
}

describe('parseConfigText', () => {
  it('substitutes the environment, then validates and fills defaults', () => {
    const result = parseConfigText(valid, env)
    if (!result.ok) return expect.fail(JSON.stringify(result.issues))
    const [connection] = result.config.connections
    expect(connection?.salesforce.accessToken).toBe('sf-secret')
    expect(connection?.salesforce.apiCallAllocation).toBe(20000)
    expect(connection?.hubspot.accessToken).toBe('hs-secret')
    expect(connection?.store.kind).toBe('sqlite')
    expect(connection?.settings.contacts.createInSalesforceAs).toBe('contact')
    expect(connection?.mappings.contact[0]?.rule).toBe('two-way')
  })

  it('reports a missing variable once, naming it and where it was used, beside the other problems', () => {
    expect(problems(valid.replace('rule: two-way', 'rule: both'), { HUBSPOT_ACCESS_TOKEN: 'h' })).toEqual([
      '4 env-missing salesforce.accessToken: environment variable SALESFORCE_ACCESS_TOKEN is not set',
      '13 invalid mappings.contact.0.rule: must be one of two-way, prefer-salesforce, always-salesforce, none',
    ])
  })

  it('reports a YAML syntax error with its line and column and validates nothing else', () => {
    expect(problems('salesforce:\n  instanceUrl: [https://x\nhubspot: 1\n')).toEqual([
      expect.stringMatching(/^- yaml-syntax : YAML syntax error at line 3, column 1: /),
    ])
    expect(problems('hubspot: {}\nhubspot: {}\n')).toEqual([
      '- yaml-syntax : YAML syntax error at line 2, column 1: Map keys must be unique',
    ])
  })

  it('reports an alias bomb as a problem instead of expanding it (a "billion laughs" file)', () => {
    expect(problems(aliasBomb())).toEqual([
      '- yaml-syntax : YAML syntax error: the aliases expand to more than 100 copies (a "billion laughs" ' +
        'file?): use fewer aliases or write the values out',
    ])
  })

  it('refuses tags, keys that are not names, dangling and circular aliases, bad merges, each with its line', () => {
    expect(problems('hubspot: !!binary aGVsbG8=\nstore: !vault secret/crm\n')).toEqual([
      '- yaml-syntax : YAML syntax error at line 1, column 10: tag !!binary is not supported: write plain ' +
        'strings, numbers, booleans, lists and mappings',
      '- yaml-syntax : YAML syntax error at line 2, column 8: tag !vault is not supported: write plain ' +
        'strings, numbers, booleans, lists and mappings',
    ])
    expect(problems('? [salesforce, hubspot]\n: 1\n')).toEqual([
      '- yaml-syntax : YAML syntax error at line 1, column 3: a key must be a plain name, not a list or a mapping',
    ])
    expect(problems('settings: *shared\nx-shared: &shared {}\n')).toEqual([
      '- yaml-syntax : YAML syntax error at line 1, column 11: alias *shared has no anchor &shared before it',
    ])
    expect(problems('settings: &s { contacts: *s }\n')).toEqual([
      '- yaml-syntax : YAML syntax error at line 1, column 26: alias *s is inside the node it names',
    ])
    expect(problems('x-poll: &p 15\nsettings: { <<: *p }\n')).toEqual([
      '- yaml-syntax : YAML syntax error: a merge key (<<) takes a mapping or an alias of one',
    ])
    expect(problems('['.repeat(5000) + ']'.repeat(5000))).toEqual([
      expect.stringMatching(
        /^- yaml-syntax : YAML syntax error at line 1, column \d+: the document nests too deeply$/,
      ),
    ])
  })

  it('reports an empty file, a file of comments and a document that is not a mapping', () => {
    expect(problems('')).toEqual(['- required : the configuration is empty'])
    expect(problems('# nothing yet\n')).toEqual(['- required : the configuration is empty'])
    expect(problems('- salesforce\n- hubspot\n')).toEqual(['- invalid : expected a mapping of keys'])
    expect(problems('crmsync\n')).toEqual(['- invalid : expected a mapping of keys'])
  })

  it('refuses a literal token for a real API but accepts one for a local sandbox', () => {
    const literal = valid.replace('${HUBSPOT_ACCESS_TOKEN}', 'pat-na1-literal')
    expect(problems(literal)).toEqual([
      '7 literal-secret hubspot.accessToken: secrets must come from the environment: write ${NAME} and set NAME ' +
        '(literal values are accepted only for localhost sandboxes)',
    ])
    const sandbox = literal.replace(
      'accessToken: pat-na1-literal',
      'accessToken: x\n  basePath: http://127.0.0.1:4020',
    )
    expect(parseConfigText(sandbox, env).ok).toBe(true)
  })

  it('refuses a secret written as a ${NAME:-default} for a real API, whether NAME is set or not', () => {
    const withDefault = valid.replace('${HUBSPOT_ACCESS_TOKEN}', '${HS_TOKEN:-pat-na1-abc123}')
    const refused =
      '7 literal-secret hubspot.accessToken: secrets must come from the environment: write ${NAME} and set NAME ' +
      '(literal values are accepted only for localhost sandboxes)'
    expect(problems(withDefault)).toEqual([refused])
    expect(problems(withDefault, { ...env, HS_TOKEN: 'pat-from-env' })).toEqual([refused])
    // A default for a local sandbox is fine, as a literal is; an empty default writes no secret.
    const sandbox = withDefault.replace(
      'accessToken: ${HS_TOKEN',
      'basePath: http://localhost:4020\n  accessToken: ${HS_TOKEN',
    )
    expect(parseConfigText(sandbox, env).ok).toBe(true)
    const empty = valid.replace('${HUBSPOT_ACCESS_TOKEN}', '${HS_TOKEN:-}')
    expect(parseConfigText(empty, { ...env, HS_TOKEN: 'pat-from-env' }).ok).toBe(true)
  })

  it('refuses a store password written as a default, and accepts a default without one', () => {
    const store = (text: string) => valid.replace('${CRMSYNC_STORE:-sqlite:./crmsync.db}', text)
    const refused =
      '8 literal-secret store: secrets must come from the environment: write ${NAME} and set NAME ' +
      '(literal values are accepted only for localhost sandboxes)'
    expect(problems(store('postgres://crm:${PGPASSWORD:-hunter2}@db.internal/crm'))).toEqual([refused])
    expect(
      problems(store('${CRMSYNC_STORE:-postgres://crm:hunter2@db.internal/crm}'), {
        ...env,
        CRMSYNC_STORE: 'postgres://crm@db.internal/crm',
      }),
    ).toEqual([refused])
    const fromEnv = { ...env, CRMSYNC_STORE: 'postgres://crm:pw@db.internal/crm', PGPASSWORD: 'pw' }
    expect(parseConfigText(valid, fromEnv).ok).toBe(true)
    expect(parseConfigText(store('postgres://crm:${PGPASSWORD}@${DB:-db.internal}/crm'), fromEnv).ok).toBe(
      true,
    )
  })

  it('lets connections share settings through an x- anchor block and a merge key', () => {
    const connection = (id: string, port: number) => [
      `  - id: ${id}`,
      `    salesforce: { instanceUrl: "http://127.0.0.1:${port}", accessToken: t }`,
      `    hubspot: { accessToken: t, basePath: "http://127.0.0.1:${port + 1}" }`,
    ]
    const text = [
      'x-shared: &shared',
      '  contacts: { createInSalesforceAs: contact }',
      '  capture: { pollSeconds: 60 }',
      'connections:',
      ...connection('emea', 1),
      '    settings: *shared',
      ...connection('us', 3),
      '    settings: { <<: *shared, contacts: { createInHubSpot: false } }',
      '',
    ].join('\n')
    const result = parseConfigText(text, env)
    if (!result.ok) return expect.fail(JSON.stringify(result.issues))
    const [emea, us] = result.config.connections
    expect(emea?.settings.capture.pollSeconds).toBe(60)
    expect(emea?.settings.contacts).toMatchObject({ createInSalesforceAs: 'contact', createInHubSpot: true })
    // A merge key is shallow: the connection's own contacts block replaces the shared one.
    expect(us?.settings.capture.pollSeconds).toBe(60)
    expect(us?.settings.contacts).toMatchObject({ createInSalesforceAs: 'lead', createInHubSpot: false })
  })

  it('lists problems in file order with their lines', () => {
    const text = 'store: mysql://x\nsalesforce: { instanceUrl: ftp://x, accessToken: "${T}" }\nextra: 1\n'
    expect(problems(text, { T: 't' })).toEqual([
      '1 invalid store: unsupported store "mysql://x": use sqlite:PATH (e.g. sqlite:./crmsync.db) or postgres://user@host/db',
      '2 invalid salesforce.instanceUrl: must be an http(s) URL',
      '3 unknown-key extra: unknown key',
      '- required hubspot: is required',
    ])
  })
})

describe('docs/crmsync.example.yaml', () => {
  it('is valid and holds the documented defaults', () => {
    const text = readFileSync(new URL('../../../../docs/crmsync.example.yaml', import.meta.url), 'utf8')
    const result = parseConfigText(text, env)
    if (!result.ok) return expect.fail(JSON.stringify(result.issues))
    const defaults = parseConfigText(
      'salesforce: { instanceUrl: https://example.my.salesforce.com, accessToken: "${SALESFORCE_ACCESS_TOKEN}" }\n' +
        'hubspot: { accessToken: "${HUBSPOT_ACCESS_TOKEN}" }\n',
      env,
    )
    if (!defaults.ok) return expect.fail(JSON.stringify(defaults.issues))
    expect(result.config.connections[0]?.settings).toEqual(defaults.config.connections[0]?.settings)
  })
})

describe('loadConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-config-'))

  it('reads a file and returns the frozen configuration', async () => {
    const file = join(dir, 'ok.yaml')
    writeFileSync(file, valid)
    const config = await loadConfig({ file, env })
    expect(config.connections[0]?.id).toBe('default')
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('throws a ConfigError whose lines read FILE: path: message', async () => {
    const file = join(dir, 'bad.yaml')
    writeFileSync(file, valid.replace('store: ${CRMSYNC_STORE:-sqlite:./crmsync.db}', 'store: redis://x'))
    const error = await loadConfig({ file, env }).catch((err: unknown) => err)
    expect(error).toBeInstanceOf(ConfigError)
    const configError = error as ConfigError
    expect(configError.code).toBe('CONFIG_INVALID')
    expect(configError.lines()).toEqual([
      `${file}: store: unsupported store "redis://x": use sqlite:PATH (e.g. sqlite:./crmsync.db) or postgres://user@host/db (line 8)`,
    ])
  })

  it('reports a file it cannot read', async () => {
    const file = join(dir, 'missing.yaml')
    const error = (await loadConfig({ file, env }).catch((err: unknown) => err)) as ConfigError
    expect(error.lines()[0]).toMatch(new RegExp(`^${file}: \\(file\\): cannot read the file: ENOENT`))
  })
})

describe('loadConnection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-connection-'))
  const file = join(dir, 'two.yaml')
  writeFileSync(file, ['connections:', '  - id: emea', indent(valid), '  - id: us', indent(valid)].join('\n'))

  it('picks the named connection', async () => {
    expect((await loadConnection({ file, env, connection: 'us' })).id).toBe('us')
  })

  it('asks for --connection when the file has several, and names the ids it has', async () => {
    const error = (await loadConnection({ file, env }).catch((err: unknown) => err)) as ConfigError
    expect(error.lines()).toEqual([
      `${file}: connections: the file has several connections (emea, us): choose one with --connection ID`,
    ])
  })
})

/** Nine levels of nine aliases each: 9^9 strings once expanded, a few hundred bytes as text. */
function aliasBomb(): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]']
  for (let level = 1; level < 9; level++) {
    const alias = `*a${level - 1}`
    lines.push(`a${level}: &a${level} [${Array.from({ length: 9 }, () => alias).join(', ')}]`)
  }
  return `${lines.join('\n')}\n`
}

/** Indents a single-pair document so it continues a `- id:` list item. */
function indent(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')
}
