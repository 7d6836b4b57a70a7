import type { WriteSource } from '../model/record.js'

/**
 * The fields every webhook event of a write carries (api-surface.md, webhooks): what changed, when, and the
 * source of the write; each caller adds the fields of its subscription type.
 */
export function eventEnvelope(
  source: WriteSource,
  subscriptionType: string,
  objectId: number,
  occurredAt: number,
) {
  return {
    subscriptionType,
    objectId,
    occurredAt,
    changeSource: source.sourceType,
    ...(source.sourceId === undefined ? {} : { sourceId: source.sourceId }),
  }
}
