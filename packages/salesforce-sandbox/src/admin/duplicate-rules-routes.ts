// Admin API for duplicate rules (dml/duplicate-rules.ts): GET and PUT /__sandbox/duplicate-rules.
import type { FastifyInstance } from 'fastify'

import { type DuplicateRule, duplicateRules, setDuplicateRules } from '../dml/duplicate-rules.js'
import { SfError } from '../errors.js'
import type { SandboxState } from '../state.js'
import { invalidInput } from './input.js'

/** `PUT /__sandbox/duplicate-rules` `{ "rules": [{ "object": "Lead", "name": "...", "fields": [...] }] }` replaces them. */
export function duplicateRulesRoutes(app: FastifyInstance, state: SandboxState): void {
  const path = '/__sandbox/duplicate-rules'
  app.get(path, () => ({ rules: duplicateRules(state.org) }))
  app.put(path, (request) => {
    const { rules } = (request.body ?? {}) as { rules?: unknown }
    if (!Array.isArray(rules))
      throw new SfError(400, 'INVALID_INPUT', 'rules must be an array of duplicate rules')
    try {
      setDuplicateRules(state.org, rules as DuplicateRule[])
    } catch (err) {
      throw invalidInput(err)
    }
    return { rules: duplicateRules(state.org) }
  })
}
