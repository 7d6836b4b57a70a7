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

const queues = new WeakMap<ConfigFileAccess, Promise<unknown>>()

/**
 * One console edit of the configuration file: reads the file, lets `edit` change the connection's part of the
 * document, and hands the new text to `access.save`, which validates the whole file with the schema every
 * command uses and writes it. Edits of one file run one at a time, so two browsers saving at once never write
 * over each other's change.
 */
export function editConfigFile(
  access: ConfigFileAccess,
  connectionId: string,
  edit: (doc: Document, base: DocumentPath) => EditOutcome | Promise<EditOutcome>,
): Promise<ConfigSaveResult> {
  const run = (queues.get(access) ?? Promise.resolve()).then(async (): Promise<ConfigSaveResult> => {
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
  })
  queues.set(
    access,
    run.catch(() => undefined),
  )
  return run
}
