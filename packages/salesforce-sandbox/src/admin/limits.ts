// PUT /__sandbox/limits: the org's API limits (B-API-5) and the knobs that make them testable.
import { concurrentLongRunningLimit } from '../api-allocation.js'
import { SfError } from '../errors.js'
import type { SandboxState } from '../state.js'
import { objectBody } from './input.js'

const NUMBER_KEYS = [
  'apiUsed',
  'tokenTtlSeconds',
  'licences',
  'apiAddOnCalls',
  'longRunningMs',
  'queryDelayMs',
]

/** What GET-like answers of the limits show: the daily limit as it now stands and every knob. */
export function limitsView(state: SandboxState) {
  return {
    apiMax: state.apiMax,
    apiUsed: state.apiUsed,
    tokenTtlSeconds: state.tokenTtlSeconds,
    edition: state.org.edition,
    licences: state.licences ?? null,
    apiAddOnCalls: state.apiAddOnCalls,
    longRunningMs: state.longRunningMs,
    concurrentLongRunningLimit: concurrentLongRunningLimit(state.org.edition),
    queryDelayMs: state.queryDelayMs,
  }
}

/**
 * Applies a body of limits; every value is checked before any is applied. `apiMax` sets the daily limit
 * outright, `apiMax: null` goes back to the edition's allocation for the licences (or the default);
 * `licences` without `apiMax` also drops an explicit limit, so the edition decides.
 */
export function applyLimits(state: SandboxState, body: unknown): void {
  const values = objectBody(body, 'limits')
  for (const [key, value] of Object.entries(values)) {
    if (key === 'apiMax' && value === null) continue
    if (key !== 'apiMax' && !NUMBER_KEYS.includes(key))
      throw new SfError(
        400,
        'INVALID_INPUT',
        `unknown limit ${key}; known: apiMax, ${NUMBER_KEYS.join(', ')}`,
      )
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
      throw new SfError(400, 'INVALID_INPUT', `${key} must be a whole number of at least 0`)
  }
  const n = (key: string) => values[key] as number | undefined
  if ('apiMax' in values) state.apiMax = n('apiMax') ?? undefined
  else if (n('licences') !== undefined) state.apiMax = undefined
  if (n('licences') !== undefined) state.licences = n('licences')
  if (n('apiAddOnCalls') !== undefined) state.apiAddOnCalls = n('apiAddOnCalls') ?? 0
  if (n('apiUsed') !== undefined) state.apiUsed = n('apiUsed') ?? 0
  if (n('tokenTtlSeconds') !== undefined) state.tokenTtlSeconds = n('tokenTtlSeconds') ?? 0
  if (n('longRunningMs') !== undefined) state.longRunningMs = n('longRunningMs') ?? 0
  if (n('queryDelayMs') !== undefined) state.queryDelayMs = n('queryDelayMs') ?? 0
}
