import type { Link } from '@crmsync/core'

import type { KyselyStateStore } from '../kysely-state-store.js'

/** What each part of the contract suite gets from runStateStoreContract. */
export interface ContractContext {
  /** The current test's store: a fresh, migrated database. */
  readonly store: () => KyselyStateStore
  /** Another store over a fresh database, not migrated; closed after the test. */
  readonly fresh: () => Promise<KyselyStateStore>
}

/** Epoch ms past 2^31 and 2^32, so a 32-bit column or a string round trip would show. */
export const T0 = 1_900_000_000_123

export const CONNECTION = 'conn-a'

export function makeLink(overrides: Partial<Link> = {}): Link {
  return {
    connectionId: CONNECTION,
    objectKind: 'contact',
    hubspotId: '101',
    salesforceType: 'Lead',
    salesforceId: '00Q000000000001AAA',
    state: 'active',
    fields: {
      email: {
        ancestor: 'a@example.com',
        hubspotShadow: { value: 'a@example.com', seenAt: T0 },
        salesforceShadow: { value: 'a@example.com', seenAt: T0 + 1 },
      },
      phone: { ancestor: null },
    },
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  }
}
