import type {
  ContactSalesforceType,
  CreatedSalesforce,
  SalesforceContactRecord,
  SalesforceRef,
} from '@crmsync/core'

import type { ReadContext } from '../../engine-context.js'
import type { ApplyResult } from '../../pipeline/apply-result.js'
import { salesforceFieldsFor } from './contact-fields.js'

/**
 * The read between the Salesforce and the HubSpot step: the records the Salesforce step created, read back
 * at once (one retrieve per type per batch, never per record) so the values Salesforce set on create reach
 * HubSpot in the same sync (core's resolveSalesforceCreates plans them). A failed read costs only that early
 * arrival: the next cycle's echo carries the same values, so the batch goes on without them (its creates
 * already happened and must be linked).
 */
export async function readCreatedSalesforce(
  ctx: ReadContext,
  applied: ApplyResult,
): Promise<CreatedSalesforce[]> {
  const created = applied.created.flatMap((c): { hubspotId: string; ref: SalesforceRef }[] =>
    c.side === 'salesforce' && (c.type === 'Lead' || c.type === 'Contact')
      ? [{ hubspotId: c.key, ref: { type: c.type, id: c.id } }]
      : [],
  )
  if (created.length === 0) return []
  const records = await retrieve(
    ctx,
    created.map((c) => c.ref),
  )
  return created.map((c) => ({ ...c, ...(records === undefined ? {} : { record: records.get(c.ref.id) }) }))
}

async function retrieve(
  ctx: ReadContext,
  refs: readonly SalesforceRef[],
): Promise<Map<string, SalesforceContactRecord> | undefined> {
  const out = new Map<string, SalesforceContactRecord>()
  try {
    for (const type of ['Contact', 'Lead'] as const satisfies readonly ContactSalesforceType[]) {
      const ids = refs.filter((r) => r.type === type).map((r) => r.id)
      if (ids.length === 0) continue
      const fields = salesforceFieldsFor(ctx.setup.mappings, type)
      for (const [id, record] of await ctx.deps.salesforce.retrieve(type, ids, fields)) out.set(id, record)
    }
  } catch (err) {
    ctx.deps.logger.warn(
      { connectionId: ctx.setup.connectionId, err },
      'read-back of created Salesforce records failed; their server-set values follow next cycle',
    )
    return undefined
  }
  return out
}
