import './styles.css'

import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RouterProvider } from 'react-router'

import { ApiError, createApiClient } from './api/api-client'
import { ApiProvider } from './api/api-context'
import type { SessionInfo } from './api/api-types'
import { sessionKey } from './api/queries'
import { createAppRouter } from './router'

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A lost session or a refused token is not retried: the client has already acted on it.
      retry: (failureCount, error) =>
        !(error instanceof ApiError && [401, 403, 404].includes(error.status)) && failureCount < 2,
    },
  },
})

const router = createAppRouter()

const client = createApiClient({
  fetch: (input, init) => fetch(input, init),
  csrfToken: () => queryClient.getQueryData<SessionInfo>(sessionKey)?.csrfToken ?? '',
  onUnauthorized: () => {
    queryClient.setQueryData<SessionInfo>(sessionKey, (old) => (old ? { ...old, authenticated: false } : old))
    if (router.state.location.pathname !== '/login') {
      const next = router.state.location.pathname + router.state.location.search
      void router.navigate(`/login?next=${encodeURIComponent(next)}`)
    }
  },
  onForbidden: () => queryClient.refetchQueries({ queryKey: sessionKey }),
})

const rootElement = document.getElementById('root')
if (rootElement === null) throw new Error('index.html has no #root')

createRoot(rootElement).render(
  <StrictMode>
    <ApiProvider client={client}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ApiProvider>
  </StrictMode>,
)
