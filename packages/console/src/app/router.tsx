import { createBrowserRouter } from 'react-router'

import { HealthPage } from './pages/health-page'
import { Layout } from './pages/layout'
import { LivePage } from './pages/live-page'
import { LoginPage } from './pages/login-page'
import { MappingsPage } from './pages/mappings-page'
import { NotFoundPage } from './pages/not-found-page'
import { OverviewPage } from './pages/overview-page'
import { RecordCardPage } from './pages/record-card-page'
import { RecordsPage } from './pages/records-page'
import { TryItPage } from './pages/try-it-page'

/** The console's pages; every URL is deep-linkable (the server answers index.html for them). */
export function createAppRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    {
      path: '/',
      element: <Layout />,
      children: [
        { index: true, element: <OverviewPage /> },
        { path: 'health', element: <HealthPage /> },
        { path: 'records', element: <RecordsPage /> },
        { path: 'records/:kind/:side/:recordId', element: <RecordCardPage /> },
        { path: 'mappings', element: <MappingsPage /> },
        { path: 'live', element: <LivePage /> },
        { path: 'try-it', element: <TryItPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ])
}
