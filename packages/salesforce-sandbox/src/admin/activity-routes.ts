// Admin API for activities that no Salesforce API can make: emails kept by Einstein Activity Capture,
// which are not logged as Tasks (B-ACT-8).
import type { FastifyInstance } from 'fastify'

import { Writer } from '../dml/writer.js'
import { RecordError, SfError } from '../errors.js'
import type { SandboxState } from '../state.js'

export function activityAdminRoutes(app: FastifyInstance, state: SandboxState): void {
  // Body `{emails: [{Subject, TextBody, FromAddress, ToAddress, RelatedToId?, MessageDate?, Status?}]}`:
  // EmailMessages with ActivityId null and no Task. Answers `{ids}` in input order.
  app.post('/__sandbox/einstein-emails', (request) => {
    const emails = ((request.body ?? {}) as { emails?: unknown }).emails
    if (!Array.isArray(emails) || emails.some((e) => typeof e !== 'object' || e === null || Array.isArray(e)))
      throw new SfError(400, 'INVALID_INPUT', 'emails must be an array of EmailMessage field objects')
    const writer = new Writer(state.org, {
      userId: state.org.integrationUserId,
      autoAssign: false,
      einsteinCapture: true,
    })
    try {
      const ids = (emails as Record<string, unknown>[]).map((email) =>
        writer.create('EmailMessage', { Status: '3', ...email }),
      )
      return { ids }
    } catch (err) {
      writer.tx.rollback()
      if (err instanceof RecordError) throw err.toSfError()
      throw err
    }
  })
}
