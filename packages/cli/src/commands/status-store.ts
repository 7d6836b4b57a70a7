import type { Connection } from '@crmsync/core'
import type { KyselyStateStore } from '@crmsync/store'

/** `status` and `errors` read only the store: no CRM call, so they work while a side is down. */
export async function withStore<T>(
  connection: Connection,
  fn: (store: KyselyStateStore) => Promise<T>,
): Promise<T> {
  // Loaded on first use, not at the top: the database drivers cost a second to load (program.ts).
  const { createStateStore } = await import('@crmsync/store')
  const store = createStateStore(connection.store.url)
  try {
    await store.migrate()
    return await fn(store)
  } finally {
    await store.close()
  }
}

export function isoOrDash(at: number | null | undefined): string {
  return at === null || at === undefined ? '-' : new Date(at).toISOString().replace('.000Z', 'Z')
}
