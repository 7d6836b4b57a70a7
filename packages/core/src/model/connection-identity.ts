/**
 * The ids of the two accounts a connection joins (design.md section 3.1). If either changes (a full-copy
 * sandbox org keeps production record ids), the engine refuses to start.
 */
export interface ConnectionIdentity {
  readonly connectionId: string
  readonly salesforceOrgId: string
  readonly hubspotPortalId: string
  /** Organization.IsSandbox as the pre-flight saw it (B-INST-9). (Default: not recorded yet) */
  readonly salesforceIsSandbox?: boolean | undefined
  /** The integration user at the last pre-flight and what it could do (B-INST-8). (Default: not recorded yet) */
  readonly salesforceUser?: IntegrationUserRecord | undefined
}

/** The granted object permissions per object, as Setup names them ("Read", "Edit", …, "Modify All"). */
export type ObjectPermissionSnapshot = Readonly<Record<string, readonly string[]>>

/** The Salesforce integration user a connection ran as, with its object permissions then. */
export interface IntegrationUserRecord {
  readonly userId: string
  readonly objectPermissions: ObjectPermissionSnapshot
}

/** How an observed identity compares with the stored one. */
export type IdentityComparison =
  | { readonly kind: 'new' }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'changed'; readonly fields: ReadonlyArray<'salesforceOrgId' | 'hubspotPortalId'> }

/** Compares what the connectors report now with what the store recorded; `new` when nothing was stored. */
export function compareConnectionIdentity(
  stored: ConnectionIdentity | undefined,
  observed: ConnectionIdentity,
): IdentityComparison {
  if (stored === undefined) return { kind: 'new' }
  const fields: Array<'salesforceOrgId' | 'hubspotPortalId'> = []
  if (stored.salesforceOrgId !== observed.salesforceOrgId) fields.push('salesforceOrgId')
  if (stored.hubspotPortalId !== observed.hubspotPortalId) fields.push('hubspotPortalId')
  return fields.length === 0 ? { kind: 'unchanged' } : { kind: 'changed', fields }
}
