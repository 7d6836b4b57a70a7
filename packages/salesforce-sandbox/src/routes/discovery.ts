// Versions, resources, describeGlobal, describe and limits.
import type { FastifyInstance } from 'fastify'

import { notFound } from '../errors.js'
import { userOf } from '../hooks.js'
import { describeField } from '../metadata/fields.js'
import { FULL_ACCESS, type ObjectAccess, objectAccess } from '../metadata/permission-sets.js'
import { CHILD_RELATIONSHIPS } from '../metadata/relationships.js'
import type { SandboxState } from '../state.js'
import type { Table } from '../store/table.js'
import { origin } from './oauth.js'

// The versions a production org serves as of Winter '26: 31.0 (Summer '14) to 65.0; 21.0-30.0 were
// retired in Summer '25. Three releases a year, 59.0 being Winter '24.
const OLDEST_VERSION = 31
const NEWEST_VERSION = 65
const SEASONS = ['Winter', 'Spring', 'Summer']

function releaseLabel(major: number): string {
  const offset = major - 59
  const year = 24 + Math.floor(offset / 3)
  return `${SEASONS[((offset % 3) + 3) % 3]!} '${String(year).padStart(2, '0')}`
}

/** Whether a path segment such as `v59.0` names a version the org serves (others are 404 NOT_FOUND). */
function isKnownVersion(segment: string): boolean {
  const match = /^v(\d+)\.0$/.exec(segment)
  const major = Number(match?.[1])
  return major >= OLDEST_VERSION && major <= NEWEST_VERSION
}

// The keys of a real org's resource map (abridged). Not all are emulated: the others answer 404 NOT_FOUND
// as any path the sandbox does not know.
const RESOURCES = [
  'actions',
  'analytics',
  'appMenu',
  'chatter',
  'compactLayouts',
  'composite',
  'connect',
  'folders',
  'knowledgeManagement',
  'licensing',
  'limits',
  'metadata',
  'parameterizedSearch',
  'process',
  'query',
  'queryAll',
  'quickActions',
  'recent',
  'search',
  'sobjects',
  'support',
  'tabs',
  'theme',
  'tooling',
]

function objectUrls(version: string, name: string): Record<string, string> {
  const base = `/services/data/${version}/sobjects/${name}`
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` }
}

/** An object's summary; `access` is the session user's object permissions (describe reflects them). */
function summary(table: Table, version: string, access: ObjectAccess = FULL_ACCESS): Record<string, unknown> {
  const def = table.def
  return {
    name: def.name,
    label: def.label,
    labelPlural: def.labelPlural,
    keyPrefix: def.keyPrefix,
    custom: false,
    customSetting: false,
    queryable: true,
    searchable: true,
    createable: def.createable && access.PermissionsCreate,
    updateable: def.updateable && access.PermissionsEdit,
    deletable: def.deletable && access.PermissionsDelete,
    retrieveable: true,
    replicateable: true,
    mergeable: def.mergeable,
    layoutable: true,
    triggerable: true,
    undeletable: def.deletable && access.PermissionsDelete,
    urls: objectUrls(version, def.name),
  }
}

/** The full describe of one object; also used by the SOAP and tooling code paths. */
export function describe(
  state: SandboxState,
  table: Table,
  version: string,
  access: ObjectAccess = FULL_ACCESS,
): Record<string, unknown> {
  const org = state.org
  const childRelationships = [...org.tables.values()].flatMap((child) =>
    child.def.fields
      .filter((f) => f.type === 'reference' && f.referenceTo.includes(table.def.name) && f.createable)
      .map((f) => ({
        childSObject: child.def.name,
        field: f.name,
        relationshipName: CHILD_RELATIONSHIPS[`${child.def.name}.${f.name}`] ?? null,
        cascadeDelete: child.def.name === 'OpportunityContactRole',
        restrictedDelete: false,
      })),
  )
  const recordTypes = [...(org.table('RecordType')?.rows() ?? [])].filter(
    (r) => String(r['SobjectType']) === table.def.name && r['IsDeleted'] !== true,
  )
  const recordTypeInfos = [
    ...recordTypes.map((r) => ({
      recordTypeId: r['Id'],
      name: r['Name'],
      developerName: r['DeveloperName'],
      active: r['IsActive'] === true,
      available: true,
      defaultRecordTypeMapping: false,
      master: false,
      urls: {
        layout: `/services/data/${version}/sobjects/${table.def.name}/describe/layouts/${String(r['Id'])}`,
      },
    })),
    {
      recordTypeId: '012000000000000AAA',
      name: 'Master',
      developerName: 'Master',
      active: true,
      available: true,
      defaultRecordTypeMapping: true,
      master: true,
      urls: {},
    },
  ]
  return {
    ...summary(table, version, access),
    fields: table.def.fields.map((f) => describeField(f, org.picklistValues(f))),
    childRelationships,
    recordTypeInfos,
    supportedScopes: [{ label: 'All', name: 'everything' }],
  }
}

export function discoveryRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get('/services/data', () => {
    const versions = []
    for (let major = OLDEST_VERSION; major <= NEWEST_VERSION; major++) {
      const version = `${major}.0`
      versions.push({ label: releaseLabel(major), url: `/services/data/v${version}`, version })
    }
    return versions
  })

  // Resources by version; jsforce's identity() on a token-only connection reads `identity` here and
  // requests it as is, so it is absolute (Salesforce names the login host) and names the token's user.
  app.get('/services/data/:version', (request) => {
    const { version } = request.params as { version: string }
    if (!isKnownVersion(version)) throw notFound()
    const base = `/services/data/${version}`
    return Object.fromEntries([
      ...RESOURCES.map((name) => [name, `${base}/${name}`]),
      ['identity', `${origin(request)}/id/${state.org.orgId}/${userOf(request, state)}`],
    ])
  })

  app.get('/services/data/:version/sobjects', (request) => {
    const { version } = request.params as { version: string }
    const userId = userOf(request, state)
    // An object the user cannot read is not listed at all.
    const sobjects = [...state.org.tables.values()].flatMap((t) => {
      const access = objectAccess(state.org, userId, t.def.name)
      return access.PermissionsRead ? [summary(t, version, access)] : []
    })
    return { encoding: 'UTF-8', maxBatchSize: 200, sobjects }
  })

  app.get('/services/data/:version/sobjects/:type', (request) => {
    const { version, type } = request.params as { version: string; type: string }
    const table = state.org.table(type)
    if (!table) throw notFound()
    const access = objectAccess(state.org, userOf(request, state), table.def.name)
    return { objectDescribe: summary(table, version, access), recentItems: [] }
  })

  app.get('/services/data/:version/sobjects/:type/describe', (request) => {
    const { version, type } = request.params as { version: string; type: string }
    const table = state.org.table(type)
    if (!table) throw notFound()
    return describe(state, table, version, objectAccess(state.org, userOf(request, state), table.def.name))
  })

  app.get('/services/data/:version/limits', () => ({
    DailyApiRequests: { Max: state.apiMax, Remaining: Math.max(0, state.apiMax - state.apiUsed) },
    DataStorageMB: { Max: 1024, Remaining: 1024 },
    FileStorageMB: { Max: 1024, Remaining: 1024 },
    DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
    ConcurrentAsyncGetReportInstances: { Max: 200, Remaining: 200 },
  }))
}
