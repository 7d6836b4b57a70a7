import { type ConnectionState, type HubSpotOwnerRecord, type Link, type ObjectKind } from '@crmsync/core'

import { createCycleState } from '../engine-context.js'
import { ensureIdentity } from '../identity.js'
import { SummaryBuilder } from '../summary.js'
import { clearSuspension } from './connection-life.js'
import { captureAll, type EngineContext } from './run-cycle.js'

/** Links read per store call while listing them for a disconnect. */
const LINK_PAGE = 1000
/** HubSpot records read per call for the owner report (a batch read's limit). */
const READ_PAGE = 100

/** A HubSpot record whose owner has no HubSpot login but is a Salesforce user (B-INST-13). */
export interface OwnerReportRow {
  readonly objectKind: ObjectKind
  readonly hubspotId: string
  readonly salesforceId: string
  readonly ownerId: string
  readonly ownerName: string
  readonly ownerEmail: string
  /** The active Salesforce user with the owner's email. */
  readonly salesforceUserId: string
}

/** What `crmsync disconnect` did and reports (B-INST-12, B-INST-13). */
export interface DisconnectReport {
  readonly connectionId: string
  /** Epoch ms. */
  readonly disconnectedAt: number
  /** Links removed per object kind. */
  readonly linksRemoved: Readonly<Partial<Record<ObjectKind, number>>>
  /** Records to reassign in HubSpot: their owner exists only as a Salesforce user. */
  readonly ownerReport: readonly OwnerReportRow[]
}

/** The kinds whose records have a HubSpot owner, with their link kind. */
const OWNED_KINDS = ['contact', 'company', 'deal'] as const

/**
 * `crmsync disconnect` (B-INST-12/13): first the owner report, read while the links still say which records
 * were synced: records linked by this connection whose HubSpot owner has no HubSpot user login (HubSpot lists
 * such an owner as archived, `userId` null: a deactivated user, or one created for a Salesforce user) while
 * an active Salesforce user has the owner's email. Then, in one store transaction, the connection's links,
 * inbox and settings snapshots are removed, its open errors resolved, and it is marked disconnected. Records
 * and their values in both CRMs, and the configuration file, are not touched.
 */
export async function disconnectConnection(engine: EngineContext): Promise<DisconnectReport> {
  const { deps, base } = engine
  const { store } = deps
  const links = new Map<ObjectKind, Link[]>()
  for (const kind of OWNED_KINDS) links.set(kind, await allLinks(engine, kind))
  const ownerReport = await ownersToReassign(engine, links)
  const at = deps.clock.now()
  await store.transaction(async (tx) => {
    await tx.forgetConnection(base.connectionId, at)
    const state = await tx.getConnectionState(base.connectionId)
    await tx.setConnectionState({ ...state, suspension: undefined, disconnectedAt: at })
  })
  const linksRemoved = Object.fromEntries(
    [...links].filter(([, list]) => list.length > 0).map(([kind, list]) => [kind, list.length]),
  )
  deps.logger.warn(
    { connectionId: base.connectionId, linksRemoved, ownersToReassign: ownerReport.length },
    'connection disconnected (B-INST-12)',
  )
  return { connectionId: base.connectionId, disconnectedAt: at, linksRemoved, ownerReport }
}

/**
 * `crmsync resume` (B-INST-7, B-ERR-9/10): checks both sides' credentials and identity (throws their
 * SyncError when either fails, and nothing changes), then clears the pause and the suspension (told as
 * cleared by `resume`). With `reconnect`, a disconnected connection is connected again: capture is moved to
 * now first, and what changed while disconnected is dropped from the inbox, so no previously linked record
 * is linked again until an import or resync runs (B-INST-14). Without it a disconnected connection stays so.
 */
export async function resumeConnection(
  engine: EngineContext,
  options: { readonly reconnect?: boolean | undefined } = {},
): Promise<ConnectionState> {
  const { deps, base } = engine
  const { store } = deps
  await ensureIdentity(deps, store, engine.state)
  const before = await store.getConnectionState(base.connectionId)
  const reconnect = options.reconnect === true && before.disconnectedAt !== undefined
  if (reconnect) await captureToNow(engine)
  await clearSuspension(engine, store, 'resume')
  const state = await store.getConnectionState(base.connectionId)
  const after: ConnectionState = {
    ...state,
    paused: false,
    disconnectedAt: reconnect ? undefined : state.disconnectedAt,
  }
  await store.setConnectionState(after)
  deps.logger.info(
    { connectionId: base.connectionId, reconnected: reconnect, wasPaused: before.paused },
    'connection resumed',
  )
  return after
}

