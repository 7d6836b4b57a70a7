import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

import { addMappingsToFile, mappingsYaml } from './doctor-fix-config.js'

const dir = mkdtempSync(join(tmpdir(), 'crmsync-fix-config-'))

describe('doctor --fix writes mappings into the config file (B-INST-11)', () => {
  it('B-INST-11: appends to the right connection of a list, keeping comments and the other keys as written', async () => {
    const file = join(dir, 'list.yaml')
    const text = [
      '# the team config',
      'connections:',
      '  - id: eu # Europe',
      '    salesforce: { instanceUrl: "https://eu.example.com", accessToken: "${SF}" }',
      '    mappings:',
      '      company:',
      '        - hubspot: region # kept',
      '          salesforce: Region__c',
      '  - id: us',
      '    mappings:',
      '      contact:',
      '',
    ].join('\n')
    writeFileSync(file, text)
    const result = await addMappingsToFile(file, 'eu', [
      { kind: 'company', hubspot: 'tier', salesforce: { Account: 'Tier__c' } },
      { kind: 'contact', hubspot: 'shoe_size', salesforce: { Lead: 'Shoe__c', Contact: 'Shoe__c' } },
      { kind: 'contact', hubspot: 'badge', salesforce: { Contact: 'Badge__c' } },
    ])
    expect(result).toEqual({ ok: true })
    const written = readFileSync(file, 'utf8')
    expect(written).toContain('# the team config')
    expect(written).toContain('- id: eu # Europe')
    expect(written).toContain('- hubspot: region # kept')
    expect(written).toContain('accessToken: "${SF}"')
    const parsed = parse(written) as { connections: { id: string; mappings: Record<string, unknown> }[] }
    expect(parsed.connections[0]?.mappings).toEqual({
      company: [
        { hubspot: 'region', salesforce: 'Region__c' },
        { hubspot: 'tier', salesforce: 'Tier__c' },
      ],
      contact: [
        { hubspot: 'shoe_size', salesforce: 'Shoe__c' },
        { hubspot: 'badge', salesforce: { Contact: 'Badge__c' } },
      ],
    })
    expect(parsed.connections[1]?.mappings).toEqual({ contact: null })
  })

  it('B-INST-11: a single-connection file gets mappings at the top level', async () => {
    const file = join(dir, 'single.yaml')
    writeFileSync(file, 'salesforce: { instanceUrl: "https://x.example.com" }\n')
    expect(
      await addMappingsToFile(file, 'default', [
        { kind: 'deal', hubspot: 'region', salesforce: { Opportunity: 'Region__c' } },
      ]),
    ).toEqual({ ok: true })
    expect(parse(readFileSync(file, 'utf8'))).toEqual({
      salesforce: { instanceUrl: 'https://x.example.com' },
      mappings: { deal: [{ hubspot: 'region', salesforce: 'Region__c' }] },
    })
  })

  it('B-INST-11: a file that cannot be written (here a directory) gives the YAML to add instead, and loses nothing', async () => {
    const result = await addMappingsToFile(dir, 'default', [
      { kind: 'company', hubspot: 'tier', salesforce: { Account: 'Tier__c' } },
    ])
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.reason).toMatch(/EISDIR|directory/)
    expect(parse(result.yaml)).toEqual({
      mappings: { company: [{ hubspot: 'tier', salesforce: 'Tier__c' }] },
    })
    expect(mappingsYaml([])).toBe('mappings: {}\n')
  })

  it('B-INST-11: a connection id not in the file is refused with the YAML to add', async () => {
    const file = join(dir, 'other.yaml')
    writeFileSync(file, 'connections:\n  - id: a\n')
    const result = await addMappingsToFile(file, 'b', [
      { kind: 'company', hubspot: 't', salesforce: { Account: 'T__c' } },
    ])
    expect(result).toMatchObject({ ok: false, reason: 'connection b not found in the file' })
    expect(readFileSync(file, 'utf8')).toBe('connections:\n  - id: a\n')
  })
})
