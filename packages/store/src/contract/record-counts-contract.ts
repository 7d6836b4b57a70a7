import type { ErrorOccurrence, InboxArrival } from '@crmsync/core'
import { expect, it } from 'vitest'

import { CONNECTION, type ContractContext, makeLink, T0 } from './contract-context.js'

function arrival(overrides: Partial<InboxArrival>): InboxArrival {
  return { connectionId: CONNECTION, objectKind: 'contact', side: 'hubspot', recordId: '101', ...overrides }
}

function failure(overrides: Partial<ErrorOccurrence>): ErrorOccurrence {
  return {
    connectionId: CONNECTION,
    objectKind: 'contact',
    side: 'hubspot',
    recordId: '101',
    code: 'SF_VALIDATION',
    message: 'refused',
    at: T0,
    ...overrides,
  }
}

const sfId = (n: number) => `003000000000${String(n).padStart(3, '0')}AAA`

export function describeRecordCountsContract(ctx: ContractContext): void {
  it('countLinks counts links per kind and state with the database; another connection is not counted', async () => {
    const store = ctx.store()
    expect(await store.countLinks(CONNECTION)).toEqual([])
    await store.upsertLinks([
      makeLink({ hubspotId: '1', salesforceId: sfId(1) }),
      makeLink({ hubspotId: '2', salesforceId: sfId(2) }),
      makeLink({ hubspotId: '3', salesforceId: sfId(3), state: 'broken' }),
      makeLink({ hubspotId: '4', salesforceId: sfId(4), objectKind: 'company', salesforceType: 'Account' }),
      makeLink({ hubspotId: '5', salesforceId: sfId(5), connectionId: 'other' }),
    ])
    expect(await store.countLinks(CONNECTION)).toEqual([
      { objectKind: 'company', state: 'active', links: 1 },
      { objectKind: 'contact', state: 'active', links: 2 },
      { objectKind: 'contact', state: 'broken', links: 1 },
    ])
  })

  it('countInboxByKind counts waiting rows per kind', async () => {
    const store = ctx.store()
    expect(await store.countInboxByKind(CONNECTION)).toEqual([])
    await store.enqueue([
      arrival({ recordId: '1' }),
      arrival({ recordId: '2', side: 'salesforce' }),
      arrival({ recordId: '1', objectKind: 'deal' }),
      arrival({ recordId: '9', connectionId: 'other' }),
    ])
    expect(await store.countInboxByKind(CONNECTION)).toEqual([
      { objectKind: 'contact', rows: 2 },
      { objectKind: 'deal', rows: 1 },
    ])
  })

  it('countRecordStatus counts each record once (a Salesforce id as its link), open errors only, active links in sync', async () => {
    const store = ctx.store()
    await store.upsertLinks([
      makeLink({ hubspotId: '101', salesforceId: sfId(101) }),
      makeLink({ hubspotId: '102', salesforceId: sfId(102) }),
      makeLink({ hubspotId: '103', salesforceId: sfId(103) }),
      makeLink({ hubspotId: '104', salesforceId: sfId(104) }),
      makeLink({ hubspotId: '105', salesforceId: sfId(105), state: 'tombstoned' }),
      makeLink({ hubspotId: '106', salesforceId: sfId(106), connectionId: 'other' }),
    ])
    await store.enqueue([
      arrival({ recordId: '101' }),
      // 101 again, by its Salesforce id and as its company association: still one record.
      arrival({ recordId: sfId(101), side: 'salesforce' }),
      arrival({ recordId: sfId(101), side: 'salesforce', objectKind: 'contact-company' }),
      arrival({ recordId: sfId(102), side: 'salesforce' }),
      // Unlinked on either side: a record each.
      arrival({ recordId: '00Q000000000999AAA', side: 'salesforce' }),
      arrival({ recordId: '999' }),
      // Not a contact's row, or another connection's.
      arrival({ recordId: '103', objectKind: 'company' }),
      arrival({ recordId: '104', connectionId: 'other' }),
      // A tombstoned link's record still waits.
      arrival({ recordId: '105' }),
    ])
    await store.recordError(failure({ recordId: '101' }))
    await store.recordError(failure({ recordId: sfId(103), side: 'salesforce', code: 'VALUE_TOO_LONG' }))
    await store.recordError(failure({ recordId: sfId(103), side: 'salesforce' }))
    await store.recordError(failure({ recordId: '00Q000000000888AAA', side: 'salesforce' }))
    await store.recordError(failure({ recordId: '104' }))
    await store.resolveErrors(
      { record: { connectionId: CONNECTION, objectKind: 'contact', side: 'hubspot', recordId: '104' } },
      T0 + 1,
    )
    await store.recordError(failure({ recordId: '104', objectKind: 'deal' }))

    const kinds = ['contact', 'contact-company'] as const
    expect(
      await store.countRecordStatus({ connectionId: CONNECTION, linkKind: 'contact', recordKinds: kinds }),
    ).toEqual({
      // hubspot 101, 102 (by its Salesforce id), the unlinked Salesforce and HubSpot ids, 105.
      pending: 5,
      // 101, 103 (two codes, one record), the unlinked Salesforce id; 104's error is resolved.
      failing: 3,
      // Active 101 to 104: 101 waits and fails, 102 waits, 103 fails.
      inSync: 1,
    })
    expect(
      await store.countRecordStatus({ connectionId: CONNECTION, linkKind: 'contact', recordKinds: [] }),
    ).toEqual({ pending: 0, failing: 0, inSync: 4 })
    expect(
      await store.countRecordStatus({ connectionId: 'nobody', linkKind: 'contact', recordKinds: kinds }),
    ).toEqual({ pending: 0, failing: 0, inSync: 0 })
  })
}
