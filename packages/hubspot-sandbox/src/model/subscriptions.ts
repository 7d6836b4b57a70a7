/** A subscription type (communication preference definition, api-surface.md 8.1). */
export interface SubscriptionDefinition {
  readonly id: string
  readonly name: string
  readonly description: string
  readonly purpose: string
  readonly isDefault: boolean
  readonly isInternal: boolean
  readonly createdAt: number
}

export type SubscriptionState = 'SUBSCRIBED' | 'NOT_SUBSCRIBED'

export interface SubscriptionStatus {
  readonly state: SubscriptionState
  readonly timestamp: number
  readonly source: string
  readonly legalBasis?: string
  readonly legalBasisExplanation?: string
}

/** What one address has said: per-type statuses and whether it left everything (portal-wide). */
export interface EmailPreferences {
  readonly perType: Map<string, SubscriptionStatus>
  portalWideOptOutAt: number | undefined
}

/** The default subscription types of a fresh portal. */
export function defaultSubscriptionDefinitions(createdAt: number): SubscriptionDefinition[] {
  return [
    ['1001', 'Marketing Information', 'Marketing offers and updates.', 'Marketing', true],
    ['1002', 'One to One', 'One to one emails from the sales team.', 'Sales', false],
    [
      '1003',
      'Customer Service Communication',
      'Feedback requests and service updates.',
      'Customer Service',
      false,
    ],
  ].map(([id, name, description, purpose, isDefault]) => ({
    id: String(id),
    name: String(name),
    description: String(description),
    purpose: String(purpose),
    isDefault: isDefault === true,
    isInternal: false,
    createdAt,
  }))
}

/**
 * Communication preferences belong to the email address, not to a contact: they can exist before the
 * contact does and survive its deletion (api-surface.md 8.1). Keys are lower-cased addresses.
 */
export class SubscriptionStore {
  readonly definitions: SubscriptionDefinition[] = []
  readonly #byEmail = new Map<string, EmailPreferences>()

  get(email: string): EmailPreferences | undefined {
    return this.#byEmail.get(email.toLowerCase())
  }

  getOrCreate(email: string): EmailPreferences {
    const key = email.toLowerCase()
    let prefs = this.#byEmail.get(key)
    if (prefs === undefined)
      this.#byEmail.set(key, (prefs = { perType: new Map(), portalWideOptOutAt: undefined }))
    return prefs
  }

  definition(id: string): SubscriptionDefinition | undefined {
    return this.definitions.find((definition) => definition.id === id)
  }

  /** True when the address opted out of this type, or of everything. */
  isOptedOut(email: string, subscriptionId: string): boolean {
    const prefs = this.get(email)
    if (prefs === undefined) return false
    return (
      prefs.portalWideOptOutAt !== undefined || prefs.perType.get(subscriptionId)?.state === 'NOT_SUBSCRIBED'
    )
  }

  clear(): void {
    this.#byEmail.clear()
    this.definitions.length = 0
  }
}
