import type { ObjectKind, Side } from './link.js'

/** Which record an error, an audit query or an inbox row is about. */
export interface RecordRef {
  readonly connectionId: string
  readonly objectKind: ObjectKind
  readonly side: Side
  /** The record's id on that side. */
  readonly recordId: string
}
