import type { LiveEvent } from '../api-types.js'

/** The live feed of one server: what `GET /api/live` streams to every open browser. */
export interface LiveFeed {
  publish(event: LiveEvent): void
  /** Returns the unsubscribe. */
  subscribe(listener: (event: LiveEvent) => void): () => void
  /** Listeners now (an open stream each), for tests and clean shutdown. */
  readonly listeners: number
  /** Ends every open stream (the server is closing). */
  closeAll(): void
  /** Called by closeAll; a stream registers how it ends. Returns the unregister. */
  onClose(end: () => void): () => void
}

export function createLiveFeed(): LiveFeed {
  const listeners = new Set<(event: LiveEvent) => void>()
  const closers = new Set<() => void>()
  return {
    publish(event) {
      for (const listener of listeners) listener(event)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    get listeners() {
      return listeners.size
    },
    closeAll() {
      for (const end of [...closers]) end()
    },
    onClose(end) {
      closers.add(end)
      return () => closers.delete(end)
    },
  }
}
