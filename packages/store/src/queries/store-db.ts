import type { Kysely } from 'kysely'

import type { StoreDatabase } from '../schema.js'

/** A Kysely instance or transaction over the store's tables; every query function takes one. */
export type StoreDb = Kysely<StoreDatabase>
