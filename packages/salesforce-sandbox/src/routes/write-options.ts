import type { FastifyRequest } from 'fastify'

import type { WriteOptions } from '../dml/writer.js'
import { userOf } from '../hooks.js'
import type { SandboxState } from '../state.js'

/** Write options from the request: the token's user, `Sforce-Auto-Assign` (absent = TRUE), lock faults. */
export function writeOptions(request: FastifyRequest, state: SandboxState): WriteOptions {
  const header = request.headers['sforce-auto-assign']
  const value = (Array.isArray(header) ? header[0] : header)?.trim().toUpperCase()
  return {
    userId: userOf(request, state),
    autoAssign: value !== 'FALSE',
    lockFault: () => state.faults.lockFor(request.url),
  }
}
