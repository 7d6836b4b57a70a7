import type { Link, ObjectKind, Side, StateReader } from '@crmsync/core'

/** The links of one kind a batch's read touches, fetched by ids on either side and kept unique. Reads only. */
export class BatchLinks {
  readonly #store: StateReader
  readonly #connectionId: string
  readonly #objectKind: ObjectKind
  readonly #links = new Map<string, Link>()
  readonly #asked = new Set<string>()
  /** The links as the plan will see them, once the read knows (anticipate); lookups use it. */
  #view: Map<string, Link> | undefined

  constructor(store: StateReader, connectionId: string, objectKind: ObjectKind = 'contact') {
    this.#store = store
    this.#connectionId = connectionId
    this.#objectKind = objectKind
  }

  /** Loads the links holding any of `ids` on `side` (ids asked before are not asked again). */
  async load(side: Side, ids: Iterable<string>): Promise<void> {
    const fresh = [...new Set(ids)].filter((id) => !this.#asked.has(`${side}:${id}`))
    if (fresh.length === 0) return
    for (const id of fresh) this.#asked.add(`${side}:${id}`)
    const found = await this.#store.getLinks({
      connectionId: this.#connectionId,
      objectKind: this.#objectKind,
      side,
      ids: fresh,
    })
    for (const link of found) {
      this.#links.set(`${link.hubspotId}|${link.salesforceId}`, link)
      // A link the view already holds, re-keyed, stays as the view has it.
      const seen =
        this.#view !== undefined && [...this.#view.values()].some((l) => l.salesforceId === link.salesforceId)
      if (!seen) this.#view?.set(`${link.hubspotId}|${link.salesforceId}`, link)
    }
  }

  /**
   * From now on lookups see `view`, the links as the plan will see them (after the HubSpot merges the read
   * found, core's prepareLinks), so the read fetches the counterparts the plan will pair; `all()` stays the
   * links as stored, which the plan and the commit start from.
   */
  anticipate(view: readonly Link[]): void {
    this.#view = new Map(view.map((l) => [`${l.hubspotId}|${l.salesforceId}`, l]))
  }

  /** The links as stored. */
  all(): Link[] {
    return [...this.#links.values()]
  }

  /** The active (else any) link holding `id` on `side`. */
  find(side: Side, id: string): Link | undefined {
    let found: Link | undefined
    for (const link of (this.#view ?? this.#links).values()) {
      if ((side === 'hubspot' ? link.hubspotId : link.salesforceId) !== id) continue
      if (found === undefined || (found.state !== 'active' && link.state === 'active')) found = link
    }
    return found
  }
}