/** `crmsync pause` (B-INST-7): the global switch, in the store, so a running `crmsync run` sees it. */
export async function pauseConnection(engine: EngineContext): Promise<ConnectionState> {
  const { store } = engine.deps
  const state = await store.getConnectionState(engine.base.connectionId)
  const paused = { ...state, paused: true }
  await store.setConnectionState(paused)
  engine.deps.logger.info({ connectionId: engine.base.connectionId }, 'connection paused (B-INST-7)')
  return paused
}

/**
 * Runs every kind's capture as a cycle would, then drops what it enqueued: the cursors stand at now, in each
 * connector's own format, and the changes made while disconnected are not synced (B-INST-14).
 */
async function captureToNow(engine: EngineContext): Promise<void> {
  const { deps, base } = engine
  const { store } = deps
  const portalId = await ensureIdentity(deps, store, engine.state)
  const cycle = createCycleState({ summary: new SummaryBuilder() })
  const setup = { ...base, mappings: await engine.state.mappings() }
  const ctx = { deps, store, setup, state: engine.state, cycle, portalId, mode: 'apply' as const }
  await captureAll(
    ctx,
    engine.kinds.map((start) => start()),
    { mode: 'apply' },
  )
  // Nothing is linked while disconnected: this removes only the inbox rows capture just wrote.
  await store.forgetConnection(base.connectionId, deps.clock.now())
}

async function allLinks(engine: EngineContext, objectKind: ObjectKind): Promise<Link[]> {
  const all: Link[] = []
  let after: string | undefined
  for (;;) {
    const page = await engine.deps.store.listLinks({
      connectionId: engine.base.connectionId,
      objectKind,
      limit: LINK_PAGE,
      ...(after === undefined ? {} : { afterHubspotId: after }),
    })
    all.push(...page)
    after = page.at(-1)?.hubspotId
    if (page.length < LINK_PAGE) return all
  }
}

async function ownersToReassign(
  engine: EngineContext,
  links: ReadonlyMap<ObjectKind, readonly Link[]>,
): Promise<OwnerReportRow[]> {
  const { hubspot, salesforce } = engine.deps
  if ([...links.values()].every((list) => list.length === 0)) return []
  const salesforceByEmail = new Map(
    (await salesforce.listUsers())
      .filter((user) => user.kind === 'user' && user.isActive && user.email !== '')
      .map((user) => [user.email.toLowerCase(), user.id]),
  )
  const withoutLogin = new Map<string, { owner: HubSpotOwnerRecord; salesforceUserId: string }>()
  for (const owner of await hubspot.readOwners()) {
    const salesforceUserId = salesforceByEmail.get(owner.email.toLowerCase())
    if (!owner.active && salesforceUserId !== undefined)
      withoutLogin.set(owner.id, { owner, salesforceUserId })
  }
  if (withoutLogin.size === 0) return []
  const rows: OwnerReportRow[] = []
  for (const [objectKind, list] of links) {
    for (let i = 0; i < list.length; i += READ_PAGE) {
      const page = list.slice(i, i + READ_PAGE)
      const owners = await ownerIds(
        engine,
        objectKind,
        page.map((link) => link.hubspotId),
      )
      for (const link of page) {
        const found = withoutLogin.get(owners.get(link.hubspotId) ?? '')
        if (found === undefined) continue
        rows.push({
          objectKind,
          hubspotId: link.hubspotId,
          salesforceId: link.salesforceId,
          ownerId: found.owner.id,
          ownerName: `${found.owner.firstName} ${found.owner.lastName}`.trim(),
          ownerEmail: found.owner.email,
          salesforceUserId: found.salesforceUserId,
        })
      }
    }
  }
  return rows
}

/** `hubspot_owner_id` of HubSpot records of one kind, by id. */
async function ownerIds(
  engine: EngineContext,
  objectKind: ObjectKind,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const { hubspot } = engine.deps
  const request = { ids, properties: ['hubspot_owner_id'] }
  const read =
    objectKind === 'company'
      ? await hubspot.readCompanies(request)
      : objectKind === 'deal'
        ? await hubspot.readDeals(request)
        : await hubspot.readContacts(request)
  const owners = new Map<string, string>()
  for (const [id, record] of read.records) {
    const owner = record.properties['hubspot_owner_id']
    if (typeof owner === 'string' && owner !== '') owners.set(id, owner)
  }
  return owners
}
