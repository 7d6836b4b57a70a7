import type { Connection } from '@crmsync/core'
import { type Document, isMap, isScalar } from 'yaml'

import type { SettingsView } from '../api-types.js'
import { type DocumentPath, type EditProblem, formatDocumentPath } from './config-document.js'

/**
 * The switches of `settings:` the console edits, as dotted paths under `settings.`. Each is a key the schema
 * supports; a value it does not take (a timeline type not built yet, deals without companies) is refused by
 * the schema when the file is saved, as `crmsync validate` refuses it.
 */
export const EDITABLE_SETTINGS = [
  'contacts.createInSalesforceAs',
  'contacts.createInHubSpot',
  'contacts.inclusionList',
  'contacts.deleteInHubSpotWhenDeletedInSalesforce',
  'companies.sync',
  'companies.inclusionList',
  'deals.sync',
  'activities.toSalesforce',
  'activities.fromSalesforce',
  'lifecycle.automaticTransitions',
  'capture.pollSeconds',
] as const

export type EditableSetting = (typeof EDITABLE_SETTINGS)[number]

function isEditable(key: string): key is EditableSetting {
  return (EDITABLE_SETTINGS as readonly string[]).includes(key)
}

function valueAt(settings: unknown, key: string): unknown {
  let node = settings
  for (const segment of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[segment]
  return node
}

/** `GET /api/connections/:id/settings`: each editable switch as the engine runs it (defaults filled in). */
export function settingsView(connection: Connection, writable: boolean): SettingsView {
  const values = Object.fromEntries(EDITABLE_SETTINGS.map((key) => [key, valueAt(connection.settings, key)]))
  return { values, writable }
}

/** Keys the console does not edit, and values that are not plain data, are refused before the file is touched. */
export function checkSettingsChange(base: DocumentPath, changes: unknown): EditProblem[] {
  const at = (key: string) => formatDocumentPath([...base, 'settings', ...key.split('.')])
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes))
    return [
      {
        path: formatDocumentPath([...base, 'settings']),
        message: 'send { changes: { "companies.sync": true, ... } }',
      },
    ]
  const entries = Object.entries(changes)
  if (entries.length === 0)
    return [{ path: formatDocumentPath([...base, 'settings']), message: 'no change to save' }]
  const problems: EditProblem[] = []
  for (const [key, value] of entries) {
    if (!isEditable(key)) {
      problems.push({
        path: at(key),
        message: `not edited from the console (it edits ${EDITABLE_SETTINGS.join(', ')}): edit the file`,
      })
      continue
    }
    const plain =
      value === null ||
      ['string', 'number', 'boolean'].includes(typeof value) ||
      (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    if (!plain)
      problems.push({
        path: at(key),
        message: 'must be a string, number, boolean, null or a list of strings',
      })
  }
  return problems
}

/**
 * Writes the changes into the connection's `settings:`, keeping each key's node (and its comment) where the
 * key is written already; missing sections are added, an empty one (`settings:` with nothing after it) becomes
 * a mapping. A section that is something else (an alias, a list) is an error: the console does not guess.
 */
export function applySettings(
  doc: Document,
  base: DocumentPath,
  changes: Readonly<Record<string, unknown>>,
): void {
  for (const [key, value] of Object.entries(changes)) {
    const path = [...base, 'settings', ...key.split('.')]
    for (let end = base.length + 1; end < path.length; end++) {
      const prefix = path.slice(0, end)
      const node = doc.getIn(prefix, true)
      if (isMap(node)) continue
      if (node === undefined) {
        // A section merged in from an anchor (`<<: *shared`) would be replaced whole by a written one.
        const parent = doc.getIn(prefix.slice(0, -1), true)
        if (isMap(parent) && parent.has('<<'))
          throw new Error(`${formatDocumentPath(prefix)} comes from a merge key (<<): edit the file by hand`)
        continue
      }
      if (!isScalar(node) || node.value !== null)
        throw new Error(`${formatDocumentPath(prefix)} is not a mapping the console can edit`)
      const map = doc.createNode({})
      if (node.comment !== undefined && node.comment !== null) map.commentBefore = node.comment
      doc.setIn(prefix, map)
    }
    doc.setIn(path, Array.isArray(value) ? doc.createNode(value, { flow: true }) : value)
  }
}
