import type { Side } from './link.js'

/**
 * A capture watermark (design.md section 3.4). Opaque to the store: the connector decides what the value
 * means (a SystemModstamp, a HubSpot modified-date window plus last id, a CDC replay id).
 */
export interface Cursor {
  readonly connectionId: string
  readonly side: Side
  /**
   * What the cursor follows: usually an object kind or a Salesforce type (`Lead`, `Contact`), but capture may
   * keep several per kind (e.g. `Lead:deleted` for the queryAll pass).
   */
  readonly stream: string
  readonly value: string
  /** Epoch ms of the last advance. */
  readonly updatedAt: number
}
