// In-memory stand-ins for the tests of the config editor: a ConfigFileAccess over a string and a type reader
// over fixed descriptions. Not exported by the package.
import type { HubSpotFieldType, SalesforceFieldType } from '@crmsync/core'

import type { ConfigSaveResult } from '../api-types.js'
import type { ConfigFileAccess } from '../server-deps.js'
import type { ReadFieldTypes } from './field-types.js'

/** A file held in memory: save() keeps the text (no schema: the CLI's access validates, tested there). */
export function memoryConfigFile(text: string): ConfigFileAccess & { text: string } {
  const file = {
    path: 'crmsync.yaml',
    text,
    read: () => Promise.resolve(file.text),
    writable: () => Promise.resolve(true),
    save: (next: string): Promise<ConfigSaveResult> => {
      file.text = next
      return Promise.resolve({ ok: true, written: true, file: 'crmsync.yaml' })
    },
  }
  return file
}

/** Types as fixed tables: HubSpot property -> type, `Type.Field` -> Salesforce type. */
export function fixedFieldTypes(
  hubspot: Readonly<Record<string, HubSpotFieldType>>,
  salesforce: Readonly<Record<string, SalesforceFieldType>>,
): ReadFieldTypes {
  return (kind, property, fields) => {
    const hs = hubspot[property]
    return Promise.resolve({
      ok: true,
      hubspot:
        hs === undefined ? { problem: `"${property}" is not a HubSpot ${kind} property` } : { type: hs },
      salesforce: Object.fromEntries(
        Object.entries(fields).map(([type, field]) => {
          const sf = salesforce[`${type}.${field}`]
          return [type, sf === undefined ? { problem: `${type}.${field} is missing` } : { type: sf }]
        }),
      ),
    })
  }
}
