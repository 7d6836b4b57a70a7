import { afterEach, beforeEach, describe } from 'vitest'

import { describeActivityItemsContract } from './contract/activity-items-contract.js'
import { describeApiLimitReadingsContract } from './contract/api-limit-readings-contract.js'
import { describeConnectionStateContract } from './contract/connection-state-contract.js'
import { describeCursorsAndIdentityContract } from './contract/cursors-identity-contract.js'
import { describeEpochMsContract } from './contract/epoch-ms-contract.js'
import { describeErrorsContract } from './contract/errors-contract.js'
import { describeInboxContract } from './contract/inbox-contract.js'
import { describeLinksContract } from './contract/links-contract.js'
import { describeMigrationsContract } from './contract/migrations-contract.js'
import { describeRecordCountsContract } from './contract/record-counts-contract.js'
import { describeTransactionContract } from './contract/transaction-contract.js'
import { describeUsageAuditSettingsContract } from './contract/usage-audit-settings-contract.js'
import type { KyselyStateStore } from './kysely-state-store.js'

export interface StateStoreContractOptions {
  /**
   * Returns a store over an empty, already migrated database, for backends where migrating per test is slow
   * (Postgres DDL: about 250 ms). (Default: makeStore() followed by migrate())
   */
  readonly makeMigratedStore?: (() => Promise<KyselyStateStore>) | undefined
}

/**
 * The one StateStore test suite, run on every backend (style guide item 22). `makeStore` returns a store over
 * a fresh, empty, unmigrated database each time it is called. Every store the suite opens is closed after
 * its test.
 */
export function runStateStoreContract(
  name: string,
  makeStore: () => Promise<KyselyStateStore>,
  options: StateStoreContractOptions = {},
): void {
  describe(`StateStore contract: ${name}`, () => {
    const opened: KyselyStateStore[] = []
    let current: KyselyStateStore | undefined

    async function fresh(): Promise<KyselyStateStore> {
      const store = await makeStore()
      opened.push(store)
      return store
    }

    beforeEach(async () => {
      if (options.makeMigratedStore === undefined) {
        current = await fresh()
        await current.migrate()
      } else {
        current = await options.makeMigratedStore()
        opened.push(current)
      }
    })

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()))
      current = undefined
    })

    const ctx = {
      store: (): KyselyStateStore => {
        if (current === undefined) throw new Error('no store outside a test')
        return current
      },
      fresh,
    }

    describe('migrations', () => describeMigrationsContract(ctx))
    describe('links', () => describeLinksContract(ctx))
    describe('cursors and identity', () => describeCursorsAndIdentityContract(ctx))
    describe('inbox', () => describeInboxContract(ctx))
    describe('transaction', () => describeTransactionContract(ctx))
    describe('errors', () => describeErrorsContract(ctx))
    describe('API usage, audit, settings', () => describeUsageAuditSettingsContract(ctx))
    describe('API limit readings', () => describeApiLimitReadingsContract(ctx))
    describe('epoch ms', () => describeEpochMsContract(ctx))
    describe('connection state', () => describeConnectionStateContract(ctx))
    describe('activity items', () => describeActivityItemsContract(ctx))
    describe('record counts', () => describeRecordCountsContract(ctx))
  })
}
