// Admin API for the field settings of metadata/field-access.ts: GET and PUT /__sandbox/field-access.
import type { FastifyInstance } from 'fastify'

import { SfError } from '../errors.js'
import {
  fieldAccess,
  setFieldHidden,
  setFieldReadOnly,
  setPicklistRestricted,
} from '../metadata/field-access.js'
import type { SandboxState } from '../state.js'
import { invalidInput } from './input.js'

type Changes = Record<string, boolean>

function changesOf(value: unknown, key: string): Changes {
  if (value === undefined) return {}
  const ok =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'boolean')
  if (!ok)
    throw new SfError(400, 'INVALID_INPUT', `${key} must be an object of Object.Field names to true or false`)
  return value as Changes
}

/**
 * `PUT /__sandbox/field-access` `{ "readOnly": { "Lead.Title": true }, "restrictedPicklist": { "Lead.Industry":
 * true }, "hidden": { "Lead.Title": true } }`: field-level security (readOnly true: read-only for the integration
 * user, false: editable again; hidden true: not visible at all, false: visible again) and picklist restriction;
 * answers what GET answers, the read-only and hidden fields and the restricted picklists.
 */
export function fieldAccessRoutes(app: FastifyInstance, state: SandboxState): void {
  const path = '/__sandbox/field-access'
  app.get(path, () => fieldAccess(state.org))
  app.put(path, (request) => {
    const body = (request.body ?? {}) as {
      readOnly?: unknown
      hidden?: unknown
      restrictedPicklist?: unknown
    }
    const readOnly = changesOf(body.readOnly, 'readOnly')
    const hidden = changesOf(body.hidden, 'hidden')
    const restricted = changesOf(body.restrictedPicklist, 'restrictedPicklist')
    try {
      for (const [field, on] of Object.entries(readOnly)) setFieldReadOnly(state.org, field, on)
      for (const [field, on] of Object.entries(hidden)) setFieldHidden(state.org, field, on)
      for (const [field, on] of Object.entries(restricted)) setPicklistRestricted(state.org, field, on)
    } catch (err) {
      throw invalidInput(err)
    }
    return fieldAccess(state.org)
  })
}
