// In-memory stand-ins for the tests of the config editor: a ConfigFileAccess over a string and a type reader
// over fixed descriptions. Not exported by the package.
import {
  type Connection,
  formatConfigPath,
  type HubSpotFieldType,
  parseConfig,
  type SalesforceFieldType,
} from '@crmsync/core'
import { parse } from 'yaml'

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

/**
 * A file held in memory whose save validates with the core's schema (the CLI's access adds `${NAME}`
 * substitution, tested there) and hands the new connection on, as `crmsync run`'s onSaved does.
 */
export function validatingConfigFile(
  text: string,
  onSaved: (connection: Connection) => void,
  options: { readonly writable?: boolean } = {},
): ConfigFileAccess & { text: string } {
  const writable = options.writable ?? true
  const file = {
    path: 'crmsync.yaml',
    text,
    read: () => Promise.resolve(file.text),
    writable: () => Promise.resolve(writable),
    save: (next: string): Promise<ConfigSaveResult> => {
      const parsed = parseConfig(parse(next))
      if (!parsed.ok)
        return Promise.resolve({
          ok: false,
          problems: parsed.issues.map((i) => ({ path: formatConfigPath(i.path), message: i.message })),
        })
      if (!writable)
        return Promise.resolve({ ok: true, written: false, reason: 'crmsync.yaml is read-only', yaml: next })
      file.text = next
      onSaved(parsed.config.connections[0]!)
      return Promise.resolve({ ok: true, written: true, file: 'crmsync.yaml' })
    },
  }
  return file
}

/** The connection a config text describes (its only one). */
export function connectionOf(text: string): Connection {
  const parsed = parseConfig(parse(text))
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  return parsed.config.connections[0]!
}
