import type { ConnectionEvent } from '@crmsync/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { createEngine } from '../create-engine.js'
import type { Engine, SyncSummary } from '../engine-types.js'
import {
  nextSecond,
  sandboxAdmin as admin,
  type SandboxPair,
  startSandboxPair,
} from '../testing/sandbox-pair.js'
import {
  countSalesforce,
  createHubSpotContact,
  createLinkedHubSpotContact,
  createSalesforce,
  hubspotByEmail,
  hubspotContact,
  people,
  updateHubSpotContact,
} from './scenario-helpers.js'

// The connection's life through both sandboxes and the official clients: suspensions with their typed
// reasons (B-API-4, B-ERR-9, B-ERR-10, HubSpot's daily quota), their probes and recovery, exactly one
// notification per suspension (B-ERR-11), the global switch (B-INST-7) and disconnect (B-INST-12..14).

const PROBE_MS = 60_000

/** Salesforce API calls the sandbox counted since the last reset, per endpoint. */
async function salesforceCalls(pair: SandboxPair): Promise<Record<string, number>> {
  const counters = (await admin(pair.salesforce.instanceUrl, 'GET', '/counters')) as {
    endpoints: Record<string, number>
  }
  return counters.endpoints
}

interface Harness {
  readonly pair: SandboxPair
  readonly events: ConnectionEvent[]
  engine: Engine
  /** A new engine over the same store, connectors and clock, as a new process has. */
  restart(): void
  sync(): Promise<SyncSummary>
}

async function start(): Promise<Harness> {
  const pair = await startSandboxPair()
  const events: ConnectionEvent[] = []
  const build = () =>
    createEngine({
      ...pair.deps,
      notifier: { notify: (event) => events.push(event) },
      options: { suspensionProbeMs: PROBE_MS },
    })
  const harness: Harness = {
    pair,
    events,
    engine: build(),
    restart() {
      pair.restartEngine()
      harness.engine = build()
    },
    async sync() {
      await nextSecond()
      return harness.engine.syncOnce()
    },
  }
  await harness.sync()
  return harness
}

const entered = (events: readonly ConnectionEvent[]) =>
  events.filter((event) => event.type === 'suspension_entered')
const cleared = (events: readonly ConnectionEvent[]) =>
  events.filter((event) => event.type === 'suspension_cleared')

