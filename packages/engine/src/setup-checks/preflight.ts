// The setup checks' reads and the pre-flight of `crmsync run` and `sync --once` (B-INST-1, 4, 8, 9): what the
// org and the integration user look like, judged by core's evaluateSetup. `crmsync doctor` prints every
// finding (readSetup); the pre-flight refuses on the first fatal one, before anything is scheduled, read or
// written, then records the org's kind and the integration user with the identity and warns when the user
// changed to one with fewer object permissions (links are kept: the org is the same).
import {
  apiDisabledFinding,
  type Connection,
  type ConnectionIdentity,
  evaluateSetup,
  type HubSpotConnector,
  isSyncError,
  objectPermissionSnapshot,
  type PermissionLoss,
  permissionLosses,
  type SalesforceConnector,
  type SetupFacts,
  type SetupFinding,
  type StateStore,
  syncedSalesforceObjects,
  SyncError,
} from '@crmsync/core'

import type { EngineLogger } from '../engine-types.js'
import { assertActivityKeyField } from './activity-key-field.js'

export interface SetupInput {
  readonly connection: Connection
  readonly salesforce: Pick<
    SalesforceConnector,
    'identity' | 'readOrganization' | 'readUserPermissions' | 'readObjectPermissions'
  >
}

export interface PreflightInput extends SetupInput {
  /** With activity sync on, the Task describe too (assertActivityKeyField). */
  readonly salesforce: SetupInput['salesforce'] & Pick<SalesforceConnector, 'describe'>
  readonly hubspot: Pick<HubSpotConnector, 'identity'>
  readonly store: Pick<StateStore, 'getIdentity' | 'setIdentity'>
  readonly logger: EngineLogger
  /** Record the org's kind and the integration user (not in a dry run). (Default: true) */
  readonly record?: boolean | undefined
}

/** A different integration user than the one recorded, and what it lost (B-INST-8). */
export interface IntegrationUserChange {
  readonly previousUserId: string
  readonly userId: string
  readonly losses: readonly PermissionLoss[]
}

export interface SetupReport {
  readonly findings: readonly SetupFinding[]
  /** Undefined when the org refused the first read (API_DISABLED_FOR_ORG). */
  readonly facts: SetupFacts | undefined
  readonly userId: string | undefined
  readonly orgId: string | undefined
}

/**
 * Reads the org (1 call), the user's system permissions (1) and its object permissions on the synced
 * objects (2, after the cached identity), and evaluates them. A refused API is one fatal finding; an
 * unreadable ObjectPermissions (no View Setup) is a failed, non-fatal one. Other errors propagate.
 */
export async function readSetup(input: SetupInput): Promise<SetupReport> {
  const { connection, salesforce } = input
  let organization: SetupFacts['organization']
  try {
    organization = await salesforce.readOrganization()
  } catch (err) {
    if (isSyncError(err) && err.code === 'SF_API_DISABLED')
      return {
        findings: [apiDisabledFinding(err.message)],
        facts: undefined,
        userId: undefined,
        orgId: undefined,
      }
    throw err
  }
  const userPermissions = await salesforce.readUserPermissions()
  const identity = await salesforce.identity()
  const objects = syncedSalesforceObjects(connection.settings)
  let objectPermissions: SetupFacts['objectPermissions']
  let objectPermissionsError: string | undefined
  try {
    objectPermissions = await salesforce.readObjectPermissions(objects)
  } catch (err) {
    if (!isSyncError(err) || err.retryable) throw err
    objectPermissionsError = `${err.code}: ${err.message}`
  }
  const facts: SetupFacts = { organization, userPermissions, objectPermissions, objectPermissionsError }
  return {
    findings: evaluateSetup(facts, { objects, sandbox: connection.salesforce.sandbox }),
    facts,
    userId: identity.userId,
    orgId: identity.orgId,
  }
}

