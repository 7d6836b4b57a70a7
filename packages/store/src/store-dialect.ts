import type { Dialect } from 'kysely'

/** The two SQL flavours the store runs on. Migrations differ between them only in identity columns. */
export type StoreFlavor = 'sqlite' | 'postgres'

/** A Kysely dialect together with the flavour it speaks, as built by createSqliteDialect/createPostgresDialect. */
export interface StoreDialect {
  readonly flavor: StoreFlavor
  readonly dialect: Dialect
}
