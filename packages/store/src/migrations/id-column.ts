import type { CreateTableBuilder } from 'kysely'

import type { StoreFlavor } from '../store-dialect.js'

/**
 * Adds a store-assigned integer primary key `id`. The only place the two flavours need different DDL: SQLite
 * assigns ids only to a column declared exactly `integer primary key`, while Postgres needs an identity column
 * (bigint, returned as a number by our pool). Shared by migrations, so never change what it emits; add a new
 * helper instead.
 */
export function addIdColumn<T extends string>(
  table: CreateTableBuilder<T>,
  flavor: StoreFlavor,
): CreateTableBuilder<T, 'id'> {
  return flavor === 'sqlite'
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
}
