import { createContext, type ReactNode, useContext } from 'react'

import type { ConnectionListItem } from './api/api-types'

export interface SelectedConnection {
  readonly connection: ConnectionListItem
  readonly select: (id: string) => void
}

const ConnectionContext = createContext<SelectedConnection | null>(null)

export function ConnectionProvider({ value, children }: { value: SelectedConnection; children: ReactNode }) {
  return <ConnectionContext.Provider value={value}>{children}</ConnectionContext.Provider>
}

/** The connection the picker in the header has selected; every page under the layout has one. */
export function useConnection(): SelectedConnection {
  const selected = useContext(ConnectionContext)
  if (selected === null) throw new Error('useConnection outside the layout')
  return selected
}
