import type { Side } from '@crmsync/core'

import type { SideName, SyncedKind } from '../api-types.js'

/** Salesforce ids by their key prefix, 15 or 18 characters: Lead 00Q, Contact 003, Account 001, Opportunity 006. */
const SALESFORCE_TYPES: readonly (readonly [RegExp, string, SyncedKind])[] = [
  [/^00Q[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/, 'Lead', 'contact'],
  [/^003[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/, 'Contact', 'contact'],
  [/^001[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/, 'Account', 'company'],
  [/^006[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/, 'Opportunity', 'deal'],
]

/** A Salesforce id's object type and the kind it syncs as, or undefined when the text is not one. */
export function salesforceTypeOfId(id: string): { type: string; kind: SyncedKind } | undefined {
  const found = SALESFORCE_TYPES.find(([pattern]) => pattern.test(id))
  return found === undefined ? undefined : { type: found[1], kind: found[2] }
}

/** A HubSpot record id: digits. */
export const isHubspotId = (text: string): boolean => /^\d+$/.test(text)

export const SYNCED_KINDS: readonly SyncedKind[] = ['contact', 'company', 'deal']
export const SIDES: readonly SideName[] = ['hubspot', 'salesforce']

export const isSyncedKind = (text: string): text is SyncedKind => (SYNCED_KINDS as string[]).includes(text)
export const isSide = (text: string): text is Side => (SIDES as string[]).includes(text)
