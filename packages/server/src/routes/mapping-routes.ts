import type { Document } from 'yaml'
import { isSeq } from 'yaml'

import type { MappingChange, SyncedKind } from '../api-types.js'
import {
  checkMappingChange,
  checkMappingRemoval,
  crmFieldTypes,
  type DocumentPath,
  fileMappingEntries,
  type MappingListNow,
  mappingsView,
  removeMappingEntry,
  setMappingEntry,
} from '../config-edit/index.js'
import { isSyncedKind } from '../queries/record-ids.js'
import { isWritable, NO_CONFIG_FILE, sendSaveResult } from './config-route-helpers.js'
import { servedConnection } from './connection-routes.js'
import type { ApiRoutes } from './route-types.js'

interface KindParams {
  readonly id: string
  readonly kind: string
}

function listNow(doc: Document, base: DocumentPath, kind: SyncedKind): MappingListNow {
  const list = doc.getIn([...base, 'mappings', kind], true)
  return {
    kind,
    base,
    entries: fileMappingEntries(doc, base, kind),
    length: isSeq(list) ? list.items.length : 0,
  }
}

function unknownKind(kind: string) {
  return {
    ok: false,
    problems: [{ path: 'mappings', message: `no object kind "${kind}" (contact, company, deal)` }],
  }
}

/**
 * The mapping editor (B-MAP-5/6/7/9): the table as the engine runs it, and changes written into the
 * configuration file, which stays the only source of truth; the engine takes a saved change from its next cycle.
 */
export const mappingRoutes: ApiRoutes = (app, { deps, configEditor }) => {
  app.get<{ Params: { id: string } }>('/api/connections/:id/mappings', async (request, reply) => {
    const connection = servedConnection(deps, request.params.id, reply)
    if (connection === undefined) return reply
    return mappingsView(connection.connection(), await isWritable(deps.configFile))
  })

  app.put<{ Params: KindParams; Body: MappingChange }>(
    '/api/connections/:id/mappings/:kind',
    async (request, reply) => {
      const connection = servedConnection(deps, request.params.id, reply)
      if (connection === undefined) return reply
      const { kind } = request.params
      if (!isSyncedKind(kind)) return reply.code(400).send(unknownKind(kind))
      if (configEditor === undefined) return sendSaveResult(reply, NO_CONFIG_FILE, 409)
      const change = request.body ?? ({} as MappingChange)
      const readTypes = crmFieldTypes(connection.crm)
      const result = await configEditor.edit(connection.id, async (doc, base) => {
        const checked = await checkMappingChange(listNow(doc, base, kind), change, readTypes)
        if (!checked.ok) return checked
        setMappingEntry(doc, base, kind, checked, checked.fieldsForNew)
        return { ok: true }
      })
      return sendSaveResult(reply, result)
    },
  )

  app.delete<{ Params: KindParams & { hubspot: string } }>(
    '/api/connections/:id/mappings/:kind/:hubspot',
    async (request, reply) => {
      const connection = servedConnection(deps, request.params.id, reply)
      if (connection === undefined) return reply
      const { kind, hubspot } = request.params
      if (!isSyncedKind(kind)) return reply.code(400).send(unknownKind(kind))
      if (configEditor === undefined) return sendSaveResult(reply, NO_CONFIG_FILE, 409)
      const result = await configEditor.edit(connection.id, (doc, base) => {
        const problem = checkMappingRemoval(listNow(doc, base, kind), hubspot)
        if (problem !== undefined) return { ok: false, problems: [problem] }
        removeMappingEntry(doc, base, kind, hubspot)
        return { ok: true }
      })
      return sendSaveResult(reply, result)
    },
  )
}
