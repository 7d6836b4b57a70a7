// The setup checks `crmsync doctor` shows and the start of `crmsync run` and `sync --once` enforces
// (B-INST-1, B-INST-4, B-INST-9): one evaluation of what the connectors read about the org and the
// integration user, against what the connection syncs. Pure: the reads happen in the engine (preflight.ts).
import type { SyncErrorCode } from '../errors/error-codes.js'
import type { ObjectPermissionSnapshot } from '../model/connection-identity.js'
import type {
  SalesforceObjectPermissions,
  SalesforceOrganization,
  SalesforceUserPermissions,
} from '../ports/salesforce-connector.js'

/** What the checks look at; `objectPermissions` is undefined when ObjectPermissions could not be read. */
export interface SetupFacts {
  readonly organization: SalesforceOrganization
  readonly userPermissions: SalesforceUserPermissions
  readonly objectPermissions: ReadonlyMap<string, SalesforceObjectPermissions> | undefined
  /** Why the object permissions could not be read (no View Setup and Configuration, usually). */
  readonly objectPermissionsError?: string | undefined
}

/** What the connection needs from the org. */
export interface SetupRequirements {
  /** The Salesforce objects the connection syncs (syncedSalesforceObjects). */
  readonly objects: readonly string[]
  /** salesforce.sandbox: the org must be a sandbox (true) or production (false). */
  readonly sandbox: boolean
}

/** One check; a `fatal` one that fails stops `run` and `sync --once` before anything is scheduled. */
export interface SetupFinding {
  readonly name: string
  readonly ok: boolean
  readonly fatal: boolean
  /** The error code the run refuses with when a fatal check fails. */
  readonly code?: SyncErrorCode | undefined
  readonly detail: string
  readonly fix?: string | undefined
}

/** The switches the objects depend on (a structural subset of the connection's settings). */
export interface SyncedObjectSettings {
  readonly companies: { readonly sync: boolean }
  readonly deals: { readonly sync: boolean }
  /** Activities to Salesforce: any type listed makes Tasks. (Default: none) */
  readonly activities?: { readonly toSalesforce?: readonly unknown[] | undefined } | undefined
}

/**
 * The objects the sync reads and writes: Lead and Contact always; Account with company sync; Opportunity and
 * OpportunityContactRole with deal sync; Task when activities go to Salesforce.
 */
export function syncedSalesforceObjects(settings: SyncedObjectSettings): string[] {
  return [
    'Lead',
    'Contact',
    ...(settings.companies.sync ? ['Account'] : []),
    ...(settings.deals.sync ? ['Opportunity', 'OpportunityContactRole'] : []),
    ...((settings.activities?.toSalesforce?.length ?? 0) > 0 ? ['Task'] : []),
  ]
}

/**
 * Editions without the API, by Organization.OrganizationType (Group Edition reports "Team Edition"). They
 * answer every call with API_DISABLED_FOR_ORG, so this only catches an org that lets the type be read.
 */
const EDITIONS_WITHOUT_API: readonly string[] = [
  'Team Edition',
  'Personal Edition',
  'Contact Manager Edition',
]

const EDITION_FIX =
  'crmsync needs an edition with the Salesforce API: Enterprise, Unlimited, Performance, Developer, or ' +
  'Professional with the API add-on (Group Edition is not supported), and an integration user with ' +
  '"API Enabled" (B-INST-1).'

/** The finding when Salesforce refuses the API outright (API_DISABLED_FOR_ORG): the edition or the user. */
export function apiDisabledFinding(message: string): SetupFinding {
  return {
    name: 'org edition and API access',
    ok: false,
    fatal: true,
    code: 'SF_EDITION_UNSUPPORTED',
    detail:
      'unsupported edition or API disabled: Salesforce refuses every API call (API_DISABLED_FOR_ORG): ' +
      message,
    fix: EDITION_FIX,
  }
}

const kind = (sandbox: boolean): string => (sandbox ? 'a sandbox' : 'production')

