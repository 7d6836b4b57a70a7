import type { Link, Side, StateStore } from '@crmsync/core'

/** The contact links a batch touches, fetched by ids on either side and kept unique. */
export class BatchLinks {
  readonly #store: StateStore
  readonly #connectionId: string
  readonly #links = new Map<string, Link>()
  readonly #asked = new Set<string>()

  constructor(store: StateStore, connectionId: string) {
    this.#store = store
    this.#connectionId = connectionId
  }

  /** Loads the links holding any of `ids` on `side` (ids asked before are not asked again). */
  async load(side: Side, ids: Iterable<string>): Promise<void> {
    const fresh = [...new Set(ids)].filter((id) => !this.#asked.has(`${side}:${id}`))
    if (fresh.length === 0) return
    for (const id of fresh) this.#asked.add(`${side}:${id}`)
    const found = await this.#store.getLinks({
      connectionId: this.#connectionId,
      objectKind: 'contact',
      side,
      ids: fresh,
    })
    for (const link of found) this.#links.set(`${link.hubspotId}|${link.salesforceId}`, link)
  }

  /** Replaces a link in the batch's view, e.g. after a HubSpot merge re-keyed it. */
  replace(old: Link, next: Link): void {
    this.#links.delete(`${old.hubspotId}|${old.salesforceId}`)
    this.#links.set(`${next.hubspotId}|${next.salesforceId}`, next)
  }

  all(): Link[] {
    return [...this.#links.values()]
  }

  /** The active (else any) link holding `id` on `side`. */
  find(side: Side, id: string): Link | undefined {
    let found: Link | undefined
    for (const link of this.#links.values()) {
      if ((side === 'hubspot' ? link.hubspotId : link.salesforceId) !== id) continue
      if (found === undefined || (found.state !== 'active' && link.state === 'active')) found = link
    }
    return found
  }
}
