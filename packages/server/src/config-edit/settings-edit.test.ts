import { describe, expect, it } from 'vitest'

import { memoryConfigFile } from './config-edit-testing.js'
import { createConfigEditor } from './edit-config-file.js'
import { applySettings, checkSettingsChange } from './settings-edit.js'

function patch(text: string, id: string, changes: unknown) {
  const file = memoryConfigFile(text)
  return createConfigEditor(file)
    .edit(id, (doc, base) => {
      const problems = checkSettingsChange(base, changes)
      if (problems.length > 0) return { ok: false, problems }
      applySettings(doc, base, changes as Record<string, unknown>)
      return { ok: true }
    })
    .then((result) => ({ result, text: file.text }))
}

const MULTI = [
  '# two portals',
  'connections:',
  '  - id: eu',
  '    settings:',
  '      companies: { sync: true } # accounts too',
  '      capture:',
  '        pollSeconds: 30 # gentle on the API',
  '  - id: us',
  '    settings:',
  '',
].join('\n')

describe('the settings editor writes the configuration file (comments and layout kept)', () => {
  it("changes the named connection's keys in place, comments kept, and adds the missing ones", async () => {
    const { result, text } = await patch(MULTI, 'eu', {
      'companies.sync': false,
      'capture.pollSeconds': 60,
      'contacts.inclusionList': null,
      'activities.fromSalesforce': ['task', 'call'],
    })
    expect(result.ok).toBe(true)
    expect(text).toBe(
      MULTI.replace('{ sync: true } # accounts', '{ sync: false } # accounts')
        .replace('pollSeconds: 30', 'pollSeconds: 60')
        .replace(
          '  - id: us',
          '      contacts:\n        inclusionList: null\n      activities:\n        fromSalesforce: [ task, call ]\n  - id: us',
        ),
    )
  })

  it('an empty `settings:` (YAML null) becomes a mapping; the single-pair form edits the top level', async () => {
    const us = await patch(MULTI, 'us', { 'deals.sync': true })
    expect(us.text).toBe(`${MULTI}      deals:\n        sync: true\n`)
    const single = await patch('store: "sqlite:x.db"\n', 'default', {
      'contacts.createInSalesforceAs': 'contact',
    })
    expect(single.text).toBe(
      'store: "sqlite:x.db"\nsettings:\n  contacts:\n    createInSalesforceAs: contact\n',
    )
  })

  it('keys the console does not edit and values that are not plain data are refused; nothing is written', async () => {
    const { result, text } = await patch(MULTI, 'eu', {
      'capture.webhooks': { path: '/x' },
      'companies.sync': { on: true },
    })
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual([
      'connections[0].settings.capture.webhooks',
      'connections[0].settings.companies.sync',
    ])
    expect(text).toBe(MULTI)
    const none = await patch(MULTI, 'eu', {})
    expect(none.result).toEqual({
      ok: false,
      problems: [{ path: 'connections[0].settings', message: 'no change to save' }],
    })
  })

  it('a section merged from an anchor is not rewritten behind the user: the edit is refused', async () => {
    const anchored = [
      'x-shared: &shared',
      '  companies: { sync: true, inclusionList: "12" }',
      'settings:',
      '  <<: *shared',
      '',
    ].join('\n')
    const { result, text } = await patch(anchored, 'default', { 'companies.sync': false })
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          path: '(file)',
          message:
            'the console cannot edit this file: settings.companies comes from a merge key (<<): edit the file by hand',
        },
      ],
    })
    expect(text).toBe(anchored)
  })
})

describe('the config editor', () => {
  it('runs two saves at once one after the other: the second reads what the first wrote', async () => {
    const file = memoryConfigFile(MULTI)
    const editor = createConfigEditor(file)
    const set = (changes: Record<string, unknown>) =>
      editor.edit('eu', (doc, base) => {
        applySettings(doc, base, changes)
        return { ok: true }
      })
    const results = await Promise.all([set({ 'capture.pollSeconds': 60 }), set({ 'companies.sync': false })])
    expect(results.map((r) => r.ok)).toEqual([true, true])
    expect(file.text).toContain('pollSeconds: 60 # gentle on the API')
    expect(file.text).toContain('{ sync: false } # accounts too')
  })
})
