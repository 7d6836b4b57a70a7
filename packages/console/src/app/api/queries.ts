// Query keys and hooks shared by several pages, so an invalidation after a save reaches every view of it.
import { useQuery } from '@tanstack/react-query'

import { useApi } from './api-context'
import type { ConnectionListItem, SessionInfo } from './api-types'

export const sessionKey = ['session'] as const

export function useSession() {
  const api = useApi()
  return useQuery<SessionInfo>({ queryKey: sessionKey, queryFn: () => api.session(), staleTime: 60_000 })
}

export function useConnections() {
  const api = useApi()
  return useQuery<ConnectionListItem[]>({
    queryKey: ['connections'],
    queryFn: () => api.get('/api/connections'),
    refetchInterval: 10_000,
  })
}
