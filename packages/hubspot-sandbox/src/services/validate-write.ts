import { conflict, HubSpotError, type PropertyProblem, propertyValuesError } from '../http/errors.js'
import { isLive } from '../model/object-store.js'
import type { ObjectTypeName } from '../model/object-types.js'
import type { Portal } from '../model/portal.js'
import type { HsRecord } from '../model/record.js'
import { normalizeValue } from './normalize-value.js'

/** Validated changes: property name → new value, or undefined to clear it. */
export type Changes = Map<string, string | undefined>

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function stringify(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

/** Checks owner, pipeline and stage values, whose options live outside the property definition. */
function checkExternal(
  portal: Portal,
  type: ObjectTypeName,
  name: string,
  value: string,
  pipelineId: string,
): PropertyProblem | undefined {
  if (name === 'hubspot_owner_id') {
    const ids = portal.owners.map((owner) => owner.id)
    if (ids.includes(value)) return undefined
    return {
      name,
      code: 'INVALID_OPTION',
      message: `${value} was not one of the allowed options: [${ids.join(', ')}]`,
    }
  }
  if (type !== 'deals') return undefined
  const pipelines = portal.pipelines.get('deals') ?? []
  if (name === 'pipeline') {
    if (pipelines.some((p) => p.id === value && !p.archived)) return undefined
    const ids = pipelines.map((p) => p.id)
    return {
      name,
      code: 'INVALID_OPTION',
      message: `${value} was not one of the allowed options: [${ids.join(', ')}]`,
    }
  }
  if (name === 'dealstage') {
    const stages = pipelines.find((p) => p.id === pipelineId)?.stages.filter((s) => !s.archived) ?? []
    if (stages.some((stage) => stage.id === value)) return undefined
    return {
      name,
      code: 'INVALID_OPTION',
      message: `${value} is not a valid pipeline stage ID. Valid options are: pipelineId=${pipelineId} : [${stages.map((s) => s.id).join(', ')}]`,
    }
  }
  return undefined
}

/**
 * A deal moved to another pipeline without a new `dealstage` keeps its stage, which must be a stage of the
 * new pipeline: HubSpot's pipelines own their stages, so the same dealstage error is reported.
 */
function checkStageKeepsPipeline(portal: Portal, changes: Changes, record?: HsRecord): PropertyProblem[] {
  const pipelineId = changes.get('pipeline')
  const stage = record?.props['dealstage']
  if (pipelineId === undefined || changes.has('dealstage') || stage === undefined) return []
  const problem = checkExternal(portal, 'deals', 'dealstage', stage, pipelineId)
  return problem === undefined ? [] : [problem]
}

/** `associatedcompanyid` names the contact's primary company, which must exist (record-writes.ts links it). */
function checkCompany(portal: Portal, value: string): PropertyProblem | undefined {
  const company = /^\d+$/.test(value) ? portal.stores.companies.records.get(Number(value)) : undefined
  if (company !== undefined && isLive(company)) return undefined
  return {
    name: 'associatedcompanyid',
    code: 'INVALID_OPTION',
    message: `${value} is not the id of a company in this portal`,
  }
}

/**
 * Validates a `properties` object for a create (no record) or an update. All problems are reported together
 * and nothing is written (api-surface.md 8.5). Unique values already held by another record give 409.
 */
export function validateWrite(
  portal: Portal,
  type: ObjectTypeName,
  input: unknown,
  record?: HsRecord,
): Changes {
  if (input !== undefined && !isPlainObject(input)) {
    throw new HubSpotError({
      status: 400,
      category: 'VALIDATION_ERROR',
      message: 'Invalid input JSON: properties must be an object',
    })
  }
  const changes: Changes = new Map()
  const problems: PropertyProblem[] = []
  const entries = Object.entries(input ?? {})
  const pipelineInput = stringify((input ?? {})['pipeline'])
  const pipelineId = pipelineInput ?? record?.props['pipeline'] ?? 'default'
  for (const [name, raw] of entries) {
    const def = portal.property(type, name)
    if (def === undefined) {
      problems.push({ name, code: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` })
      continue
    }
    if (def.readOnlyValue || def.calculated) {
      // A logged HubSpot response (mautic/mautic PR #8785, 2020) reads `"hs_object_id" is a calculated
      // property; its value cannot be set.` with READ_ONLY_VALUE in the "Property values were not valid" 400;
      // the other read-only properties (hs_email_optout*) keep api-surface.md 8.5's "read only" text.
      const kind = def.calculated ? 'a calculated' : 'a read only'
      problems.push({
        name,
        code: 'READ_ONLY_VALUE',
        message: `"${name}" is ${kind} property; its value cannot be set.`,
      })
      continue
    }
    const text = stringify(raw)
    if (text === undefined) {
      changes.set(name, undefined)
      continue
    }
    const normalized = normalizeValue(def, text)
    if ('code' in normalized) {
      problems.push(normalized)
      continue
    }
    const external = def.externalOptions
      ? checkExternal(portal, type, name, normalized.value, pipelineId)
      : type === 'contacts' && name === 'associatedcompanyid'
        ? checkCompany(portal, normalized.value)
        : undefined
    if (external !== undefined) problems.push(external)
    else changes.set(name, normalized.value)
  }
  if (type === 'deals') problems.push(...checkStageKeepsPipeline(portal, changes, record))
  if (problems.length > 0) throw propertyValuesError(problems, portal.portalId)
  if (type === 'deals' && changes.get('dealstage') !== undefined && record?.props['pipeline'] === undefined) {
    if (!changes.has('pipeline')) changes.set('pipeline', 'default')
  }
  checkUnique(portal, type, changes, record)
  return changes
}

function checkUnique(portal: Portal, type: ObjectTypeName, changes: Changes, record?: HsRecord): void {
  const store = portal.stores[type]
  for (const [name, value] of changes) {
    if (value === undefined || !store.isUnique(name)) continue
    const holder = store.findByUnique(name, value)
    if (holder === undefined || holder.id === record?.id) continue
    if (type === 'contacts' && name === 'email') {
      throw new HubSpotError({
        status: 409,
        category: 'OBJECT_ALREADY_EXISTS',
        message: `Contact already exists. Existing ID: ${holder.id}`,
        extra: {
          error: 'CONTACT_EXISTS',
          errors: [
            {
              message: `A contact with email ${value} already exists. Existing ID: ${holder.id}`,
              in: 'email',
            },
          ],
        },
      })
    }
    throw conflict(
      `A ${store.info.singular} with ${name}=${value} already exists. Existing ID: ${holder.id}`,
      {
        errors: [{ message: `Duplicate unique value for ${name}. Existing ID: ${holder.id}`, in: name }],
      },
    )
  }
}
