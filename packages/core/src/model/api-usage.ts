import type { Side } from './link.js'

/** API calls made on one side for one connection in one minute (design.md section 3.6). */
export interface ApiUsage {
  readonly connectionId: string
  readonly side: Side
  /** Epoch ms of the start of the minute (a multiple of 60,000). */
  readonly minute: number
  readonly calls: number
}
