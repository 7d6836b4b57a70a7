import type { Migration, MigrationProvider } from 'kysely'

import type { StoreFlavor } from '../store-dialect.js'
import { createInitialMigration } from './0001-initial.js'
import { connectionStatesMigration } from './0002-connection-states.js'
import { apiLimitReadingsMigration } from './0003-api-limit-readings.js'
import { activityItemsMigration } from './0004-activity-items.js'
import { identitySetupMigration } from './0005-identity-setup.js'

/**
 * The numbered migrations, in order. Kysely applies them by name order and records each in
 * `kysely_migration`; a name, once shipped, never changes.
 */
export class StoreMigrationProvider implements MigrationProvider {
  readonly #flavor: StoreFlavor

  constructor(flavor: StoreFlavor) {
    this.#flavor = flavor
  }

  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({
      '0001-initial': createInitialMigration(this.#flavor),
      '0002-connection-states': connectionStatesMigration,
      '0003-api-limit-readings': apiLimitReadingsMigration,
      '0004-activity-items': activityItemsMigration,
      '0005-identity-setup': identitySetupMigration,
    })
  }
}