/** B-INST-8: the recorded integration user, if it differs from the current one, with what was lost. */
export function integrationUserChange(
  stored: ConnectionIdentity | undefined,
  report: SetupReport,
): IntegrationUserChange | undefined {
  const before = stored?.salesforceUser
  const permissions = report.facts?.objectPermissions
  if (before === undefined || report.userId === undefined || before.userId === report.userId) return undefined
  return {
    previousUserId: before.userId,
    userId: report.userId,
    losses:
      permissions === undefined
        ? []
        : permissionLosses(before.objectPermissions, objectPermissionSnapshot(permissions)),
  }
}

/**
 * The pre-flight: throws a SyncError for the first fatal finding (exit 3 in the CLI) or for activity sync
 * without its Task key field (ACTIVITY_KEY_FIELD_MISSING), else records the org's kind and the integration
 * user with the identity and warns about a changed user. Never touches links.
 */
export async function preflight(input: PreflightInput): Promise<SetupReport> {
  const report = await readSetup(input)
  const fatal = report.findings.find((f) => !f.ok && f.fatal)
  // API access lost by a connection that already ran is B-ERR-9's suspension, which probes and resumes by
  // itself; refusing to start is for a connection that never worked (B-INST-1).
  if (report.facts === undefined && (await input.store.getIdentity(input.connection.id)) !== undefined) {
    input.logger.warn(
      { connection: input.connection.id, detail: fatal?.detail },
      'Salesforce refuses API access; the connection is suspended until it returns',
    )
    return report
  }
  if (fatal !== undefined)
    throw new SyncError({
      code: fatal.code ?? 'SF_EDITION_UNSUPPORTED',
      message: `${fatal.name}: ${fatal.detail}${fatal.fix === undefined ? '' : `. ${fatal.fix}`}`,
      origin: 'salesforce',
      retryable: false,
    })
  await assertActivityKeyField(input)
  if (input.record !== false) await recordSetup(input, report)
  return report
}

async function recordSetup(input: PreflightInput, report: SetupReport): Promise<void> {
  const { connection, store, logger } = input
  if (report.facts === undefined || report.orgId === undefined || report.userId === undefined) return
  const stored = await store.getIdentity(connection.id)
  // Another org is the engine's refusal (ENGINE_IDENTITY_CHANGED); nothing is recorded over it.
  if (stored !== undefined && stored.salesforceOrgId !== report.orgId) return
  const change = integrationUserChange(stored, report)
  if (change !== undefined)
    logger.warn(
      {
        connection: connection.id,
        previousUserId: change.previousUserId,
        userId: change.userId,
        permissionsLost: change.losses.map((l) => `${l.object}: ${l.lost.join(', ')}`),
      },
      change.losses.length === 0
        ? 'the Salesforce integration user changed; it has at least the permissions of the previous one, links are kept'
        : 'the Salesforce integration user changed to one with fewer object permissions; links are kept, and records it may not write will fail one by one',
    )
  const permissions = report.facts.objectPermissions
  const sameUser = stored?.salesforceUser?.userId === report.userId
  const snapshot =
    permissions === undefined
      ? undefined
      : {
          // The same user keeps what it had on objects not checked now (their sync is off).
          ...(sameUser ? stored?.salesforceUser?.objectPermissions : {}),
          ...objectPermissionSnapshot(permissions),
        }
  let base: ConnectionIdentity | undefined = stored
  if (base === undefined) {
    const portal = await input.hubspot.identity()
    const expected = connection.hubspot.portalId
    // A token of another portal is the engine's refusal too; the identity is recorded only when it is right.
    if (expected !== undefined && String(expected) !== portal.portalId) return
    base = { connectionId: connection.id, salesforceOrgId: report.orgId, hubspotPortalId: portal.portalId }
  }
  await store.setIdentity({
    ...base,
    salesforceIsSandbox: report.facts.organization.isSandbox,
    ...(snapshot === undefined
      ? {}
      : { salesforceUser: { userId: report.userId, objectPermissions: snapshot } }),
  })
}