describe('suspensions and recovery', () => {
  let h: Harness
  beforeEach(async () => {
    h = await start()
  })
  afterEach(() => h.pair.close())

  it('B-API-4 / B-ERR-11: an exhausted org allocation suspends (api_limit), only the probe calls Salesforce, it resumes by itself and loses nothing', async () => {
    const { pair } = h
    const linked = await createLinkedHubSpotContact(pair, {
      email: 'before@x.com',
      lastname: 'B',
      company: 'A',
    })
    // Made before the allocation ran out (Salesforce then refuses every client) and not synced yet.
    await createSalesforce(pair, 'Lead', { LastName: 'S', Company: 'A', Email: 'during-sf@x.com' })
    const exhausted = () =>
      admin(pair.salesforce.instanceUrl, 'PUT', '/limits', { apiMax: 100, apiUsed: 100 })
    await exhausted()

    const first = await h.sync()
    expect(first.incomplete).toMatch(/^suspended:api_limit since .*SF_RATE_LIMITED/)
    const state = await pair.store.getConnectionState('scenario')
    expect(state.suspension).toMatchObject({
      side: 'salesforce',
      reason: 'api_limit',
      code: 'SF_RATE_LIMITED',
    })
    expect(entered(h.events)).toHaveLength(1)

    // Changes while suspended.
    const hsId = await createHubSpotContact(pair, { email: 'during-hs@x.com', lastname: 'H', company: 'A' })
    await updateHubSpotContact(pair, linked.id, { firstname: 'Changed' })

    // No probe due: no Salesforce call at all, nothing written on either side. (Resetting the sandbox's
    // counters resets its usage too: the allocation is spent again.)
    await pair.resetCounters()
    await exhausted()
    const quiet = await h.sync()
    expect(quiet.incomplete).toMatch(/^suspended:api_limit/)
    expect(await salesforceCalls(pair)).toEqual({})
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })

    // The probe is due: one light Salesforce call, still refused; still one notification.
    pair.advanceEngineClock(PROBE_MS)
    await pair.resetCounters()
    await exhausted()
    const probed = await h.sync()
    expect(probed.incomplete).toMatch(/^suspended:api_limit/)
    const calls = await salesforceCalls(pair)
    expect(Object.values(calls).reduce((a, b) => a + b, 0)).toBe(1)
    expect(Object.keys(calls)[0]).toMatch(/query/)
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
    expect(entered(h.events)).toHaveLength(1)

    // Usage drops (the rolling window frees capacity): the next probe resumes, and every change arrives.
    await admin(pair.salesforce.instanceUrl, 'PUT', '/limits', { apiMax: 1_000_000, apiUsed: 0 })
    pair.advanceEngineClock(PROBE_MS)
    const resumed = await h.sync()
    expect(resumed.incomplete).toBeUndefined()
    expect((await pair.store.getConnectionState('scenario')).suspension).toBeUndefined()
    expect(cleared(h.events)).toMatchObject([{ reason: 'api_limit', by: 'probe' }])
    expect(entered(h.events)).toHaveLength(1)
    expect(await countSalesforce(pair, 'Lead', 'during-hs@x.com')).toBe(1)
    expect(await hubspotByEmail(pair, 'during-sf@x.com')).toHaveLength(1)
    const lead = await pair.sf.sobject('Lead').retrieve(linked.leadId)
    expect((lead as { FirstName?: string }).FirstName).toBe('Changed')
    expect((await hubspotContact(pair, hsId, ['salesforceleadid']))['salesforceleadid']).not.toBeNull()
  })

  it('B-ERR-9: API access disabled suspends (api_disabled); resume re-checks the credentials and refuses while still disabled', async () => {
    const { pair } = h
    await admin(pair.salesforce.instanceUrl, 'PUT', '/user-permissions', { PermissionsApiEnabled: false })
    const summary = await h.sync()
    expect(summary.incomplete).toMatch(/^suspended:api_disabled .*SF_API_DISABLED/)
    expect((await pair.store.getConnectionState('scenario')).suspension?.reason).toBe('api_disabled')

    // A new process (`crmsync resume`) checks the credentials: still disabled, so it refuses and nothing changes.
    h.restart()
    await expect(h.engine.resume()).rejects.toMatchObject({ code: 'SF_API_DISABLED' })
    expect((await pair.store.getConnectionState('scenario')).suspension?.reason).toBe('api_disabled')

    await admin(pair.salesforce.instanceUrl, 'PUT', '/user-permissions', { PermissionsApiEnabled: true })
    h.restart()
    const state = await h.engine.resume()
    expect(state.suspension).toBeUndefined()
    expect(cleared(h.events)).toMatchObject([{ reason: 'api_disabled', by: 'resume' }])
    await createHubSpotContact(pair, { email: 'after-api@x.com', lastname: 'A', company: 'A' })
    expect((await h.sync()).incomplete).toBeUndefined()
    expect(await countSalesforce(pair, 'Lead', 'after-api@x.com')).toBe(1)
    expect(entered(h.events)).toHaveLength(1)
  })

  it('B-ERR-10: object access revoked for Lead suspends (object_permissions) with one notification; restored access resumes at the next probe', async () => {
    const { pair } = h
    await admin(pair.salesforce.instanceUrl, 'PUT', '/object-permissions', {
      Lead: { PermissionsRead: false },
    })
    await createHubSpotContact(pair, { email: 'no-lead-access@x.com', lastname: 'N', company: 'A' })
    await pair.resetCounters()
    const summary = await h.sync()
    expect(summary.incomplete).toMatch(/^suspended:object_permissions .*SF_OBJECT_NOT_ACCESSIBLE/)
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })

    // The probe passes (the user may still query), the cycle meets the refusal again: same suspension, no
    // second notification, still nothing written.
    pair.advanceEngineClock(PROBE_MS)
    await pair.resetCounters()
    expect((await h.sync()).incomplete).toMatch(/^suspended:object_permissions/)
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
    expect(entered(h.events)).toHaveLength(1)
    expect(cleared(h.events)).toHaveLength(0)

    await admin(pair.salesforce.instanceUrl, 'PUT', '/object-permissions', {
      Lead: {
        PermissionsRead: true,
        PermissionsCreate: true,
        PermissionsEdit: true,
        PermissionsDelete: true,
      },
    })
    pair.advanceEngineClock(PROBE_MS)
    expect((await h.sync()).incomplete).toBeUndefined()
    expect(await countSalesforce(pair, 'Lead', 'no-lead-access@x.com')).toBe(1)
    expect(cleared(h.events)).toMatchObject([{ reason: 'object_permissions', by: 'probe' }])
  })

  it('B-ERR-11: a probe cycle that meets another cause replaces the suspension and tells it as a new one', async () => {
    const { pair } = h
    await admin(pair.salesforce.instanceUrl, 'PUT', '/limits', { apiMax: 100, apiUsed: 100 })
    expect((await h.sync()).incomplete).toMatch(/^suspended:api_limit/)
    // The allocation comes back, but Lead is no longer readable: the probe passes, the cycle is refused.
    await admin(pair.salesforce.instanceUrl, 'PUT', '/limits', { apiMax: 1_000_000, apiUsed: 0 })
    await admin(pair.salesforce.instanceUrl, 'PUT', '/object-permissions', {
      Lead: { PermissionsRead: false },
    })
    pair.advanceEngineClock(PROBE_MS)
    expect((await h.sync()).incomplete).toMatch(/^suspended:object_permissions/)
    expect(
      entered(h.events).map((e) => (e.type === 'suspension_entered' ? e.suspension.reason : '')),
    ).toEqual(['api_limit', 'object_permissions'])
    expect((await pair.store.getConnectionState('scenario')).suspension?.reason).toBe('object_permissions')
  })

  it('B-ERR-10: an unknown exception that outlasts its retries suspends (unknown); a manual clear resumes at once', async () => {
    const { pair } = h
    // Five attempts: the first call and the four retries of the retry table's backoff.
    await admin(pair.salesforce.instanceUrl, 'PUT', '/faults', {
      faults: [{ kind: 'UNKNOWN_EXCEPTION', count: 5 }],
    })
    const summary = await h.sync()
    expect(summary.incomplete).toMatch(/^suspended:unknown .*SF_UNKNOWN_EXCEPTION/)
    expect(entered(h.events)).toMatchObject([{ suspension: { reason: 'unknown', side: 'salesforce' } }])

    // "Clear suspension": no waiting for the probe.
    h.restart()
    await h.engine.resume()
    await createHubSpotContact(pair, { email: 'after-unknown@x.com', lastname: 'U', company: 'A' })
    expect((await h.sync()).incomplete).toBeUndefined()
    expect(await countSalesforce(pair, 'Lead', 'after-unknown@x.com')).toBe(1)
    expect(cleared(h.events)).toMatchObject([{ reason: 'unknown', by: 'resume' }])
  })

  it("HubSpot's daily quota suspends (hubspot_daily_limit) until the next HubSpot day", async () => {
    const { pair } = h
    await createSalesforce(pair, 'Lead', { LastName: 'Q', Company: 'A', Email: 'quota@x.com' })
    await admin(pair.hubspot.basePath, 'PUT', '/rate-limits', { tier: 'unlimited', daily: 1 })
    const summary = await h.sync()
    expect(summary.incomplete).toMatch(/^suspended:hubspot_daily_limit .*HS_DAILY_LIMIT/)
    expect((await pair.store.getConnectionState('scenario')).suspension?.side).toBe('hubspot')

    // Still the same day: the probe (one HubSpot call) is refused.
    pair.advanceEngineClock(PROBE_MS)
    expect((await h.sync()).incomplete).toMatch(/^suspended:hubspot_daily_limit/)

    // The next day: the quota is back and the probe resumes.
    await admin(pair.hubspot.basePath, 'PUT', '/rate-limits', { tier: 'unlimited' })
    pair.advanceEngineClock(PROBE_MS)
    expect((await h.sync()).incomplete).toBeUndefined()
    expect(await hubspotByEmail(pair, 'quota@x.com')).toHaveLength(1)
    expect(entered(h.events)).toHaveLength(1)
    expect(cleared(h.events)).toHaveLength(1)
  })

  it('B-ERR-11: a new class of error is told once, when its code first has an open error', async () => {
    const { pair } = h
    // A Salesforce validation rule refuses Leads without a phone: a per-record SF_VALIDATION error.
    await admin(pair.salesforce.instanceUrl, 'PUT', '/validation-rules', {
      rules: [
        { object: 'Lead', name: 'Phone_Required', condition: 'Phone = null', message: 'Phone is required' },
      ],
    })
    await createHubSpotContact(pair, { email: 'no-phone-1@x.com', lastname: 'P', company: 'A' })
    const first = await h.sync()
    expect(first.errors.map((e) => e.code)).toEqual(['SF_VALIDATION'])
    const opened = () => h.events.filter((event) => event.type === 'error_class_opened')
    expect(opened()).toMatchObject([{ code: 'SF_VALIDATION', errors: 1 }])

    // Another record with the same error is not a new class: no second notification.
    await createHubSpotContact(pair, { email: 'no-phone-2@x.com', lastname: 'P', company: 'A' })
    const second = await h.sync()
    expect(second.errors.map((e) => e.code)).toEqual(['SF_VALIDATION'])
    expect(opened()).toHaveLength(1)
    expect(entered(h.events)).toHaveLength(0)
  })
})

