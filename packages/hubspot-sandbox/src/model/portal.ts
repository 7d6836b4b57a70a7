import type { Clock } from '../clock.js'
import { DEFAULT_KNOBS, type Knobs } from '../options.js'
import type { EventSink, PendingEvent } from '../webhooks/events.js'
import { AssociationStore } from './association-store.js'
import { defaultProperties } from './default-properties.js'
import { FormStore } from './forms.js'
import type { HsList } from './lists.js'
import { ObjectStore } from './object-store.js'
import { OBJECT_TYPE_NAMES, OBJECT_TYPES, type ObjectTypeName } from './object-types.js'
import { defaultOwners, type Owner } from './owners.js'
import { defaultDealPipeline, type Pipeline } from './pipelines.js'
import { DEFAULT_PORTAL_SETTINGS, type PortalSettings } from './portal-settings.js'
import { defineProperty, type PropertyDefinition } from './property-definition.js'
import { defaultSubscriptionDefinitions, SubscriptionStore } from './subscriptions.js'
import type { PortalUser } from './users.js'

/** An access token the portal accepts, and whom its writes are attributed to (api-surface.md 8.6). */
export interface TokenInfo {
  readonly appId: number
  readonly kind: 'private-app' | 'oauth'
  readonly scopes: readonly string[]
  /** OAuth tokens expire; private-app tokens do not. */
  readonly expiresAt?: number
  readonly refreshToken?: string
  /** The user who installed the app or authorised the token (token info's `user_id`). (Default: the integration user) */
  readonly userId?: string
}

/** A marketing email event (sent, open, click) attached to a contact's address. */
export interface MarketingEmailEvent {
  readonly id: string
  readonly type: 'SENT' | 'OPEN' | 'CLICK'
  readonly recipient: string
  readonly created: number
  readonly emailCampaignId: number
  readonly url?: string
}

/** Every scope crmsync can need (scope-rules.ts says which endpoint needs which): a token's default. */
export const FULL_SCOPES = [
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.owners.read',
  'crm.schemas.contacts.read',
  'crm.schemas.contacts.write',
  'crm.schemas.companies.read',
  'crm.schemas.companies.write',
  'crm.schemas.deals.read',
  'crm.schemas.deals.write',
  'crm.lists.read',
  'crm.lists.write',
  'communication_preferences.read_write',
  'content',
  'forms',
  'sales-email-read',
  'settings.users.read',
] as const

/**
 * Everything one portal holds. Routes and services change it; `reset()` returns it to the metadata of
 * `--seed none` (owners, pipelines, properties, lifecycle stages, subscription types) with no records.
 */
export class Portal {
  readonly portalId: number
  readonly clock: Clock
  readonly knobs: Knobs
  /** Settings > Objects switches; like the knobs, `reset()` keeps them. */
  readonly settings: PortalSettings
  readonly stores: Readonly<Record<ObjectTypeName, ObjectStore>>
  readonly properties = new Map<ObjectTypeName, Map<string, PropertyDefinition>>()
  readonly owners: Owner[] = []
  readonly pipelines = new Map<string, Pipeline[]>()
  readonly associations = new AssociationStore()
  readonly lists = new Map<string, HsList>()
  readonly subscriptions = new SubscriptionStore()
  readonly marketingEvents: MarketingEmailEvent[] = []
  readonly forms = new FormStore()
  readonly tokens = new Map<string, TokenInfo>()
  /** Settings > Users; like tokens, `reset()` keeps them. */
  readonly users = new Map<string, PortalUser>()
  /** Whether events reach the sink; bulk seeding turns this off. */
  eventsOn = true
  #sink: EventSink | undefined
  #nextId = 0
  #nextListId = 0

  constructor(init: {
    portalId: number
    clock: Clock
    knobs?: Partial<Knobs>
    settings?: Partial<PortalSettings>
  }) {
    this.portalId = init.portalId
    this.clock = init.clock
    this.knobs = { ...DEFAULT_KNOBS, ...init.knobs }
    this.settings = {
      ...DEFAULT_PORTAL_SETTINGS,
      autoAssociationExcludedDomains: [],
      ...init.settings,
    }
    const stores = {} as Record<ObjectTypeName, ObjectStore>
    for (const name of OBJECT_TYPE_NAMES) {
      const unique = defaultProperties(name)
        .filter((p) => p.hasUniqueValue)
        .map((p) => p.name)
      stores[name] = new ObjectStore(OBJECT_TYPES[name], name === 'contacts' ? ['email', ...unique] : unique)
    }
    this.stores = stores
    this.reset()
  }

  setSink(sink: EventSink | undefined): void {
    this.#sink = sink
  }

  emit(event: PendingEvent): void {
    if (this.eventsOn) this.#sink?.emit(event)
  }

  /** The next record id: one increasing sequence for the whole portal, so ids are deterministic. */
  nextId(): number {
    this.#nextId += 1
    return this.#nextId
  }

  nextListId(): string {
    this.#nextListId += 1
    return String(this.#nextListId)
  }

  property(type: ObjectTypeName, name: string): PropertyDefinition | undefined {
    const def = this.properties.get(type)?.get(name)
    return def?.archived === true ? undefined : def
  }

  /** Empties the portal and restores the default metadata. Tokens are kept. */
  reset(): void {
    const now = this.clock.now()
    this.#nextId = 1000
    this.#nextListId = 0
    for (const store of Object.values(this.stores)) store.clear()
    this.associations.clear()
    this.lists.clear()
    this.marketingEvents.length = 0
    this.forms.clear()
    this.subscriptions.clear()
    this.subscriptions.definitions.push(...defaultSubscriptionDefinitions(now))
    this.owners.length = 0
    this.owners.push(...defaultOwners(now))
    this.pipelines.clear()
    this.pipelines.set('deals', [defaultDealPipeline(now)])
    this.pipelines.set('tickets', [])
    for (const name of OBJECT_TYPE_NAMES) {
      const defs = defaultProperties(name).map((def) => ({ ...def, createdAt: now, updatedAt: now }))
      if (name === 'contacts') {
        // Per-type opt-outs are read-only properties derived from the subscription store (8.1).
        for (const definition of this.subscriptions.definitions) {
          defs.push(
            defineProperty(`hs_email_optout_${definition.id}`, 'bool', 'booleancheckbox', {
              label: `Opted out of email: ${definition.name}`,
              readOnlyValue: true,
              createdAt: now,
              updatedAt: now,
            }),
          )
        }
      }
      this.properties.set(name, new Map(defs.map((def) => [def.name, def])))
    }
  }
}
