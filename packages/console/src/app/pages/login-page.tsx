import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Navigate, useNavigate, useSearchParams } from 'react-router'

import { ApiError } from '../api/api-client'
import { useApi } from '../api/api-context'
import { sessionKey, useSession } from '../api/queries'
import { ErrorNotice, Loading } from '../components/query-state'
import { usePageTitle } from '../components/use-page-title'

/** Where to go after logging in: only a path of this site, never another origin. */
function safeNext(next: string | null): string {
  return next !== null && next.startsWith('/') && !next.startsWith('//') ? next : '/'
}

function loginErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'Wrong password. Check CRMSYNC_CONSOLE_PASSWORD (the demo prints it).'
    if (error.status === 429) return 'Too many login attempts. Wait a minute, then try again.'
    if (error.status === 403) return 'The security token had expired and was renewed. Log in again.'
    return error.message
  }
  return error instanceof Error ? error.message : String(error)
}

export function LoginPage() {
  usePageTitle('Log in')
  const api = useApi()
  const queryClient = useQueryClient()
  const session = useSession()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const next = safeNext(params.get('next'))

  if (session.isPending) return <Loading what="the session" />
  if (session.isError) return <ErrorNotice error={session.error} />
  if (session.data.authenticated) return <Navigate to={next} replace />

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await api.login(password)
      // The session (and its CSRF token) changes at login: read it again before anything else.
      await queryClient.fetchQuery({ queryKey: sessionKey, queryFn: () => api.session(), staleTime: 0 })
      await navigate(next, { replace: true })
    } catch (err) {
      if (err instanceof ApiError && err.status === 403) {
        await queryClient.refetchQueries({ queryKey: sessionKey })
      }
      setError(loginErrorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="login">
      <h1>crmsync console</h1>
      <form onSubmit={(event) => void submit(event)} data-testid="login-form" aria-describedby="login-help">
        <p id="login-help" className="muted">
          Log in with the console password: the environment variable CRMSYNC_CONSOLE_PASSWORD, or the one the
          demo printed when it started.
        </p>
        <label htmlFor="login-password">Password</label>
        <input
          id="login-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          data-testid="login-password"
        />
        <button type="submit" disabled={busy} data-testid="login-submit">
          {busy ? 'Logging in…' : 'Log in'}
        </button>
        {error !== null && (
          <p role="alert" className="notice notice-error" data-testid="login-error">
            {error}
          </p>
        )}
      </form>
    </main>
  )
}
