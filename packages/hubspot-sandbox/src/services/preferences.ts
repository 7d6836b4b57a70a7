import { validationError } from '../http/errors.js'
import type { Portal } from '../model/portal.js'
import type { SubscriptionDefinition, SubscriptionState, SubscriptionStatus } from '../model/subscriptions.js'
import { eventEnvelope } from './event-envelope.js'
import { trackRecord } from './list-membership.js'
import { syncOptOutProperties } from './opt-out-properties.js'
import type { WriteContext } from './write-records.js'

const LEGAL_BASES = new Set([
  'LEGITIMATE_INTEREST_PQL',
  'LEGITIMATE_INTEREST_CLIENT',
  'LEGITIMATE_INTEREST_OTHER',
  'PERFORMANCE_OF_CONTRACT',
  'CONSENT_WITH_NOTICE',
  'NON_GDPR',
  'PROCESS_AND_STORE',
])

export interface LegalBasis {
  readonly legalBasis?: string
  readonly legalBasisExplanation?: string
}

/** Reads and checks legalBasis fields; with the gdpr knob on, both are required. */
export function legalBasisOf(portal: Portal, body: Record<string, unknown>): LegalBasis {
  const legalBasis = typeof body['legalBasis'] === 'string' ? body['legalBasis'] : undefined
  const legalBasisExplanation =
    typeof body['legalBasisExplanation'] === 'string' ? body['legalBasisExplanation'] : undefined
  if (legalBasis !== undefined && !LEGAL_BASES.has(legalBasis))
    throw validationError(`Unknown legalBasis ${legalBasis}`)
  if (portal.knobs.gdpr && (legalBasis === undefined || legalBasisExplanation === undefined)) {
    throw validationError('This portal has GDPR enabled: legalBasis and legalBasisExplanation are required')
  }
  return {
    ...(legalBasis === undefined ? {} : { legalBasis }),
    ...(legalBasisExplanation === undefined ? {} : { legalBasisExplanation }),
  }
}

export function definitionOf(portal: Portal, id: unknown): SubscriptionDefinition {
  const definition = portal.subscriptions.definition(String(id))
  if (definition === undefined) throw validationError(`${String(id)} is not a valid subscription id`)
  return definition
}

/** Re-derives the contact's hs_email_optout* properties and sends their propertyChange webhooks. */
export function afterPreferenceChange(ctx: WriteContext, email: string): void {
  const contact = ctx.portal.stores.contacts.findByUnique('email', email)
  if (contact === undefined) return
  const at = ctx.portal.clock.now()
  const changed = syncOptOutProperties(ctx.portal, contact, at)
  if (changed.length > 0) trackRecord(ctx.portal, 'contacts', contact)
  for (const name of changed) {
    ctx.portal.emit({
      ...eventEnvelope(ctx.source, 'contact.propertyChange', contact.id, at),
      propertyName: name,
      propertyValue: contact.props[name] ?? '',
    })
  }
}

/** Sets one type's status for an address; returns the previous state (undefined: never set). */
export function setStatus(
  ctx: WriteContext,
  email: string,
  subscriptionId: string,
  state: SubscriptionState,
  basis: LegalBasis,
): SubscriptionState | undefined {
  const prefs = ctx.portal.subscriptions.getOrCreate(email)
  const previous =
    prefs.portalWideOptOutAt !== undefined ? 'NOT_SUBSCRIBED' : prefs.perType.get(subscriptionId)?.state
  if (state === 'SUBSCRIBED') prefs.portalWideOptOutAt = undefined
  const status: SubscriptionStatus = { state, timestamp: ctx.portal.clock.now(), source: 'API', ...basis }
  prefs.perType.set(subscriptionId, status)
  afterPreferenceChange(ctx, email)
  return previous
}

/** Opts an address out of everything (v4 unsubscribe-all); returns the types whose status changed. */
export function unsubscribeAll(ctx: WriteContext, email: string): string[] {
  const prefs = ctx.portal.subscriptions.getOrCreate(email)
  const at = ctx.portal.clock.now()
  const changed: string[] = []
  for (const definition of ctx.portal.subscriptions.definitions) {
    if (prefs.perType.get(definition.id)?.state !== 'NOT_SUBSCRIBED') changed.push(definition.id)
    prefs.perType.set(definition.id, { state: 'NOT_SUBSCRIBED', timestamp: at, source: 'API' })
  }
  prefs.portalWideOptOutAt ??= at
  afterPreferenceChange(ctx, email)
  return changed
}