describe('the global switch and disconnect', () => {
  let h: Harness
  beforeEach(async () => {
    h = await start()
  })
  afterEach(() => h.pair.close())

  it('B-INST-7: paused, nothing is read or written on either side; the configuration is unchanged; resume syncs on the next cycle', async () => {
    const { pair } = h
    const linked = await createLinkedHubSpotContact(pair, { email: 'sw@x.com', lastname: 'Sw', company: 'A' })
    const configBefore = JSON.stringify(pair.config)
    await h.engine.pause()
    await updateHubSpotContact(pair, linked.id, { firstname: 'FromHubSpot' })
    await pair.sf.sobject('Lead').update({ Id: linked.leadId, Phone: '555-0100' })
    await pair.resetCounters()
    await h.sync()
    expect(await salesforceCalls(pair)).toEqual({})
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
    expect(JSON.stringify(pair.config)).toBe(configBefore)

    // A running engine sees the switch from the store at its next cycle: no restart needed.
    await pair.store.setConnectionState({
      ...(await pair.store.getConnectionState('scenario')),
      paused: false,
    })
    await h.sync()
    const lead = (await pair.sf.sobject('Lead').retrieve(linked.leadId)) as { FirstName?: string }
    expect(lead.FirstName).toBe('FromHubSpot')
    expect((await hubspotContact(pair, linked.id, ['phone']))['phone']).toBe('555-0100')
  })

  it('B-INST-12 / B-INST-13 / B-INST-14: disconnect removes links and mappings only, reports owners to reassign, refuses to sync, and a reconnect re-links nothing by itself', async () => {
    const { pair } = h
    const who = await people(pair)
    const avery = await createLinkedHubSpotContact(pair, {
      email: 'owned-avery@x.com',
      lastname: 'Av',
      company: 'A',
      hubspot_owner_id: who.avery.hs!,
    })
    await createLinkedHubSpotContact(pair, {
      email: 'owned-bjorn@x.com',
      lastname: 'Bj',
      company: 'A',
      hubspot_owner_id: who.bjorn.hs!,
    })
    // Avery's HubSpot user is deactivated: the owner now exists only as a Salesforce user.
    await admin(pair.hubspot.basePath, 'PATCH', `/owners/${who.avery.hs!}`, { archived: true })
    const hsCount = (await pair.hs.crm.contacts.basicApi.getPage(100)).results.length
    const averyBefore = await hubspotContact(pair, avery.id, ['email', 'lastname', 'salesforceleadid'])

    const report = await h.engine.disconnect()
    expect(report.linksRemoved).toEqual({ contact: 2 })
    expect(report.ownerReport).toEqual([
      {
        objectKind: 'contact',
        hubspotId: avery.id,
        salesforceId: avery.leadId,
        ownerId: who.avery.hs,
        ownerName: 'Avery Lindqvist',
        ownerEmail: 'avery.lindqvist@acme-demo.com',
        salesforceUserId: who.avery.sf,
      },
    ])
    // B-INST-12: records and their values stay; the mapping list (links) is empty.
    expect((await pair.hs.crm.contacts.basicApi.getPage(100)).results).toHaveLength(hsCount)
    expect(await hubspotContact(pair, avery.id, ['email', 'lastname', 'salesforceleadid'])).toEqual(
      averyBefore,
    )
    expect(
      await pair.store.listLinks({ connectionId: 'scenario', objectKind: 'contact', limit: 10 }),
    ).toEqual([])

    // A HubSpot edit causes no Salesforce write: sync refuses.
    await updateHubSpotContact(pair, avery.id, { firstname: 'AfterDisconnect' })
    await pair.resetCounters()
    await nextSecond()
    await expect(h.engine.syncOnce()).rejects.toMatchObject({ code: 'ENGINE_DISCONNECTED' })
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })

    // B-INST-14: reconnect; a cycle with no new change re-creates no link, not even for the record edited
    // while disconnected.
    h.restart()
    await h.engine.resume({ reconnect: true })
    expect((await pair.store.getConnectionState('scenario')).disconnectedAt).toBeUndefined()
    await pair.resetCounters()
    const summary = await h.sync()
    expect(summary.incomplete).toBeUndefined()
    expect(
      await pair.store.listLinks({ connectionId: 'scenario', objectKind: 'contact', limit: 10 }),
    ).toEqual([])
    expect(await pair.writes()).toEqual({ salesforce: 0, hubspot: 0 })
    const lead = (await pair.sf.sobject('Lead').retrieve(avery.leadId)) as { FirstName?: string | null }
    expect(lead.FirstName ?? null).not.toBe('AfterDisconnect')

    // A resync is what links a previously linked record again.
    await nextSecond()
    await h.engine.resync([avery.id])
    const relinked = await pair.store.getLink('scenario', 'contact', 'hubspot', avery.id)
    expect(relinked?.salesforceId).toBe(avery.leadId)
  })
})
