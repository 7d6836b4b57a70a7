import type { Kysely, Migration } from 'kysely'

/**
 * What the pre-flight records with a connection's identity: whether the org is a sandbox (B-INST-9), and the
 * integration user with its object permissions (JSON, B-INST-8), so a change of user is seen with what it
 * lost. Null until the first pre-flight after this migration.
 */
export const identitySetupMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('connection_identities')
      .addColumn('salesforce_is_sandbox', 'integer')
      .execute()
    await db.schema.alterTable('connection_identities').addColumn('salesforce_user_id', 'text').execute()
    await db.schema
      .alterTable('connection_identities')
      .addColumn('salesforce_object_permissions', 'text')
      .execute()
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const column of ['salesforce_object_permissions', 'salesforce_user_id', 'salesforce_is_sandbox'])
      await db.schema.alterTable('connection_identities').dropColumn(column).execute()
  },
}
