import type { Link, ObjectKind, StateStore } from '@crmsync/core'

/** The batch's links as they change through the commit; written once at the end. */
export class LinkWork {
  readonly #byHubSpot = new Map<string, Link>()
  readonly #dirty = new Set<string>()
  readonly #tx: StateStore
  readonly #at: number
  readonly #connectionId: string
  readonly #objectKind: ObjectKind

  constructor(
    tx: StateStore,
    init: { links: readonly Link[]; at: number; connectionId: string; objectKind: ObjectKind },
  ) {
    this.#tx = tx
    this.#at = init.at
    this.#connectionId = init.connectionId
    this.#objectKind = init.objectKind
    const links = init.links
    for (const link of links) {
      const current = this.#byHubSpot.get(link.hubspotId)
      if (current === undefined || (current.state !== 'active' && link.state === 'active'))
        this.#byHubSpot.set(link.hubspotId, link)
    }
  }

  fields(hubspotId: string): Link['fields'] {
    return this.#byHubSpot.get(hubspotId)?.fields ?? {}
  }

  async link(hubspotId: string, salesforceType: string, salesforceId: string): Promise<void> {
    const existing = this.#byHubSpot.get(hubspotId)
    if (existing?.salesforceId === salesforceId && existing.state === 'active') return
    await this.#takeOver(hubspotId, salesforceId)
    this.#put({
      connectionId: this.#connectionId,
      objectKind: this.#objectKind,
      hubspotId,
      salesforceType,
      salesforceId,
      state: 'active',
      fields: {},
      createdAt: this.#at,
      updatedAt: this.#at,
    })
  }

  /** The link of `from` now pairs `to`: another Salesforce record, or the same one under another HS id. */
  async relink(
    from: { readonly hubspotId: string },
    to: { readonly hubspotId: string; readonly salesforceType: string; readonly salesforceId: string },
  ): Promise<void> {
    const old = this.#byHubSpot.get(from.hubspotId)
    if (from.hubspotId !== to.hubspotId) {
      // Another HubSpot id: the store re-keys it, since the Salesforce id stays on the row (B-CON-27).
      await this.#flushOne(from.hubspotId)
      await this.#rekeyInStore(from.hubspotId, to.hubspotId)
      this.#byHubSpot.delete(from.hubspotId)
      if (old !== undefined)
        this.#byHubSpot.set(to.hubspotId, { ...old, hubspotId: to.hubspotId, state: 'active' })
      return
    }
    // Same contact, another Salesforce record (B-CON-8, B-CON-12, B-CON-25): the row keyed by the HS id moves.
    await this.#takeOver(to.hubspotId, to.salesforceId)
    this.#put({
      ...(old ?? {
        connectionId: this.#connectionId,
        objectKind: this.#objectKind,
        hubspotId: to.hubspotId,
        fields: {},
        createdAt: this.#at,
      }),
      salesforceType: to.salesforceType,
      salesforceId: to.salesforceId,
      state: 'active',
      updatedAt: this.#at,
    })
  }

  /** Moves a link to another HubSpot id (a merge survivor); the store never overwrites another link. */
  async rekey(fromId: string, toId: string): Promise<void> {
    const old = this.#byHubSpot.get(fromId)
    await this.#flushOne(fromId)
    if ((await this.#rekeyInStore(fromId, toId)) !== 'rekeyed') return
    this.#byHubSpot.delete(fromId)
    if (old !== undefined) this.#byHubSpot.set(toId, { ...old, hubspotId: toId, updatedAt: this.#at })
  }

  #rekeyInStore(fromId: string, toId: string) {
    return this.#tx.rekeyLink({
      connectionId: this.#connectionId,
      objectKind: this.#objectKind,
      side: 'hubspot',
      fromId,
      toId,
      at: this.#at,
    })
  }

  setState(hubspotId: string, state: Link['state']): void {
    const link = this.#byHubSpot.get(hubspotId)
    if (link !== undefined && link.state !== state) this.#put({ ...link, state, updatedAt: this.#at })
  }

  async commit(
    hubspotId: string,
    salesforceType: string,
    salesforceId: string,
    fields: Link['fields'],
  ): Promise<void> {
    const base = this.#byHubSpot.get(hubspotId)
    const same = base?.salesforceId === salesforceId
    if (!same) await this.#takeOver(hubspotId, salesforceId)
    this.#put({
      connectionId: this.#connectionId,
      objectKind: this.#objectKind,
      hubspotId,
      salesforceType: same ? base.salesforceType : salesforceType,
      salesforceId,
      state: same ? base.state : 'active',
      fields: { ...(same ? base.fields : {}), ...fields },
      createdAt: base?.createdAt ?? this.#at,
      updatedAt: this.#at,
    })
  }

  async flush(): Promise<void> {
    const links = [...this.#dirty].flatMap((id) => {
      const link = this.#byHubSpot.get(id)
      return link === undefined ? [] : [link]
    })
    this.#dirty.clear()
    if (links.length > 0) await this.#tx.upsertLinks(links)
  }

  async #flushOne(hubspotId: string): Promise<void> {
    const link = this.#byHubSpot.get(hubspotId)
    if (link === undefined || !this.#dirty.delete(hubspotId)) return
    await this.#tx.upsertLinks([link])
  }

  /**
   * A Salesforce id is unique per connection, so a stale row holding it (a tombstone left by a HubSpot
   * delete, a broken link) would make the upsert fail the whole batch. The planner only links to such a
   * record when that row is not active: the stale row is re-keyed onto the new contact and then replaced.
   */
  async #takeOver(hubspotId: string, salesforceId: string): Promise<void> {
    const stale = [...this.#byHubSpot.values()].find(
      (l) => l.salesforceId === salesforceId && l.hubspotId !== hubspotId && l.state !== 'active',
    )
    if (stale === undefined || this.#byHubSpot.has(hubspotId)) return
    await this.#flushOne(stale.hubspotId)
    const result = await this.#rekeyInStore(stale.hubspotId, hubspotId)
    if (result === 'rekeyed') this.#byHubSpot.delete(stale.hubspotId)
  }

  #put(link: Link): void {
    this.#byHubSpot.set(link.hubspotId, link)
    this.#dirty.add(link.hubspotId)
  }
}
