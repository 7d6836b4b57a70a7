/** The connection's settings as they were at a point in time, so a later change can be explained. */
export interface SettingsSnapshot {
  readonly connectionId: string
  /** Epoch ms. */
  readonly takenAt: number
  /** The settings serialised as JSON text; the store does not look inside. */
  readonly json: string
}
