import { ERROR_CODES, SyncError, type SyncErrorCode } from '@crmsync/core'

/** The parts of the client's ApiException we read (duck-typed: each codegen module has its own class). */
export interface HubSpotFailure {
  /** HTTP status; 0 when no response came back. */
  readonly status: number
  readonly body: Readonly<Record<string, unknown>>
  readonly headers: Readonly<Record<string, string>>
  readonly message: string
}

/** One invalid property of a rejected write (api-surface 8.5). */
export interface PropertyProblem {
  readonly name: string
  readonly code: string
  readonly message: string
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A body field as text; anything that is not a string or number reads as empty. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''
}

/** Reads status, body and headers off anything the client throws; a plain Error is a network failure. */
export function toFailure(err: unknown): HubSpotFailure {
  if (isRecord(err) && typeof err['code'] === 'number') {
    const body = isRecord(err['body']) ? err['body'] : {}
    const headers = isRecord(err['headers']) ? (err['headers'] as Record<string, string>) : {}
    const message = typeof body['message'] === 'string' ? body['message'] : text(err['message'])
    return { status: err['code'], body, headers, message }
  }
  return { status: 0, body: {}, headers: {}, message: err instanceof Error ? err.message : String(err) }
}

/** Per-property problems from both forms of a 400 body: `errors[]` first, then the legacy message array. */
export function propertyProblems(body: Readonly<Record<string, unknown>>): PropertyProblem[] {
  const errors = Array.isArray(body['errors']) ? (body['errors'] as unknown[]) : []
  const structured = errors.filter(isRecord).flatMap((entry): PropertyProblem[] => {
    const context = isRecord(entry['context']) ? entry['context'] : {}
    const names = Array.isArray(context['propertyName']) ? context['propertyName'].map(String) : []
    const code = typeof entry['code'] === 'string' ? entry['code'] : ''
    const message = typeof entry['message'] === 'string' ? entry['message'] : ''
    return names.map((name) => ({ name, code, message }))
  })
  if (structured.length > 0) return structured
  const message = typeof body['message'] === 'string' ? body['message'] : ''
  const start = message.indexOf('[')
  if (!message.startsWith('Property values were not valid') || start === -1) return []
  try {
    const legacy: unknown = JSON.parse(message.slice(start))
    if (!Array.isArray(legacy)) return []
    return legacy.filter(isRecord).map((entry) => ({
      name: text(entry['name']),
      code: text(entry['error']),
      message: text(entry['message']),
    }))
  } catch {
    return []
  }
}

/** The existing contact id of a duplicate-email 409 ("Contact already exists. Existing ID: 123"). */
export function existingIdOf(failure: HubSpotFailure): string | undefined {
  if (failure.status !== 409) return undefined
  return /Existing ID: (\d+)/.exec(failure.message)?.[1]
}

/** The email a duplicate-email 409 names, lower-cased ("A contact with email a@b.c already exists"). */
export function duplicateEmailOf(failure: HubSpotFailure): string | undefined {
  const errors = Array.isArray(failure.body['errors']) ? (failure.body['errors'] as unknown[]) : []
  for (const entry of errors.filter(isRecord)) {
    const match = /with email (\S+) already exists/i.exec(text(entry['message']))
    if (match?.[1] !== undefined) return match[1].toLowerCase()
  }
  return undefined
}

function isDailyLimit(failure: HubSpotFailure): boolean {
  return failure.body['policyName'] === 'DAILY' || /daily limit/i.test(failure.message)
}

/** Which code a problem list earns: the most specific code shared by the problems. */
function codeOfProblems(problems: readonly PropertyProblem[]): SyncErrorCode {
  if (problems.some((p) => p.code === 'READ_ONLY_VALUE')) return 'HS_READ_ONLY_PROPERTY'
  if (problems.some((p) => p.code === 'PROPERTY_DOESNT_EXIST')) return 'HS_UNKNOWN_PROPERTY'
  return 'HS_VALIDATION'
}

