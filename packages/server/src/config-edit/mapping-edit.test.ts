import { describe, expect, it } from 'vitest'
import { type Document, parse } from 'yaml'

import type { ConfigSaveResult, MappingChange, SyncedKind } from '../api-types.js'
import { checkMappingChange, checkMappingRemoval, type MappingListNow } from './check-mapping-change.js'
import type { DocumentPath } from './config-document.js'
import { fixedFieldTypes, memoryConfigFile } from './config-edit-testing.js'
import { createConfigEditor } from './edit-config-file.js'
import type { ReadFieldTypes } from './field-types.js'
import { fileMappingEntries, removeMappingEntry, setMappingEntry } from './mapping-entries.js'

const SINGLE = `# crmsync for the EU team
salesforce:
  instanceUrl: "https://eu.my.salesforce.com" # production
  accessToken: \${SF_TOKEN}
hubspot: { accessToken: "\${HS_TOKEN}" }
settings:
  companies: { sync: true } # accounts too
mappings:
  contact:
    # a long comment that must survive: it is longer than eighty characters so a folding writer would break it
    - hubspot: shoe_size # ours
      salesforce: Shoe_Size__c
      rule: two-way
  company:
    - hubspot: tier
      salesforce: { Account: Tier__c }
`

const types = fixedFieldTypes(
  { shoe_size: 'number', score: 'number', since: 'date', csm: 'user', badge: 'text', jobtitle2: 'text' },
  {
    'Lead.Score__c': 'string',
    'Contact.Score__c': 'string',
    'Lead.Since__c': 'datetime',
    'Contact.Since__c': 'datetime',
    'Lead.Csm__c': 'reference',
    'Contact.Badge__c': 'string',
    'Lead.Title': 'string',
    'Contact.Title': 'string',
    'Lead.Shoe_Size__c': 'double',
    'Contact.Shoe_Size__c': 'double',
  },
)

/** The route's edit: check against the file, then write (as mapping-routes.ts does). */
function putMapping(
  text: string,
  id: string,
  kind: SyncedKind,
  change: MappingChange,
  read: ReadFieldTypes = types,
) {
  const file = memoryConfigFile(text)
  const result = createConfigEditor(file).edit(id, async (doc, base) => {
    const checked = await checkMappingChange(listNow(doc, base, kind), change, read)
    if (!checked.ok) return checked
    setMappingEntry(doc, base, kind, checked, checked.fieldsForNew)
    return { ok: true }
  })
  return result.then((r) => ({ result: r, text: file.text }))
}

function deleteMapping(text: string, id: string, kind: SyncedKind, hubspot: string) {
  const file = memoryConfigFile(text)
  const result = createConfigEditor(file).edit(id, (doc, base) => {
    const problem = checkMappingRemoval(listNow(doc, base, kind), hubspot)
    if (problem !== undefined) return { ok: false, problems: [problem] }
    removeMappingEntry(doc, base, kind, hubspot)
    return { ok: true }
  })
  return result.then((r) => ({ result: r, text: file.text }))
}

function listNow(doc: Document, base: DocumentPath, kind: SyncedKind): MappingListNow {
  const list = doc.getIn([...base, 'mappings', kind]) as { items?: unknown[] } | undefined
  return { kind, base, entries: fileMappingEntries(doc, base, kind), length: list?.items?.length ?? 0 }
}

const refused = (result: ConfigSaveResult) => (result.ok ? [] : result.problems)

