import type { RecordRef } from './record-ref.js'

/**
 * One record that changed on one side and waits to be planned (design.md section 3.4). Several arrivals for
 * the same record coalesce into one row carrying the newest seq.
 */
export type InboxArrival = RecordRef

/** An inbox row as taken for planning. */
export interface InboxRow extends InboxArrival {
  /**
   * The row's sequence number at the time it was read. It increases on every arrival, so deleting
   * `WHERE seq <= seqRead` after commit keeps a change that arrived while the batch was being applied.
   */
  readonly seq: number
}
