import { compareConnectionIdentity } from '@crmsync/core'
import { expect, it } from 'vitest'

import { CONNECTION, type ContractContext, T0 } from './contract-context.js'

export function describeCursorsAndIdentityContract(ctx: ContractContext): void {
  it('round-trips cursors per side and stream, and overwrites on advance', async () => {
    const store = ctx.store()
    expect(await store.getCursor(CONNECTION, 'salesforce', 'Lead')).toBeUndefined()
    const lead = {
      connectionId: CONNECTION,
      side: 'salesforce' as const,
      stream: 'Lead',
      value: '2026-01-01T00:00:00.000Z',
      updatedAt: T0,
    }
    await store.setCursor(lead)
    await store.setCursor({ ...lead, stream: 'Lead:deleted', value: 'x' })
    expect(await store.getCursor(CONNECTION, 'salesforce', 'Lead')).toEqual(lead)
    await store.setCursor({ ...lead, value: '2026-01-02T00:00:00.000Z', updatedAt: T0 + 60_000 })
    expect(await store.getCursor(CONNECTION, 'salesforce', 'Lead')).toEqual({
      ...lead,
      value: '2026-01-02T00:00:00.000Z',
      updatedAt: T0 + 60_000,
    })
    expect((await store.getCursor(CONNECTION, 'salesforce', 'Lead:deleted'))?.value).toBe('x')
    expect(await store.getCursor(CONNECTION, 'hubspot', 'Lead')).toBeUndefined()
  })

  it('detects a changed org or portal id against the stored identity', async () => {
    const store = ctx.store()
    const identity = { connectionId: CONNECTION, salesforceOrgId: '00D000000000001', hubspotPortalId: '123' }
    expect(compareConnectionIdentity(await store.getIdentity(CONNECTION), identity)).toEqual({ kind: 'new' })
    await store.setIdentity(identity)
    const stored = await store.getIdentity(CONNECTION)
    expect(stored).toEqual(identity)
    expect(compareConnectionIdentity(stored, identity)).toEqual({ kind: 'unchanged' })
    const sandboxCopy = { ...identity, salesforceOrgId: '00D000000000002' }
    expect(compareConnectionIdentity(stored, sandboxCopy)).toEqual({
      kind: 'changed',
      fields: ['salesforceOrgId'],
    })
    await store.setIdentity(sandboxCopy)
    expect(await store.getIdentity(CONNECTION)).toEqual(sandboxCopy)
    expect(await store.getIdentity('other')).toBeUndefined()
  })

  it('B-INST-8, B-INST-9: keeps the sandbox flag and the integration user with its object permissions', async () => {
    const store = ctx.store()
    const base = { connectionId: CONNECTION, salesforceOrgId: '00D000000000001', hubspotPortalId: '123' }
    await store.setIdentity(base)
    expect(await store.getIdentity(CONNECTION)).toEqual(base)
    const full = {
      ...base,
      salesforceIsSandbox: true,
      salesforceUser: {
        userId: '005000000000001AAA',
        objectPermissions: { Lead: ['Read', 'Edit'], Opportunity: [] },
      },
    }
    await store.setIdentity(full)
    expect(await store.getIdentity(CONNECTION)).toEqual(full)
    // A write without them (the engine's first run) keeps what was recorded.
    await store.setIdentity(base)
    expect(await store.getIdentity(CONNECTION)).toEqual(full)
    await store.setIdentity({ ...full, salesforceIsSandbox: false })
    expect((await store.getIdentity(CONNECTION))?.salesforceIsSandbox).toBe(false)
  })
}