describe('the mapping editor writes the configuration file (comments and layout kept)', () => {
  it("a default's rule change appends one entry and leaves every other line as written (single-pair form)", async () => {
    const { result, text } = await putMapping(SINGLE, 'default', 'contact', {
      hubspot: 'jobtitle',
      salesforce: 'Title',
      rule: 'none',
    })
    expect(result).toEqual({ ok: true, written: true, file: 'crmsync.yaml' })
    expect(text).toBe(
      SINGLE.replace(
        '      rule: two-way\n',
        '      rule: two-way\n    - hubspot: jobtitle\n      salesforce: Title\n      rule: none\n',
      ),
    )
  })

  it('a rule change of a listed entry changes that one line, keeping its comment', async () => {
    const { text } = await putMapping(SINGLE, 'default', 'contact', {
      hubspot: 'shoe_size',
      salesforce: 'Shoe_Size__c',
      rule: 'prefer-salesforce',
    })
    expect(text).toBe(SINGLE.replace('rule: two-way', 'rule: prefer-salesforce'))
  })

  it('the connections form: only the named connection changes; a null list keeps its comment', async () => {
    const multi = [
      'connections:',
      '  - id: eu # Europe',
      '    mappings:',
      '      contact:',
      '        - { hubspot: shoe_size, salesforce: Shoe_Size__c }',
      '  - id: us',
      '    mappings:',
      '      contact:',
      '        # add or override entries here',
      '',
    ].join('\n')
    const { text } = await putMapping(multi, 'us', 'contact', {
      hubspot: 'badge',
      salesforce: { Contact: 'Badge__c' },
      rule: 'two-way',
    })
    expect(text).toBe(
      multi.replace(
        '        # add or override entries here\n',
        '        # add or override entries here\n        - hubspot: badge\n          salesforce: { Contact: Badge__c }\n          rule: two-way\n',
      ),
    )
    const parsed = parse(text) as { connections: { mappings: { contact: unknown[] } }[] }
    expect(parsed.connections[0]?.mappings.contact).toEqual([
      { hubspot: 'shoe_size', salesforce: 'Shoe_Size__c' },
    ])
    expect(parsed.connections[1]?.mappings.contact).toEqual([
      { hubspot: 'badge', salesforce: { Contact: 'Badge__c' }, rule: 'two-way' },
    ])
  })

  it('an unknown connection id is refused and nothing is written', async () => {
    const { result, text } = await putMapping(SINGLE, 'emea', 'contact', {
      hubspot: 'jobtitle',
      salesforce: 'Title',
      rule: 'none',
    })
    expect(refused(result)).toEqual([
      { path: 'connections', message: 'connection emea not found in the file' },
    ])
    expect(text).toBe(SINGLE)
  })

  it('removing an extra mapping removes its entry and nothing else', async () => {
    const { result, text } = await deleteMapping(SINGLE, 'default', 'company', 'tier')
    expect(result.ok).toBe(true)
    // The last entry gone, the list stays, empty.
    expect(text).toBe(
      SINGLE.replace(
        '  company:\n    - hubspot: tier\n      salesforce: { Account: Tier__c }\n',
        '  company: []\n',
      ),
    )
  })
})

