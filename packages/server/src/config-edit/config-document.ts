// The configuration file as a YAML Document (the `yaml` library's document API): edits go through it so the
// user's comments, key order and quoting stay as written, whichever form the file uses.
import { formatConfigPath } from '@crmsync/core'
import { type Document, isMap, isSeq, parseDocument } from 'yaml'

/** A path in the document, e.g. ['connections', 1, 'mappings', 'contact']. */
export type DocumentPath = readonly (string | number)[]

/** A problem of a console edit, as ConfigSaveResult reports it. */
export interface EditProblem {
  readonly path: string
  readonly message: string
}

export type Located<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: EditProblem }

/** Parses the file's text for editing; a file that does not parse is a problem, not an exception. */
export function parseConfigDocument(text: string): Located<Document> {
  const doc = parseDocument(text)
  const [error] = doc.errors
  if (error !== undefined)
    return { ok: false, problem: { path: '(file)', message: error.message.split('\n')[0] ?? '' } }
  return { ok: true, value: doc }
}

/**
 * Where one connection's keys are: the top level in the single-pair form (whose id is `id:` or "default"),
 * or its item of `connections:`.
 */
export function connectionBase(doc: Document, connectionId: string): Located<DocumentPath> {
  const connections = doc.get('connections', true)
  if (connections === undefined) {
    const id: unknown = doc.get('id')
    const fileId = typeof id === 'string' || typeof id === 'number' ? String(id) : 'default'
    if (fileId === connectionId) return { ok: true, value: [] }
  } else if (isSeq(connections)) {
    const index = connections.items.findIndex(
      (item) => isMap(item) && String(item.get('id')) === connectionId,
    )
    if (index >= 0) return { ok: true, value: ['connections', index] }
  }
  return {
    ok: false,
    problem: { path: 'connections', message: `connection ${connectionId} not found in the file` },
  }
}

/** `connections[1].mappings.contact[2]`, the path format of the configuration's problems (the core's). */
export const formatDocumentPath: (path: DocumentPath) => string = formatConfigPath

/** The document as text, long lines left as they are (the library folds at 80 columns by default). */
export function documentText(doc: Document): string {
  return doc.toString({ lineWidth: 0 })
}
