import { ApiError } from '../api/api-client'

/** An error of a query or a save, as a message the reader can act on. */
export function ErrorNotice({ error, testId = 'error' }: { error: unknown; testId?: string }) {
  const message =
    error instanceof ApiError
      ? error.status === 403
        ? `Refused (${error.message}). The page fetched a fresh security token: try again.`
        : error.message
      : error instanceof Error
        ? error.message
        : String(error)
  return (
    <p role="alert" className="notice notice-error" data-testid={testId}>
      {message}
    </p>
  )
}

export function Loading({ what }: { what: string }) {
  return (
    <p role="status" className="muted" data-testid="loading">
      Loading {what}…
    </p>
  )
}