describe('the mapping editor refuses what the mapping rules refuse, writing nothing', () => {
  it('B-MAP-9: a default mapping cannot be removed', async () => {
    const { result, text } = await deleteMapping(SINGLE, 'default', 'contact', 'email')
    expect(refused(result)).toEqual([
      {
        path: 'mappings.contact[1]',
        message: '"email" is a default mapping and cannot be deleted; set its rule to none instead',
      },
    ])
    expect(text).toBe(SINGLE)
  })

  it("B-MAP-9: a default's fields cannot change, only its rule; a locked default not even that (B-OWN-12, B-OPT-1)", async () => {
    const moved = await putMapping(SINGLE, 'default', 'contact', {
      hubspot: 'jobtitle',
      salesforce: 'Department',
      rule: 'two-way',
    })
    expect(refused(moved.result)).toEqual([
      {
        path: 'mappings.contact[1].salesforce',
        message:
          '"jobtitle" is a default mapping: only its rule can change; its fields stay Lead.Title, Contact.Title',
      },
    ])
    const owner = await putMapping(SINGLE, 'default', 'contact', {
      hubspot: 'hubspot_owner_id',
      salesforce: 'OwnerId',
      rule: 'two-way',
    })
    expect(refused(owner.result)).toEqual([
      {
        path: 'mappings.contact[1]',
        message: '"hubspot_owner_id" is a locked mapping; its rule cannot change',
      },
    ])
    expect(owner.text).toBe(SINGLE)
  })

  it('B-MAP-5: number <-> string is a type mismatch; date picker <-> datetime is accepted', async () => {
    const score = await putMapping(SINGLE, 'default', 'contact', {
      hubspot: 'score',
      salesforce: 'Score__c',
      rule: 'two-way',
    })
    expect(refused(score.result)).toEqual([
      { path: 'mappings.contact[1]', message: 'type mismatch: number cannot map to string' },
    ])
    const since = await putMapping(SINGLE, 'default', 'contact', {
      hubspot: 'since',
      salesforce: 'Since__c',
      rule: 'two-way',
    })
    expect(since.result.ok).toBe(true)
    expect(since.text).toContain('- hubspot: since\n      salesforce: Since__c\n      rule: two-way\n')
  })

  it('B-MAP-6: a field another mapping uses is "already mapped" (a default\'s or an extra one\'s)', async () => {
    const title = await putMapping(SINGLE, 'default', 'contact', {
      hubspot: 'jobtitle2',
      salesforce: 'Title',
      rule: 'two-way',
    })
    expect(refused(title.result)).toEqual([
      { path: 'mappings.contact[1].salesforce.Lead', message: 'Lead.Title is already mapped to "jobtitle"' },
      {
        path: 'mappings.contact[1].salesforce.Contact',
        message: 'Contact.Title is already mapped to "jobtitle"',
      },
    ])
    const shoe = await putMapping(SINGLE, 'default', 'contact', {
      hubspot: 'badge',
      salesforce: 'Shoe_Size__c',
      rule: 'two-way',
    })
    expect(refused(shoe.result).map((p) => p.message)).toContain(
      'Lead.Shoe_Size__c is already mapped to "shoe_size"',
    )
  })

  it('B-MAP-7: a HubSpot user property cannot be mapped', async () => {
    const { result } = await putMapping(SINGLE, 'default', 'contact', {
      hubspot: 'csm',
      salesforce: { Lead: 'Csm__c' },
      rule: 'two-way',
    })
    expect(refused(result)).toEqual([
      {
        path: 'mappings.contact[1].hubspot',
        message: '"csm" is a HubSpot user property, which cannot be mapped',
      },
    ])
  })

  it('when the types cannot be read the pair is not guessed: the change is refused, saying why', async () => {
    const unreadable: ReadFieldTypes = () =>
      Promise.resolve({ ok: false, reason: 'this process has no connection to the CRMs' })
    const { result, text } = await putMapping(
      SINGLE,
      'default',
      'contact',
      { hubspot: 'since', salesforce: 'Since__c', rule: 'two-way' },
      unreadable,
    )
    expect(refused(result)).toEqual([
      {
        path: 'mappings.contact[1]',
        message:
          'the field types cannot be checked (B-MAP-5): this process has no connection to the CRMs; try again when both CRMs answer',
      },
    ])
    expect(text).toBe(SINGLE)
    // A rule change of a listed mapping needs no types.
    const rule = await putMapping(
      SINGLE,
      'default',
      'contact',
      { hubspot: 'shoe_size', salesforce: 'Shoe_Size__c', rule: 'none' },
      unreadable,
    )
    expect(rule.result.ok).toBe(true)
  })

  it('an unknown or locked rule is refused at its path', async () => {
    const { result } = await putMapping(SINGLE, 'default', 'contact', {
      hubspot: 'jobtitle',
      salesforce: 'Title',
      rule: 'owner',
    })
    expect(refused(result)).toEqual([
      {
        path: 'mappings.contact[1].rule',
        message: 'rule "owner" is locked: crmsync applies it to its own fixed mapping only',
      },
    ])
  })
})
