import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { multiConnectionFileSchema, singleConnectionFileSchema } from './connection-schema.js'
import { listSchemaKeys } from './schema-keys.js'

// docs/configuration.md must describe every key the schema accepts (style guide item 7).
const docs = readFileSync(new URL('../../../../docs/configuration.md', import.meta.url), 'utf8')
const keys = [...listSchemaKeys(singleConnectionFileSchema), ...listSchemaKeys(multiConnectionFileSchema)]

describe('configuration schema and docs/configuration.md', () => {
  it('finds the keys of the schema', () => {
    expect(keys.map((key) => key.path)).toEqual(
      expect.arrayContaining([
        'salesforce.oauth.privateKey',
        'settings.capture.pollSeconds',
        'mappings.deal[].rule',
      ]),
    )
  })

  it('has a description on every key', () => {
    expect(keys.filter((key) => key.description === undefined).map((key) => key.path)).toEqual([])
  })

  it('documents every key as `path` in docs/configuration.md (a connection in the list has the same keys)', () => {
    const documented = keys.filter(
      (key) => !key.path.startsWith('connections[].') || key.path === 'connections[].id',
    )
    expect(documented.filter((key) => !docs.includes(`\`${key.path}\``)).map((key) => key.path)).toEqual([])
  })
})
