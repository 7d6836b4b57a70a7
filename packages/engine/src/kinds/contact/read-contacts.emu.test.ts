import type { InboxRow, StateStore } from '@crmsync/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createCycleState, type ReadContext } from '../../engine-context.js'
import { EngineState } from '../../engine-state.js'
import {
  addHubSpotOwner,
  createHubSpotContact,
  hubspotContact,
  soql,
} from '../../scenarios/scenario-helpers.js'
import { resolveSetup } from '../../setup.js'
import { SummaryBuilder } from '../../summary.js'
import { type SandboxPair, startSandboxPair } from '../../testing/sandbox-pair.js'
import { createContactCache } from './contact-cache.js'
import { CONTACT_KIND } from './contact-kind.js'

// design.md 3.4: read -> plan -> apply -> commit, and only the commit writes. The read stage used to write the
// store in three places (a HubSpot merge re-keyed a link, a deleted HubSpot contact's link was tombstoned, a
// fresh owners table enqueued the links whose owner had waited and stored which owners had none): each is now
// read here against a store that throws on any write, and the plan holds what the read found.

const WRITES = [
  'upsertLinks',
  'setLinkState',
  'rekeyLink',
  'setIdentity',
  'setCursor',
  'enqueue',
  'deleteInbox',
  'appendAudit',
  'recordError',
  'resolveErrors',
  'addApiCalls',
  'saveSettingsSnapshot',
  'transaction',
] as const satisfies readonly (keyof StateStore)[]

/** The store, except that every write throws, naming itself (a cast could not hide a write from it). */
function throwingOnWrite(store: StateStore): StateStore {
  return new Proxy(store, {
    get(target, name, receiver) {
      if ((WRITES as readonly PropertyKey[]).includes(name))
        return () => Promise.reject(new Error(`the read stage wrote: ${String(name)}`))
      const value: unknown = Reflect.get(target, name, receiver)
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })
}

let pair: SandboxPair
beforeAll(async () => {
  pair = await startSandboxPair({ contacts: { createInHubSpot: false } })
  await pair.sync()
})
afterAll(() => pair.close())

/** A read context as a new cycle of the pair's engine has it, over the throwing store. */
async function readContext(): Promise<ReadContext> {
  const deps = pair.deps
  const state = new EngineState(deps)
  const cycle = createCycleState({ summary: new SummaryBuilder() })
  return {
    deps,
    store: throwingOnWrite(pair.store),
    setup: { ...resolveSetup(deps), mappings: await state.mappings() },
    state,
    cycle,
    portalId: (await deps.hubspot.identity()).portalId,
    mode: 'apply',
  }
}

const hubspotRow = (recordId: string, seq = 1): InboxRow => ({
  connectionId: 'scenario',
  objectKind: 'contact',
  side: 'hubspot',
  recordId,
  seq,
})

async function linked(email: string) {
  const id = await createHubSpotContact(pair, { email, lastname: 'Read', company: 'A' })
  await pair.sync()
  const sfId = (await hubspotContact(pair, id, ['salesforceleadid']))['salesforceleadid']
  if (typeof sfId !== 'string') throw new Error(`${email} was not linked`)
  return { id, sfId }
}

describe('the read stage writes nothing (design.md 3.4)', () => {
  it('a HubSpot merge the read finds becomes a planned re-key, not a store write (B-CON-27)', async () => {
    const c1 = await linked('read-merge@x.com')
    const c2 = await createHubSpotContact(pair, { email: 'read-merge2@x.com', lastname: 'Other' })
    const merged = await pair.hs.crm.contacts.basicApi.merge({ primaryObjectId: c1.id, objectIdToMerge: c2 })
    const read = await CONTACT_KIND.read(await readContext(), createContactCache(), [hubspotRow(c1.id)])
    const rekeys = CONTACT_KIND.plan(read).actions.filter((a) => a.kind === 'rekey')
    // HubSpot gives the merged contact a new id (the sandbox's default, as HubSpot does today).
    expect(merged.id).not.toBe(c1.id)
    expect(rekeys).toEqual([expect.objectContaining({ from: c1.id, to: merged.id })])
    // Nothing moved in the store until a commit.
    expect((await pair.store.getLink('scenario', 'contact', 'salesforce', c1.sfId))?.hubspotId).toBe(c1.id)
  })

  it('a deleted HubSpot contact the dedup read finds becomes a planned tombstone (B-CON-23)', async () => {
    const old = await linked('read-deleted@x.com')
    await pair.hs.crm.contacts.basicApi.archive(old.id)
    const again = await createHubSpotContact(pair, { email: 'read-deleted@x.com', lastname: 'Again' })
    const read = await CONTACT_KIND.read(await readContext(), createContactCache(), [hubspotRow(again)])
    const actions = CONTACT_KIND.plan(read).actions
    expect(actions).toContainEqual(
      expect.objectContaining({ kind: 'link-state', hubspotId: old.id, state: 'tombstoned' }),
    )
    expect(actions).toContainEqual(expect.objectContaining({ kind: 'link', hubspotId: again }))
    expect((await pair.store.getLink('scenario', 'contact', 'hubspot', old.id))?.state).toBe('active')
  })

  it('a fresh owners table whose queue now has a HubSpot owner becomes a planned requeue (B-OWN-1)', async () => {
    const [queue] = await soql<{ Id: string; Email: string }>(
      pair,
      "SELECT Id, Email FROM Group WHERE Type = 'Queue'",
    )
    const lead = await pair.sf
      .sobject('Lead')
      .create(
        { LastName: 'Q', Company: 'A', Email: 'read-queue@x.com', OwnerId: queue!.Id },
        { headers: { 'Sforce-Auto-Assign': 'FALSE' } },
      )
    await pair.sync()
    const id = await createHubSpotContact(pair, { email: 'read-queue@x.com', lastname: 'Q' })
    await pair.sync()
    expect((await hubspotContact(pair, id, ['hubspot_owner_id']))['hubspot_owner_id']).toBeNull()
    await addHubSpotOwner(pair, { email: queue!.Email, firstName: 'Inbound', lastName: 'Leads' })
    // Any batch of a new engine reads the owners table fresh: here one with an unrelated row.
    const other = await createHubSpotContact(pair, { email: 'read-queue-other@x.com', lastname: 'R' })
    const read = await CONTACT_KIND.read(await readContext(), createContactCache(), [hubspotRow(other)])
    const actions = CONTACT_KIND.plan(read).actions
    expect(actions).toContainEqual(expect.objectContaining({ kind: 'requeue', ids: [id] }))
    expect(actions).toContainEqual(
      expect.objectContaining({
        kind: 'remember-owners-without-hubspot',
        ownerIds: expect.not.arrayContaining([queue!.Id]) as unknown,
      }),
    )
    expect(lead.success).toBe(true)
  })
})
