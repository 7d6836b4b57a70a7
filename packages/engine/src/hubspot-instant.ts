import type { RawValue } from '@crmsync/core'

/**
 * A HubSpot date as epoch ms: the v3 objects API sends ISO text, some payloads epoch-ms strings (or numbers).
 * Empty or unreadable: undefined.
 */
export function hubSpotInstant(value: RawValue): number | undefined {
  if (value === null || value === undefined || value === '') return undefined
  const at =
    typeof value === 'number' || /^\d+$/.test(String(value)) ? Number(value) : Date.parse(String(value))
  return Number.isFinite(at) ? at : undefined
}
