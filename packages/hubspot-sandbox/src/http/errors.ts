import { randomUUID } from 'node:crypto'

/** HubSpot's error categories (api-surface.md 3.13). */
export type ErrorCategory =
  | 'VALIDATION_ERROR'
  | 'INVALID_AUTHENTICATION'
  | 'MISSING_SCOPES'
  | 'OBJECT_NOT_FOUND'
  | 'CONFLICT'
  | 'OBJECT_ALREADY_EXISTS'
  | 'RATE_LIMITS'

/** An error a route throws; the app's error handler turns it into HubSpot's error JSON. */
export class HubSpotError extends Error {
  override readonly name = 'HubSpotError'
  readonly status: number
  readonly category: ErrorCategory | undefined
  /** Extra top-level keys of the body (errors, context, subCategory, policyName...). */
  readonly extra: Readonly<Record<string, unknown>>
  readonly headers: Readonly<Record<string, string>>
  constructor(init: {
    status: number
    message: string
    category?: ErrorCategory
    extra?: Record<string, unknown>
    headers?: Record<string, string>
  }) {
    super(init.message)
    this.status = init.status
    this.category = init.category
    this.extra = init.extra ?? {}
    this.headers = init.headers ?? {}
  }

  /** The JSON body HubSpot sends: status, message, correlationId, category, then the extras. */
  toBody(): Record<string, unknown> {
    return {
      status: 'error',
      message: this.message,
      correlationId: randomUUID(),
      ...(this.category === undefined ? {} : { category: this.category }),
      ...this.extra,
    }
  }
}

export function validationError(message: string, extra?: Record<string, unknown>): HubSpotError {
  return new HubSpotError({ status: 400, message, category: 'VALIDATION_ERROR', ...(extra ? { extra } : {}) })
}

export function notFound(message = 'resource not found'): HubSpotError {
  return new HubSpotError({ status: 404, message, category: 'OBJECT_NOT_FOUND' })
}

export function conflict(message: string, extra?: Record<string, unknown>): HubSpotError {
  return new HubSpotError({ status: 409, message, category: 'CONFLICT', ...(extra ? { extra } : {}) })
}

/** One invalid property in a write, as reported by "Property values were not valid" (api-surface.md 8.5). */
export interface PropertyProblem {
  readonly name: string
  readonly code: string
  readonly message: string
}

/** The 400 HubSpot returns when one or more property values in a write are invalid: both forms of 8.5. */
export function propertyValuesError(problems: readonly PropertyProblem[], portalId: number): HubSpotError {
  const legacy = problems.map((problem) => ({
    isValid: false,
    message: problem.message,
    error: problem.code,
    name: problem.name,
    localizedErrorMessage: problem.message,
    portalId,
  }))
  return validationError(`Property values were not valid: ${JSON.stringify(legacy)}`, {
    errors: problems.map((problem) => ({
      message: problem.message,
      code: problem.code,
      context: { propertyName: [problem.name] },
    })),
  })
}
