// Tooling API: create, read, query and delete CustomField records; creating one adds the field at once.
import type { FastifyInstance } from 'fastify'

import { toSecond } from '../clock.js'
import { notFound, RecordError } from '../errors.js'
import { normalizeId } from '../ids.js'
import { addCustomField, type CustomFieldMetadata } from '../metadata/custom-fields.js'
import { field, system } from '../metadata/fields.js'
import { runQuery } from '../soql/execute.js'
import type { SandboxState } from '../state.js'
import { Org } from '../store/org.js'

/** The tooling side of an org: its own object namespace, holding CustomField rows. */
export function createToolingOrg(state: SandboxState): Org {
  const tooling = new Org(state.clock)
  tooling.tables.clear()
  tooling.addObject({
    name: 'CustomField',
    label: 'Custom Field',
    labelPlural: 'Custom Fields',
    keyPrefix: '00N',
    fields: [
      system('Id', 'id'),
      field('DeveloperName', 'string'),
      field('TableEnumOrId', 'string'),
      field('FullName', 'string'),
      system('CreatedDate', 'datetime'),
      system('LastModifiedDate', 'datetime'),
      system('IsDeleted', 'boolean'),
    ],
    createable: true,
    updateable: false,
    deletable: true,
    mergeable: false,
    archivable: false,
  })
  return tooling
}

/** Records the CustomField row for a field added to the org (also used by seeds and the admin API). */
export function recordCustomField(
  state: SandboxState,
  tooling: Org,
  fullName: string,
  metadata: CustomFieldMetadata,
): string {
  const [objectName, name] = fullName.split('.')
  const now = toSecond(state.clock.now())
  const id = state.org.ids.next('00N')
  // Custom activity fields belong to `Activity`, the object Task and Event share.
  const object =
    objectName!.toLowerCase() === 'activity' ? 'Activity' : state.org.table(objectName!)!.def.name
  tooling.table('CustomField')!.put({
    Id: id,
    DeveloperName: name!.replace(/__c$/, ''),
    TableEnumOrId: object,
    FullName: `${object}.${name!}`,
    CreatedDate: now,
    LastModifiedDate: now,
    IsDeleted: false,
    _metadata: metadata,
  })
  return id
}

export function toolingRoutes(app: FastifyInstance, state: SandboxState, tooling: () => Org): void {
  const base = '/services/data/:version/tooling'

  app.post(`${base}/sobjects/CustomField`, (request, reply) => {
    const body = (request.body ?? {}) as { FullName?: unknown; Metadata?: CustomFieldMetadata }
    addCustomField(state.org, body.FullName, body.Metadata ?? {})
    const id = recordCustomField(state, tooling(), String(body.FullName), body.Metadata ?? {})
    return reply.code(201).send({ id, success: true, errors: [], warnings: [], infos: [] })
  })

  app.get(`${base}/sobjects/CustomField/:id`, (request) => {
    const { version, id } = request.params as { version: string; id: string }
    const row = tooling()
      .table('CustomField')!
      .get(normalizeId(id) ?? '')
    if (!row || row['IsDeleted'] === true) throw notFound()
    return {
      attributes: {
        type: 'CustomField',
        url: `/services/data/${version}/tooling/sobjects/CustomField/${id}`,
      },
      Id: row['Id'],
      DeveloperName: row['DeveloperName'],
      TableEnumOrId: row['TableEnumOrId'],
      FullName: row['FullName'],
      Metadata: row['_metadata'],
    }
  })

  app.get(`${base}/query`, (request) => {
    const { version } = request.params as { version: string }
    const { q } = request.query as { q?: string }
    const outcome = runQuery(tooling(), q ?? '', { all: false, version: `${version}/tooling` })
    return {
      size: outcome.totalSize,
      totalSize: outcome.totalSize,
      done: true,
      entityTypeName: 'CustomField',
      records: outcome.rows.map(outcome.project),
    }
  })

  app.delete(`${base}/sobjects/CustomField/:id`, (request, reply) => {
    const { id } = request.params as { id: string }
    const table = tooling().table('CustomField')!
    const row = table.get(normalizeId(id) ?? '')
    if (!row || row['IsDeleted'] === true) throw notFound()
    const [objectName, name] = String(row['FullName']).split('.')
    const objectTable = state.org.table(objectName!)
    if (!objectTable?.field(name ?? '')) {
      throw new RecordError('INVALID_FIELD', `No such field ${String(row['FullName'])}`).toSfError()
    }
    objectTable.removeField(name!)
    table.put({ ...row, IsDeleted: true })
    return reply.code(204).send()
  })
}
