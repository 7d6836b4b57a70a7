import type { FastifyPluginCallback, FastifyReply } from 'fastify'

import type { SandboxDeps } from '../deps.js'
import { conflict, notFound, validationError } from '../http/errors.js'
import { bodyObject, text } from '../http/query.js'
import { type Pipeline, type PipelineStage, toPipelineJson, toStageJson } from '../model/pipelines.js'

type Params = { objectType: string; pipelineId: string; stageId: string }

function metadataOf(value: unknown): Record<string, string> {
  const input = (value ?? {}) as Record<string, unknown>
  return Object.fromEntries(Object.entries(input).map(([key, v]) => [key, String(v)]))
}

/** Pipelines v3 with stages (api-surface.md 3.7): 200 reads, 201 creates, 200 updates, 204 deletes. */
export const pipelinesPlugin: FastifyPluginCallback<SandboxDeps> = (app, deps, done) => {
  const { portal } = deps
  const pipelinesOf = (objectType: string): Pipeline[] => {
    const list = portal.pipelines.get(
      objectType === '0-3' ? 'deals' : objectType === '0-5' ? 'tickets' : objectType,
    )
    if (list === undefined) throw notFound(`Unknown object type ${objectType}`)
    return list
  }
  const pipelineOf = (params: Params): Pipeline => {
    const pipeline = pipelinesOf(params.objectType).find((p) => p.id === params.pipelineId && !p.archived)
    if (pipeline === undefined) throw notFound(`Unable to find pipeline ${params.pipelineId}`)
    return pipeline
  }
  const stageOf = (params: Params): PipelineStage => {
    const stage = pipelineOf(params).stages.find((s) => s.id === params.stageId && !s.archived)
    if (stage === undefined) throw notFound(`Unable to find stage ${params.stageId}`)
    return stage
  }
  const newStage = (input: Record<string, unknown>, index: number, now: number): PipelineStage => ({
    id: typeof input['id'] === 'string' ? input['id'] : String(portal.nextId()),
    label: text(input['label'], ''),
    displayOrder: Number(input['displayOrder'] ?? index),
    metadata: metadataOf(input['metadata']),
    archived: false,
    createdAt: now,
    updatedAt: now,
  })
  const updatePipeline = (pipeline: Pipeline, body: Record<string, unknown>): Pipeline => {
    if (typeof body['label'] === 'string') pipeline.label = body['label']
    if (body['displayOrder'] !== undefined) pipeline.displayOrder = Number(body['displayOrder'])
    if (Array.isArray(body['stages'])) {
      pipeline.stages = (body['stages'] as Array<Record<string, unknown>>).map((s, i) =>
        newStage(s, i, portal.clock.now()),
      )
    }
    pipeline.updatedAt = portal.clock.now()
    return pipeline
  }
  const updateStage = (stage: PipelineStage, body: Record<string, unknown>): PipelineStage => {
    if (typeof body['label'] === 'string') stage.label = body['label']
    if (body['displayOrder'] !== undefined) stage.displayOrder = Number(body['displayOrder'])
    if (body['metadata'] !== undefined) stage.metadata = metadataOf(body['metadata'])
    stage.updatedAt = portal.clock.now()
    return stage
  }
  const noContent = (reply: FastifyReply) => reply.code(204).send()

  app.get<{ Params: Params }>('/crm/v3/pipelines/:objectType', (request) => ({
    results: pipelinesOf(request.params.objectType)
      .filter((p) => !p.archived)
      .map(toPipelineJson),
  }))
  app.get<{ Params: Params }>('/crm/v3/pipelines/:objectType/:pipelineId', (request) =>
    toPipelineJson(pipelineOf(request.params)),
  )
  app.post<{ Params: Params }>('/crm/v3/pipelines/:objectType', async (request, reply) => {
    const list = pipelinesOf(request.params.objectType)
    const body = bodyObject(request.body)
    const label = text(body['label'], '')
    if (label === '') throw validationError('label is required')
    if (list.some((p) => p.label === label && !p.archived))
      throw conflict(`A pipeline named ${label} already exists`)
    const now = portal.clock.now()
    const stages = Array.isArray(body['stages']) ? (body['stages'] as Array<Record<string, unknown>>) : []
    const pipeline: Pipeline = {
      id: String(portal.nextId()),
      label,
      displayOrder: Number(body['displayOrder'] ?? list.length),
      archived: false,
      stages: stages.map((s, i) => newStage(s, i, now)),
      createdAt: now,
      updatedAt: now,
    }
    list.push(pipeline)
    void reply.code(201)
    return toPipelineJson(pipeline)
  })
  for (const method of ['PUT', 'PATCH'] as const) {
    app.route<{ Params: Params }>({
      method,
      url: '/crm/v3/pipelines/:objectType/:pipelineId',
      handler: (request) =>
        toPipelineJson(updatePipeline(pipelineOf(request.params), bodyObject(request.body))),
    })
    app.route<{ Params: Params }>({
      method,
      url: '/crm/v3/pipelines/:objectType/:pipelineId/stages/:stageId',
      handler: (request) => toStageJson(updateStage(stageOf(request.params), bodyObject(request.body))),
    })
  }
  app.delete<{ Params: Params }>('/crm/v3/pipelines/:objectType/:pipelineId', async (request, reply) => {
    pipelineOf(request.params).archived = true
    return noContent(reply)
  })
  app.get<{ Params: Params }>('/crm/v3/pipelines/:objectType/:pipelineId/stages', (request) => ({
    results: pipelineOf(request.params)
      .stages.filter((s) => !s.archived)
      .map(toStageJson),
  }))
  app.get<{ Params: Params }>('/crm/v3/pipelines/:objectType/:pipelineId/stages/:stageId', (request) =>
    toStageJson(stageOf(request.params)),
  )
  app.post<{ Params: Params }>('/crm/v3/pipelines/:objectType/:pipelineId/stages', async (request, reply) => {
    const pipeline = pipelineOf(request.params)
    const stage = newStage(bodyObject(request.body), pipeline.stages.length, portal.clock.now())
    pipeline.stages.push(stage)
    void reply.code(201)
    return toStageJson(stage)
  })
  app.delete<{ Params: Params }>(
    '/crm/v3/pipelines/:objectType/:pipelineId/stages/:stageId',
    async (request, reply) => {
      stageOf(request.params).archived = true
      return noContent(reply)
    },
  )
  done()
}