/** Every check, in the order doctor prints them. */
export function evaluateSetup(facts: SetupFacts, requirements: SetupRequirements): SetupFinding[] {
  const { organization: org, userPermissions: user } = facts
  const findings: SetupFinding[] = []
  const edition = org.organizationType || 'unknown edition'
  const editionOk = !EDITIONS_WITHOUT_API.includes(org.organizationType)
  findings.push({
    name: 'org edition and API access',
    ok: editionOk,
    fatal: true,
    code: 'SF_EDITION_UNSUPPORTED',
    detail: editionOk ? edition : `unsupported edition: ${edition} has no API`,
    ...(editionOk ? {} : { fix: EDITION_FIX }),
  })
  const kindOk = org.isSandbox === requirements.sandbox
  findings.push({
    name: 'sandbox or production',
    ok: kindOk,
    fatal: true,
    code: 'SF_ORG_KIND_MISMATCH',
    detail: kindOk
      ? `${kind(org.isSandbox)} org, as salesforce.sandbox says`
      : `the org is ${kind(org.isSandbox)} (Organization.IsSandbox = ${String(org.isSandbox)}), the ` +
        `configuration says ${kind(requirements.sandbox)} (salesforce.sandbox: ${String(requirements.sandbox)})`,
    ...(kindOk
      ? {}
      : {
          fix:
            `Point salesforce.instanceUrl and the credentials at ${kind(requirements.sandbox)} org, or set ` +
            `salesforce.sandbox: ${String(org.isSandbox)} (B-INST-9).`,
        }),
  })
  findings.push(
    systemPermission('API Enabled', user.apiEnabled),
    systemPermission('View Setup and Configuration', user.viewSetup),
  )
  findings.push(...objectFindings(facts, requirements.objects))
  return findings
}

function systemPermission(label: string, granted: boolean): SetupFinding {
  return {
    name: `integration user: ${label}`,
    ok: granted,
    fatal: false,
    detail: granted ? 'granted' : 'missing',
    ...(granted
      ? {}
      : { fix: `Give the integration user "${label}" (profile or permission set, B-INST-4).` }),
  }
}

function objectFindings(facts: SetupFacts, objects: readonly string[]): SetupFinding[] {
  const permissions = facts.objectPermissions
  if (permissions === undefined)
    return [
      {
        name: 'integration user: object permissions',
        ok: false,
        fatal: false,
        detail: `not readable: ${facts.objectPermissionsError ?? 'ObjectPermissions could not be read'}`,
        fix: 'Give the integration user "View Setup and Configuration" so its permissions can be checked.',
      },
    ]
  return objects.map((type) => objectFinding(type, permissions.get(type)))
}

/** Each object permission with Setup's name for it, in Setup order. */
const PERMISSION_NAMES: ReadonlyArray<readonly [keyof SalesforceObjectPermissions, string]> = [
  ['read', 'Read'],
  ['create', 'Create'],
  ['edit', 'Edit'],
  ['delete', 'Delete'],
  ['viewAll', 'View All'],
  ['modifyAll', 'Modify All'],
]

/** Setup's names for the object permissions `p` has (`granted`) or lacks, in Setup order. */
function permissionNames(p: SalesforceObjectPermissions | undefined, granted: boolean): string[] {
  return PERMISSION_NAMES.filter(([key]) => (p?.[key] === true) === granted).map(([, label]) => label)
}

const missing = (p: SalesforceObjectPermissions | undefined): string[] => permissionNames(p, false)

/**
 * B-INST-4: the integration user needs Modify All on each synced object. Without Read nothing of the object
 * can sync (fatal); without the rest, records fail one by one with a permission error.
 */
function objectFinding(type: string, p: SalesforceObjectPermissions | undefined): SetupFinding {
  const lacking = missing(p)
  const readable = p?.read === true
  const name = `${type}: object permissions`
  if (lacking.length === 0) return { name, ok: true, fatal: false, detail: 'Modify All' }
  return {
    name,
    ok: false,
    fatal: !readable,
    ...(readable ? {} : { code: 'SF_OBJECT_PERMISSION_MISSING' as const }),
    detail: readable
      ? `missing ${lacking.join(', ')}: writes the user may not make fail record by record`
      : `no Read on ${type}: nothing of it can sync`,
    fix: `Give the integration user Modify All on ${type} (a permission set is enough, B-INST-4).`,
  }
}

/** The granted permission names per object ("Read", "Edit", …, "Modify All"). */
export function objectPermissionSnapshot(
  permissions: ReadonlyMap<string, SalesforceObjectPermissions>,
): ObjectPermissionSnapshot {
  return Object.fromEntries([...permissions].map(([type, p]) => [type, permissionNames(p, true)]))
}

/** One object on which the new integration user has fewer permissions than the old one. */
export interface PermissionLoss {
  readonly object: string
  readonly lost: readonly string[]
}

/** B-INST-8: what the old user could do that the new one cannot, per object the old snapshot lists. */
export function permissionLosses(
  before: ObjectPermissionSnapshot,
  after: ObjectPermissionSnapshot,
): PermissionLoss[] {
  return Object.entries(before).flatMap(([object, had]) => {
    const has = after[object]
    // An object the new snapshot does not list was not checked now (its sync is off): no claim either way.
    if (has === undefined) return []
    const lost = had.filter((name) => !has.includes(name))
    return lost.length === 0 ? [] : [{ object, lost }]
  })
}
