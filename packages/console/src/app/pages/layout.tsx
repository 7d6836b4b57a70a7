import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router'

import { useApi } from '../api/api-context'
import type { ConnectionListItem } from '../api/api-types'
import { useConnections, useSession } from '../api/queries'
import { ErrorNotice, Loading } from '../components/query-state'
import { ConnectionProvider } from '../connection-context'

const storageKey = 'crmsync.connection'

function connectionLabel(connection: ConnectionListItem): string {
  const sides = [
    connection.salesforceOrgId !== null ? `Salesforce ${connection.salesforceOrgId}` : null,
    connection.hubspotPortalId !== null ? `HubSpot ${connection.hubspotPortalId}` : null,
  ].filter((side) => side !== null)
  return sides.length > 0 ? `${connection.id} (${sides.join(' ↔ ')})` : connection.id
}

/** The frame of every page after login: the connection picker, the navigation, and the page. */
export function Layout() {
  const session = useSession()
  const location = useLocation()

  if (session.isPending) return <Loading what="the session" />
  if (session.isError) return <ErrorNotice error={session.error} />
  if (!session.data.authenticated) {
    const next = location.pathname + location.search
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />
  }
  return <AuthenticatedLayout demo={session.data.demo} />
}

function AuthenticatedLayout({ demo }: { demo: boolean }) {
  const api = useApi()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const connections = useConnections()
  const [chosen, setChosen] = useState<string | null>(() => localStorage.getItem(storageKey))

  async function logout() {
    await api.logout().catch(() => undefined)
    queryClient.clear()
    await navigate('/login')
  }

  const list = connections.data ?? []
  const connection = list.find((item) => item.id === chosen) ?? list[0]
  const select = (id: string) => {
    localStorage.setItem(storageKey, id)
    setChosen(id)
  }

  return (
    <div className="app">
      <a href="#main" className="skip-link">
        Skip to the page
      </a>
      <header className="app-header">
        <span className="brand">crmsync</span>
        {list.length > 0 && connection !== undefined && (
          <label className="picker">
            Connection{' '}
            <select
              value={connection.id}
              onChange={(event) => select(event.target.value)}
              data-testid="connection-picker"
            >
              {list.map((item) => (
                <option key={item.id} value={item.id}>
                  {connectionLabel(item)}
                </option>
              ))}
            </select>
          </label>
        )}
        {connection !== undefined && (
          <span className={`state state-${connection.state.state}`} data-testid="connection-state">
            {connection.state.state}
          </span>
        )}
        <button type="button" className="link-button" onClick={() => void logout()} data-testid="logout">
          Log out
        </button>
      </header>
      <nav className="app-nav" aria-label="Pages">
        <NavLink to="/" end data-testid="nav-overview">
          Overview
        </NavLink>
        <NavLink to="/health" data-testid="nav-health">
          Sync health
        </NavLink>
        <NavLink to="/records" data-testid="nav-records">
          Records
        </NavLink>
        <NavLink to="/mappings" data-testid="nav-mappings">
          Mappings &amp; settings
        </NavLink>
        <NavLink to="/live" data-testid="nav-live">
          Live
        </NavLink>
        {demo && (
          <NavLink to="/try-it" data-testid="nav-try-it">
            Try it
          </NavLink>
        )}
      </nav>
      <main className="app-main" id="main">
        {connections.isPending ? (
          <Loading what="the connections" />
        ) : connections.isError ? (
          <ErrorNotice error={connections.error} />
        ) : connection === undefined ? (
          <p data-testid="no-connections">This process serves no connection yet.</p>
        ) : (
          <ConnectionProvider value={{ connection, select }}>
            <Outlet />
          </ConnectionProvider>
        )}
      </main>
    </div>
  )
}
