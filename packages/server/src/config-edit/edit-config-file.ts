import type { Document } from 'yaml'

import type { ConfigSaveResult } from '../api-types.js'
import type { ConfigFileAccess } from '../server-deps.js'
import {
  connectionBase,
  type DocumentPath,
  documentText,
  type EditProblem,
  parseConfigDocument,
} from './config-document.js'

/** What an edit of the document decided: go on and save, or refuse with problems (nothing is written). */
export type EditOutcome =
  { readonly ok: true } | { readonly ok: false; readonly problems: readonly EditProblem[] }

/** The console's editor of one configuration file. */
export interface ConfigEditor {
  /**
   * One edit: reads the file, lets `edit` change the connection's part of the document, and hands the new text
   * to the file's `save`, which validates the whole file with the schema every command uses and writes it.
   */
  edit(
    connectionId: string,
    edit: (doc: Document, base: DocumentPath) => EditOutcome | Promise<EditOutcome>,
  ): Promise<ConfigSaveResult>
}

/**
 * The editor of `access`'s file. Its edits run one at a time, each reading what the last one wrote, so two
 * browsers saving at once never write over each other's change. One per server: the queue is its state.
 */
export function createConfigEditor(access: ConfigFileAccess): ConfigEditor {
  let last: Promise<unknown> = Promise.resolve()
  return {
    edit(connectionId, edit) {
      const run = last.then(() => editOnce(access, connectionId, edit))
      last = run.catch(() => undefined)
      return run
    },
  }
}

async function editOnce(
  access: ConfigFileAccess,
  connectionId: string,
  edit: (doc: Document, base: DocumentPath) => EditOutcome | Promise<EditOutcome>,
): Promise<ConfigSaveResult> {
  const parsed = parseConfigDocument(await access.read())
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] }
  const doc = parsed.value
  const base = connectionBase(doc, connectionId)
  if (!base.ok) return { ok: false, problems: [base.problem] }
  let outcome: EditOutcome
  try {
    outcome = await edit(doc, base.value)
  } catch (err) {
    // The document API refuses some shapes (an alias where a mapping is edited): say so, write nothing.
    const message = err instanceof Error ? err.message : String(err)
    return {
      ok: false,
      problems: [{ path: '(file)', message: `the console cannot edit this file: ${message}` }],
    }
  }
  if (!outcome.ok) return { ok: false, problems: outcome.problems }
  return access.save(documentText(doc))
}
