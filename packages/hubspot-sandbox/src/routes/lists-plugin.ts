import type { FastifyPluginCallback } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { notFound, validationError } from '../http/errors.js'
import { bodyObject, boolParam, intParam, listParam, type Query, stringParam, text } from '../http/query.js'
import { type HsList, type ProcessingType, toListJson } from '../model/lists.js'
import { findObjectType } from '../model/object-types.js'
import { checkFilterBranch } from '../services/list-filters.js'
import { assertManual, refreshMembership } from '../services/list-membership.js'

type Params = { listId: string; sourceListId: string }

/** Lists v3 (api-surface.md 3.9 and 8.2): MANUAL and DYNAMIC lists, memberships, reverse look-ups. */
export const listsPlugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  const { portal } = deps
  const now = () => portal.clock.now()
  const listOf = (listId: string, deleted = false): HsList => {
    const list = portal.lists.get(listId)
    if (list === undefined || (list.deletedAt !== undefined) !== deleted)
      throw notFound(`List ${listId} does not exist`)
    refreshMembership(portal, list)
    return list
  }
  const ids = (value: unknown): number[] =>
    Array.isArray(value) ? value.map(Number).filter(Number.isInteger) : []
  const exists = (list: HsList, id: number): boolean => {
    const info = findObjectType(list.objectTypeId)
    const record = info === undefined ? undefined : portal.stores[info.name].records.get(id)
    return record !== undefined && !record.archived && record.mergedInto === undefined
  }

  app.post('/crm/v3/lists', (request) => {
    const body = bodyObject(request.body)
    const name = text(body['name'], '')
    const objectTypeId = text(body['objectTypeId'], '0-1')
    const processingType = text(body['processingType'], 'MANUAL') as ProcessingType
    if (name === '') throw validationError('name is required')
    if (!['MANUAL', 'DYNAMIC', 'SNAPSHOT'].includes(processingType))
      throw validationError(`Unknown processingType ${processingType}`)
    const info = findObjectType(objectTypeId)
    if (info === undefined)
      throw validationError(`Unknown objectTypeId ${objectTypeId}`, {
        subCategory: 'ListError.INVALID_OBJECT_TYPE_FOR_LIST',
      })
    if ([...portal.lists.values()].some((l) => l.name === name && l.deletedAt === undefined)) {
      throw validationError(`A list named ${name} already exists`, {
        subCategory: 'ListError.LIST_NAME_ALREADY_EXISTS',
      })
    }
    if (processingType === 'DYNAMIC') checkFilterBranch(body['filterBranch'])
    const at = now()
    const list: HsList = {
      listId: portal.nextListId(),
      name,
      objectTypeId: info.typeId,
      processingType,
      listVersion: 1,
      filterBranch: body['filterBranch'],
      filtersUpdatedAt: at,
      createdAt: at,
      updatedAt: at,
      readyAt: processingType === 'DYNAMIC' ? at + portal.knobs.listProcessingDelayMs : at,
      deletedAt: undefined,
      evaluatedVersion: 0,
      members: new Map(),
    }
    portal.lists.set(list.listId, list)
    // HubSpot answers a new DYNAMIC list with PROCESSING; reads report COMPLETE once it has been evaluated.
    const json = toListJson(list, at, true)
    if (processingType === 'DYNAMIC') json['processingStatus'] = 'PROCESSING'
    return { list: json }
  })

  app.get('/crm/v3/lists', (request) => {
    const wanted = listParam(request.query as Query, 'listIds') ?? []
    const lists = wanted.flatMap((id) => {
      const list = portal.lists.get(id)
      if (list === undefined || list.deletedAt !== undefined) return []
      refreshMembership(portal, list)
      return [toListJson(list, now(), boolParam(request.query as Query, 'includeFilters'))]
    })
    return { lists }
  })

  app.post('/crm/v3/lists/search', (request) => {
    const body = bodyObject(request.body ?? {})
    const query = text(body['query'], '').toLowerCase()
    const types = Array.isArray(body['processingTypes']) ? (body['processingTypes'] as string[]) : undefined
    const offset = Number(body['offset'] ?? 0)
    const count = Number(body['count'] ?? 20)
    const all = [...portal.lists.values()].filter(
      (l) =>
        l.deletedAt === undefined &&
        l.name.toLowerCase().includes(query) &&
        (types === undefined || types.includes(l.processingType)),
    )
    const page = all.slice(offset, offset + count)
    return {
      lists: page.map((l) => toListJson(l, now(), false)),
      hasMore: offset + count < all.length,
      offset: offset + page.length,
      total: all.length,
    }
  })

  app.get<{ Params: { objectTypeId: string; listName: string } }>(
    '/crm/v3/lists/object-type-id/:objectTypeId/name/:listName',
    (request) => {
      const typeId = findObjectType(request.params.objectTypeId)?.typeId
      const list = [...portal.lists.values()].find(
        (l) => l.name === request.params.listName && l.objectTypeId === typeId && l.deletedAt === undefined,
      )
      if (list === undefined) throw notFound(`List ${request.params.listName} does not exist`)
      refreshMembership(portal, list)
      return { list: toListJson(list, now(), boolParam(request.query as Query, 'includeFilters')) }
    },
  )

  app.get<{ Params: Params }>('/crm/v3/lists/:listId', (request) => ({
    list: toListJson(
      listOf(request.params.listId),
      now(),
      boolParam(request.query as Query, 'includeFilters'),
    ),
  }))

  app.delete<{ Params: Params }>('/crm/v3/lists/:listId', async (request, reply) => {
    listOf(request.params.listId).deletedAt = now()
    return reply.code(204).send()
  })

  app.put<{ Params: Params }>('/crm/v3/lists/:listId/restore', async (request, reply) => {
    listOf(request.params.listId, true).deletedAt = undefined
    return reply.code(204).send()
  })

  app.put<{ Params: Params }>('/crm/v3/lists/:listId/update-list-name', (request) => {
    const list = listOf(request.params.listId)
    list.name = stringParam(request.query as Query, 'listName') ?? list.name
    list.updatedAt = now()
    return { updatedList: toListJson(list, now(), false) }
  })

  app.put<{ Params: Params }>('/crm/v3/lists/:listId/update-list-filters', (request) => {
    const list = listOf(request.params.listId)
    if (list.processingType !== 'DYNAMIC') throw validationError('Only DYNAMIC lists have filters')
    const branch = bodyObject(request.body)['filterBranch']
    checkFilterBranch(branch)
    list.filterBranch = branch
    list.listVersion += 1
    list.filtersUpdatedAt = now()
    list.updatedAt = now()
    list.readyAt = now() + portal.knobs.listProcessingDelayMs
    const json = toListJson(list, now(), true)
    json['processingStatus'] = 'PROCESSING'
    return { updatedList: json }
  })

  const memberships = (listId: string, query: Query, byJoinOrder: boolean) => {
    const list = listOf(listId)
    const limit = intParam(query, 'limit', 100, 250)
    const after = stringParam(query, 'after')
    const rows = [...list.members].sort(
      byJoinOrder ? ([a, ta], [b, tb]) => ta - tb || a - b : ([a], [b]) => a - b,
    )
    const start = after === undefined ? 0 : Number(after)
    const page = rows.slice(start, start + limit)
    const results = page.map(([recordId, at]) => ({
      recordId: String(recordId),
      membershipTimestamp: new Date(at).toISOString(),
    }))
    const next = start + page.length
    return next < rows.length
      ? { results, paging: { next: { after: String(next) } }, total: rows.length }
      : { results, total: rows.length }
  }
  app.get<{ Params: Params }>('/crm/v3/lists/:listId/memberships', (request) =>
    memberships(request.params.listId, request.query as Query, false),
  )
  app.get<{ Params: Params }>('/crm/v3/lists/:listId/memberships/join-order', (request) =>
    memberships(request.params.listId, request.query as Query, true),
  )

  const add = (list: HsList, recordIds: number[]) => {
    const added: string[] = []
    const missing: string[] = []
    for (const id of recordIds) {
      if (!exists(list, id)) missing.push(String(id))
      else if (!list.members.has(id)) {
        list.members.set(id, now())
        added.push(String(id))
      }
    }
    return { added, missing }
  }
  const remove = (list: HsList, recordIds: number[]) => {
    const removed: string[] = []
    const missing: string[] = []
    for (const id of recordIds) (list.members.delete(id) ? removed : missing).push(String(id))
    return { removed, missing }
  }
  app.put<{ Params: Params }>('/crm/v3/lists/:listId/memberships/add', (request) => {
    const list = listOf(request.params.listId)
    assertManual(list)
    const { added, missing } = add(list, ids(request.body))
    return { recordsIdsAdded: added, recordIdsMissing: missing }
  })
  app.put<{ Params: Params }>('/crm/v3/lists/:listId/memberships/remove', (request) => {
    const list = listOf(request.params.listId)
    assertManual(list)
    const { removed, missing } = remove(list, ids(request.body))
    return { recordIdsRemoved: removed, recordIdsMissing: missing }
  })
  app.put<{ Params: Params }>('/crm/v3/lists/:listId/memberships/add-and-remove', (request) => {
    const list = listOf(request.params.listId)
    assertManual(list)
    const body = bodyObject(request.body)
    const { removed, missing: notMembers } = remove(list, ids(body['recordIdsToRemove']))
    const { added, missing } = add(list, ids(body['recordIdsToAdd']))
    return {
      recordsIdsAdded: added,
      recordIdsRemoved: removed,
      recordIdsMissing: [...missing, ...notMembers],
    }
  })
  app.put<{ Params: Params }>(
    '/crm/v3/lists/:listId/memberships/add-from/:sourceListId',
    async (request, reply) => {
      const list = listOf(request.params.listId)
      assertManual(list)
      add(list, [...listOf(request.params.sourceListId).members.keys()])
      return reply.code(204).send()
    },
  )
  app.delete<{ Params: Params }>('/crm/v3/lists/:listId/memberships', async (request, reply) => {
    const list = listOf(request.params.listId)
    assertManual(list)
    list.members.clear()
    return reply.code(204).send()
  })

  app.get<{ Params: { objectTypeId: string; recordId: string } }>(
    '/crm/v3/lists/records/:objectTypeId/:recordId/memberships',
    (request) => {
      const typeId = findObjectType(request.params.objectTypeId)?.typeId
      const recordId = Number(request.params.recordId)
      const results = [...portal.lists.values()]
        .filter((list) => list.objectTypeId === typeId && list.deletedAt === undefined)
        .flatMap((list) => {
          refreshMembership(portal, list)
          const at = list.members.get(recordId)
          if (at === undefined) return []
          const iso = new Date(at).toISOString()
          return [
            {
              listId: list.listId,
              listVersion: list.listVersion,
              firstAddedTimestamp: iso,
              lastAddedTimestamp: iso,
            },
          ]
        })
      return { results }
    },
  )
  done()
}
