// Versions, resources, describeGlobal, describe and limits.
import type { FastifyInstance } from 'fastify'

import { notFound } from '../errors.js'
import { describeField } from '../metadata/fields.js'
import { CHILD_RELATIONSHIPS } from '../metadata/relationships.js'
import type { SandboxState } from '../state.js'
import type { Table } from '../store/table.js'

const VERSIONS: [string, string][] = [
  ["Winter '23", '56.0'],
  ["Spring '23", '57.0'],
  ["Summer '23", '58.0'],
  ["Winter '24", '59.0'],
  ["Spring '24", '60.0'],
  ["Summer '24", '61.0'],
  ["Winter '25", '62.0'],
]

function objectUrls(version: string, name: string): Record<string, string> {
  const base = `/services/data/${version}/sobjects/${name}`
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` }
}

function summary(table: Table, version: string): Record<string, unknown> {
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
    createable: def.createable,
    updateable: def.updateable,
    deletable: def.deletable,
    retrieveable: true,
    replicateable: true,
    mergeable: def.mergeable,
    layoutable: true,
    triggerable: true,
    undeletable: def.deletable,
    urls: objectUrls(version, def.name),
  }
}

/** The full describe of one object; also used by the SOAP and tooling code paths. */
export function describe(state: SandboxState, table: Table, version: string): Record<string, unknown> {
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
    ...summary(table, version),
    fields: table.def.fields.map((f) => describeField(f, org.picklistValues(f))),
    childRelationships,
    recordTypeInfos,
    supportedScopes: [{ label: 'All', name: 'everything' }],
  }
}

export function discoveryRoutes(app: FastifyInstance, state: SandboxState): void {
  const versions = (): unknown =>
    VERSIONS.map(([label, version]) => ({ label, url: `/services/data/v${version}`, version }))
  app.get('/services/data', versions)
  app.get('/services/data/', versions)

  app.get('/services/data/:version/', (request) => {
    const { version } = request.params as { version: string }
    const base = `/services/data/${version}`
    const names = ['sobjects', 'query', 'queryAll', 'composite', 'limits', 'tooling', 'recent', 'search']
    return Object.fromEntries([
      ...names.map((n) => [n, `${base}/${n}`]),
      ['identity', `/id/${state.org.orgId}/${state.org.integrationUserId}`],
    ])
  })

  app.get('/services/data/:version/sobjects', (request) => {
    const { version } = request.params as { version: string }
    return {
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: [...state.org.tables.values()].map((t) => summary(t, version)),
    }
  })

  app.get('/services/data/:version/sobjects/:type', (request) => {
    const { version, type } = request.params as { version: string; type: string }
    const table = state.org.table(type)
    if (!table) throw notFound()
    return { objectDescribe: summary(table, version), recentItems: [] }
  })

  app.get('/services/data/:version/sobjects/:type/describe', (request) => {
    const { version, type } = request.params as { version: string; type: string }
    const table = state.org.table(type)
    if (!table) throw notFound()
    return describe(state, table, version)
  })

  app.get('/services/data/:version/limits', () => ({
    DailyApiRequests: { Max: state.apiMax, Remaining: Math.max(0, state.apiMax - state.apiUsed) },
    DataStorageMB: { Max: 1024, Remaining: 1024 },
    FileStorageMB: { Max: 1024, Remaining: 1024 },
    DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
    ConcurrentAsyncGetReportInstances: { Max: 200, Remaining: 200 },
  }))
}
