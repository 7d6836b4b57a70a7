import { createContext, type ReactNode, useContext } from 'react'

import type { ApiClient } from './api-client'

const ApiContext = createContext<ApiClient | null>(null)

export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>
}

/** The one API client of the app (created in main.tsx with the router and the query cache). */
export function useApi(): ApiClient {
  const client = useContext(ApiContext)
  if (client === null) throw new Error('useApi outside ApiProvider')
  return client
}
