import type { ContactAction, InboxRow, Link, RecordRef, StateStore } from '@crmsync/core'

import type { ApplyOutcome } from '../apply/apply-outcome.js'
import { hsKey, sfKey } from '../apply/apply-outcome.js'
import type { ReadBatch } from '../batch/read-batch.js'
import type { StepContext } from '../engine-context.js'
import { auditEntries } from './audit-entries.js'

/**
 * Step 4 of design.md 3.4, in ONE store transaction: links with their ancestors and shadows, audit entries,
 * typed per-record errors (and the resolution of errors of records that synced), API usage, and the delete
 * of the processed inbox rows `seq <= seqRead`, so a change that arrived during apply stays.
 */
export async function commitBatch(
  ctx: StepContext,
  batch: ReadBatch,
  rows: readonly InboxRow[],
  actions: readonly ContactAction[],
  outcome: ApplyOutcome,
  apiCalls: { readonly hubspot: number; readonly salesforce: number },
): Promise<void> {
  const { connectionId } = ctx.setup
  const at = ctx.deps.clock.now()
  const open = await ctx.store.listErrors({ connectionId, limit: 10_000 })
  const openKeys = new Set(open.map((e) => `${e.side}:${e.recordId}`))
  await ctx.store.transaction(async (tx) => {
    const work = new LinkWork(tx, batch.links.all(), at, connectionId)
    const synced: RecordRef[] = []
    for (const a of actions) {
      switch (a.kind) {
        case 'link':
          await work.link(a.hubspotId, a.salesforce.type, a.salesforce.id)
          break
        case 'relink':
          await work.relink(a)
          break
        case 'link-state':
          work.setState(a.hubspotId, a.state)
          break
        case 'commit': {
          const hubspotId = a.hubspotId ?? outcome.createdHubSpot.get(a.salesforceId ?? '')
          const created =
            a.salesforceId === null ? outcome.createdSalesforce.get(a.hubspotId ?? '') : undefined
          const salesforceId = a.salesforceId ?? created?.id
          if (hubspotId === undefined || salesforceId === undefined) break
          if (outcome.failed.has(hsKey(hubspotId)) || outcome.failed.has(sfKey(salesforceId))) break
          // A created record read back: the state of what Salesforce holds, its own decisions audited too.
          const readBack = created === undefined ? undefined : outcome.readBack.get(hubspotId)
          const fields = readBack?.fields ?? a.fields
          const decisions = [...a.decisions, ...(readBack?.decisions ?? [])]
          const before = work.fields(hubspotId)
          await work.commit(hubspotId, created?.type ?? a.salesforceType, salesforceId, fields)
          await tx.appendAudit(auditEntries({ connectionId, hubspotId, salesforceId, decisions, before, at }))
          ctx.cycle.summary.conflicts(decisions.filter((d) => d.conflict === true).length)
          synced.push(
            { connectionId, objectKind: 'contact', side: 'hubspot', recordId: hubspotId },
            { connectionId, objectKind: 'contact', side: 'salesforce', recordId: salesforceId },
          )
          break
        }
        case 'skip':
          // Not eligible is not an error: an open error of the record no longer applies (B-CON-4).
          synced.push({ connectionId, objectKind: 'contact', side: a.side, recordId: a.id })
          break
        default:
          break
      }
    }
    for (const extra of outcome.extraLinks)
      await work.link(extra.hubspotId, extra.salesforce.type, extra.salesforce.id)
    await work.flush()
    for (const e of outcome.errors) await tx.recordError(e)
    for (const ref of synced) {
      if (openKeys.has(`${ref.side}:${ref.recordId}`)) await tx.resolveErrors({ record: ref }, at)
    }
    if (apiCalls.salesforce > 0) await tx.addApiCalls(connectionId, 'salesforce', at, apiCalls.salesforce)
    if (apiCalls.hubspot > 0) await tx.addApiCalls(connectionId, 'hubspot', at, apiCalls.hubspot)
    await tx.deleteInbox(rows)
    if (outcome.replan.length > 0) await tx.enqueue(outcome.replan)
  })
}

/** The batch's links as they change through the commit; written once at the end. */
class LinkWork {
  readonly #byHubSpot = new Map<string, Link>()
  readonly #dirty = new Set<string>()
  readonly #tx: StateStore
  readonly #at: number
  readonly #connectionId: string

  constructor(tx: StateStore, links: readonly Link[], at: number, connectionId: string) {
    this.#tx = tx
    this.#at = at
    this.#connectionId = connectionId
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
      objectKind: 'contact',
      hubspotId,
      salesforceType,
      salesforceId,
      state: 'active',
      fields: {},
      createdAt: this.#at,
      updatedAt: this.#at,
    })
  }

  async relink(a: Extract<ContactAction, { kind: 'relink' }>): Promise<void> {
    const old = this.#byHubSpot.get(a.from.hubspotId)
    if (a.from.hubspotId !== a.to.hubspotId) {
      // Another HubSpot id: the store re-keys it, since the Salesforce id stays on the row (B-CON-27).
      await this.#flushOne(a.from.hubspotId)
      await this.#tx.rekeyLink({
        connectionId: this.#connectionId,
        objectKind: 'contact',
        side: 'hubspot',
        fromId: a.from.hubspotId,
        toId: a.to.hubspotId,
        at: this.#at,
      })
      this.#byHubSpot.delete(a.from.hubspotId)
      if (old !== undefined)
        this.#byHubSpot.set(a.to.hubspotId, { ...old, hubspotId: a.to.hubspotId, state: 'active' })
      return
    }
    // Same contact, another Salesforce record (B-CON-8, B-CON-12, B-CON-25): the row keyed by the HS id moves.
    await this.#takeOver(a.to.hubspotId, a.to.salesforce.id)
    this.#put({
      ...(old ?? {
        connectionId: this.#connectionId,
        objectKind: 'contact',
        hubspotId: a.to.hubspotId,
        fields: {},
        createdAt: this.#at,
      }),
      salesforceType: a.to.salesforce.type,
      salesforceId: a.to.salesforce.id,
      state: 'active',
      updatedAt: this.#at,
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
      objectKind: 'contact',
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
    const result = await this.#tx.rekeyLink({
      connectionId: this.#connectionId,
      objectKind: 'contact',
      side: 'hubspot',
      fromId: stale.hubspotId,
      toId: hubspotId,
      at: this.#at,
    })
    if (result === 'rekeyed') this.#byHubSpot.delete(stale.hubspotId)
  }

  #put(link: Link): void {
    this.#byHubSpot.set(link.hubspotId, link)
    this.#dirty.add(link.hubspotId)
  }
}