/** The error-code table for HTTP failures (design.md 3.5): status first, then the body's details. */
export function classifyFailure(failure: HubSpotFailure): SyncErrorCode {
  const { status } = failure
  if (status === 0) return 'HS_NETWORK'
  if (status === 429) return isDailyLimit(failure) ? 'HS_DAILY_LIMIT' : 'HS_RATE_LIMITED'
  if (status >= 500) return 'HS_UNAVAILABLE'
  if (status === 401) return 'HS_UNAUTHORIZED'
  if (status === 403) return 'HS_MISSING_SCOPES'
  if (status === 404) return 'HS_NOT_FOUND'
  if (status === 409) return existingIdOf(failure) !== undefined ? 'HS_DUPLICATE_EMAIL' : 'HS_CONFLICT'
  if (status === 400) {
    if (/lifecyclestage cannot move backwards/i.test(failure.message)) return 'HS_LIFECYCLE_BACKWARDS'
    return codeOfProblems(propertyProblems(failure.body))
  }
  return 'HS_UNEXPECTED_RESPONSE'
}

/** The HTTP status each error category goes with (api-surface 3.13), to classify a 207's errors alike. */
const STATUS_OF_CATEGORY: Readonly<Record<string, number>> = {
  VALIDATION_ERROR: 400,
  INVALID_AUTHENTICATION: 401,
  MISSING_SCOPES: 403,
  OBJECT_NOT_FOUND: 404,
  CONFLICT: 409,
  OBJECT_ALREADY_EXISTS: 409,
  RATE_LIMITS: 429,
}

/**
 * The code of one entry of a 207 answer's `errors[]` (a StandardError, which has a category and no HTTP
 * status): classified as the whole call would be with the category's status, so per-record failures carry
 * the same codes as whole-call ones.
 */
export function classifyBatchError(error: Readonly<Record<string, unknown>>): SyncErrorCode {
  const status = STATUS_OF_CATEGORY[text(error['category'])]
  if (status === undefined) return 'HS_UNEXPECTED_RESPONSE'
  return classifyFailure({ status, body: error, headers: {}, message: text(error['message']) })
}

/** Every id a StandardError's `context` names (`ids`, `id`, `fromObjectId`…: HubSpot varies the key). */
export function idsOfBatchError(error: Readonly<Record<string, unknown>>): string[] {
  const context = isRecord(error['context']) ? error['context'] : {}
  return Object.values(context).flatMap((values) =>
    (Array.isArray(values) ? values : [values]).map(text).filter((id) => /^\d+$/.test(id)),
  )
}

/**
 * How long to wait before retrying a 429, from `Retry-After` (seconds) when HubSpot sends it, else from
 * the policy the body names: the ten-second window or one second (api-surface 0.8).
 */
export function retryAfterMsOf(failure: HubSpotFailure): number | undefined {
  if (failure.status !== 429) return undefined
  const header = failure.headers['retry-after'] ?? failure.headers['Retry-After']
  const seconds = header === undefined ? Number.NaN : Number(header)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  if (failure.body['policyName'] === 'TEN_SECONDLY_ROLLING') {
    const interval = Number(failure.headers['x-hubspot-ratelimit-interval-milliseconds'] ?? 10_000)
    return Number.isFinite(interval) && interval > 0 ? interval : 10_000
  }
  return isDailyLimit(failure) ? undefined : 1000
}

/** Turns whatever the client threw into a SyncError with a stable `HS_*` code (style guide item 11). */
export function toSyncError(err: unknown, operation: string): SyncError {
  if (err instanceof SyncError) return err
  const failure = toFailure(err)
  const code = classifyFailure(failure)
  const status = failure.status === 0 ? 'network' : String(failure.status)
  return new SyncError({
    code,
    origin: 'hubspot',
    retryable: ERROR_CODES[code].retryable,
    retryAfterMs: retryAfterMsOf(failure),
    message: `HubSpot ${operation} failed (${status}): ${failure.message}`,
    cause: err,
  })
}
