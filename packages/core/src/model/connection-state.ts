import type { SyncErrorCode } from '../errors/error-codes.js'
import type { Side } from './link.js'

/**
 * Why a connection is suspended (B-API-4, B-ERR-9, B-ERR-10): the typed reason `crmsync status` shows as
 * `suspended:<reason>`. The retry table (errors/retry-policy.ts) says which error codes suspend, and with
 * which reason; nothing else does.
 */
export const SUSPENSION_REASONS = [
  'api_limit',
  'api_disabled',
  'object_permissions',
  'hubspot_daily_limit',
  'unknown',
] as const

export type SuspensionReason = (typeof SUSPENSION_REASONS)[number]

/** A suspension in force: every write of the connection stops until a probe or `crmsync resume` clears it. */
export interface Suspension {
  /** The side whose error caused it; the whole connection stops either way (a half-synced pair is worse). */
  readonly side: Side
  readonly reason: SuspensionReason
  /** The error code that caused it, e.g. SF_RATE_LIMITED. */
  readonly code: SyncErrorCode
  readonly message: string
  /** Epoch ms it began. */
  readonly since: number
  /** Epoch ms of the last probe, or undefined before the first one. */
  readonly lastProbeAt: number | undefined
}

/**
 * What a person or the engine decided about a connection over time, kept in the store so every process
 * (`crmsync run`, `sync --once`, `status`, `pause`) sees the same thing: the global switch (B-INST-7), a
 * suspension, and a disconnect (B-INST-12).
 */
export interface ConnectionState {
  readonly connectionId: string
  /** Switched off by `crmsync pause` (B-INST-7): nothing is read or written until `crmsync resume`. */
  readonly paused: boolean
  readonly suspension: Suspension | undefined
  /** Epoch ms of `crmsync disconnect`; run and sync refuse until `crmsync resume --reconnect`. */
  readonly disconnectedAt: number | undefined
}

/** The state of a connection nothing was ever decided about: active. */
export function activeConnectionState(connectionId: string): ConnectionState {
  return { connectionId, paused: false, suspension: undefined, disconnectedAt: undefined }
}

/** While suspended, the cause is probed at most this often unless the engine is told otherwise (B-API-4). */
export const DEFAULT_SUSPENSION_PROBE_MS = 5 * 60_000

/** When the next probe is due: `everyMs` after the last probe, or after the suspension began. */
export function nextProbeAt(suspension: Suspension, everyMs: number = DEFAULT_SUSPENSION_PROBE_MS): number {
  return (suspension.lastProbeAt ?? suspension.since) + everyMs
}

/** What `crmsync status` prints first for a connection. */
export type ConnectionStatus = 'active' | 'paused' | 'suspended' | 'disconnected'

/** Disconnected before paused before suspended: the state a person must act on first. */
export function connectionStatusOf(state: ConnectionState): ConnectionStatus {
  if (state.disconnectedAt !== undefined) return 'disconnected'
  if (state.paused) return 'paused'
  if (state.suspension !== undefined) return 'suspended'
  return 'active'
}

/**
 * What a connection tells its admins (B-ERR-11): a suspension entered (exactly once per suspension), a
 * suspension cleared, and the first open error of a code (a new class of error). Logged always, and sent to
 * the configured webhook and e-mail recipients.
 */
export type ConnectionEvent =
  | {
      readonly type: 'suspension_entered'
      readonly connectionId: string
      /** Epoch ms. */
      readonly at: number
      readonly suspension: Suspension
    }
  | {
      readonly type: 'suspension_cleared'
      readonly connectionId: string
      readonly at: number
      readonly reason: SuspensionReason
      /** A probe found the cause gone, or a person ran `crmsync resume`. */
      readonly by: 'probe' | 'resume'
    }
  | {
      readonly type: 'error_class_opened'
      readonly connectionId: string
      readonly at: number
      readonly code: SyncErrorCode
      /** Open errors of this code when it was noticed. */
      readonly errors: number
    }

/** Where connection events go; delivery never blocks or fails the sync. */
export interface ConnectionNotifier {
  notify(event: ConnectionEvent): void
}
