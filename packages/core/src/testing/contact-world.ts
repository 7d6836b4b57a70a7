import type { RawValue } from '../canonical/index.js'
import { assertNever, canonicalText } from '../canonical/index.js'
import type { ContactMapping, ContactSalesforceType } from '../mapping/index.js'
import { DEFAULT_CONTACT_MAPPINGS } from '../mapping/index.js'
import type { Link } from '../model/index.js'
import type {
  ContactAction,
  ContactChange,
  ContactSyncSettings,
  PlanContactsInput,
  SalesforceCandidate,
} from '../plan/index.js'
import { OWNERS } from './owner-fixtures.js'

/** A tiny in-memory pair of CRMs plus a link table: a fake for planner tests (style guide item 21). */
export interface ContactWorld {
  readonly hubspot: Map<string, Record<string, RawValue>>
  readonly salesforce: Map<string, { type: ContactSalesforceType; fields: Record<string, RawValue> }>
  links: Link[]
  /** Converted leads, lead id -> contact id. */
  readonly converted: Map<string, string>
  counter: number
  /** Who lead assignment rules pick when a create asks for them (B-OWN-5). */
  assignmentOwner: string
}

export function createWorld(): ContactWorld {
  return {
    hubspot: new Map(),
    salesforce: new Map(),
    links: [],
    converted: new Map(),
    counter: 0,
    assignmentOwner: '005BOB',
  }
}

export const DEFAULT_SETTINGS: ContactSyncSettings = {
  createInSalesforceAs: 'lead',
  createInHubSpot: true,
  inclusionList: null,
  deleteInHubSpotWhenDeletedInSalesforce: false,
}

export function addHubSpot(world: ContactWorld, id: string, properties: Record<string, RawValue>): void {
  world.hubspot.set(id, { ...properties })
}

export function addSalesforce(
  world: ContactWorld,
  type: ContactSalesforceType,
  id: string,
  fields: Record<string, RawValue>,
): void {
  world.salesforce.set(id, { type, fields: { ...fields } })
}

/** Builds the planner input from the whole world, as the engine would after its batch reads. */
export function inputFor(
  world: ContactWorld,
  changes: readonly ContactChange[],
  options: Partial<PlanContactsInput> & { now: number; mappings?: readonly ContactMapping[] },
): PlanContactsInput {
  const salesforceByEmail = new Map<string, SalesforceCandidate[]>()
  for (const [id, record] of world.salesforce) {
    const email = canonicalText(record.fields['Email'], true)
    if (email === null) continue
    const candidate = { type: record.type, id, isConverted: world.converted.has(id) }
    salesforceByEmail.set(email, [...(salesforceByEmail.get(email) ?? []), candidate])
  }
  const hubspotByEmail = new Map<string, string>()
  for (const [id, properties] of world.hubspot) {
    const email = canonicalText(properties['email'], true)
    if (email !== null) hubspotByEmail.set(email, id)
  }
  return {
    timeZone: 'Europe/Oslo',
    mappings: DEFAULT_CONTACT_MAPPINGS,
    settings: DEFAULT_SETTINGS,
    inclusionListMembers: new Set(),
    owners: OWNERS,
    hubspot: new Map([...world.hubspot].map(([id, properties]) => [id, { id, properties }])),
    salesforce: new Map(
      [...world.salesforce].map(([id, r]) => {
        const convertedContactId = world.converted.get(id)
        const conversion = convertedContactId === undefined ? {} : { isConverted: true, convertedContactId }
        return [id, { id, type: r.type, fields: r.fields, ...conversion }]
      }),
    ),
    links: world.links,
    dedup: { salesforceByEmail, hubspotByEmail },
    changes,
    ...options,
  }
}

/** Applies a plan as the engine would if every write succeeded. */
export function applyActions(world: ContactWorld, actions: readonly ContactAction[], now: number): void {
  let createdHubSpot = ''
  let createdSalesforce = ''
  for (const a of actions) {
    switch (a.kind) {
      case 'create-salesforce': {
        createdSalesforce = `${a.salesforceType === 'Lead' ? '00Q' : '003'}NEW${++world.counter}`
        const owner = a.owner.useAssignmentRules ? { OwnerId: world.assignmentOwner } : {}
        world.salesforce.set(createdSalesforce, { type: a.salesforceType, fields: { ...owner, ...a.values } })
        break
      }
      case 'create-hubspot':
        createdHubSpot = `HSNEW${++world.counter}`
        world.hubspot.set(createdHubSpot, { ...a.values })
        break
      case 'update-salesforce': {
        const record = world.salesforce.get(a.salesforce.id)
        if (record !== undefined) Object.assign(record.fields, a.values)
        break
      }
      case 'update-hubspot': {
        const record = world.hubspot.get(a.hubspotId)
        if (record !== undefined) Object.assign(record, a.values)
        break
      }
      case 'delete-hubspot':
        world.hubspot.delete(a.hubspotId)
        break
      case 'link':
        world.links.push(newLink(a.hubspotId, a.salesforce.type, a.salesforce.id, now))
        break
      case 'relink': {
        const old = world.links.find(
          (l) => l.hubspotId === a.from.hubspotId && l.salesforceId === a.from.salesforce.id,
        )
        world.links = world.links.filter((l) => l !== old)
        const moved = newLink(a.to.hubspotId, a.to.salesforce.type, a.to.salesforce.id, now)
        world.links.push({ ...moved, fields: old?.fields ?? {} })
        break
      }
      case 'link-state':
        world.links = world.links.map((l) =>
          l.hubspotId === a.hubspotId && l.salesforceId === a.salesforce.id
            ? { ...l, state: a.state, updatedAt: now }
            : l,
        )
        break
      case 'commit': {
        const hubspotId = a.hubspotId ?? createdHubSpot
        const salesforceId = a.salesforceId ?? createdSalesforce
        const existing = world.links.find((l) => l.hubspotId === hubspotId && l.salesforceId === salesforceId)
        const base = existing ?? newLink(hubspotId, a.salesforceType, salesforceId, now)
        const fields = a.serverSet?.fields ?? a.fields
        const link: Link = { ...base, fields: { ...base.fields, ...fields }, updatedAt: now }
        world.links = [...world.links.filter((l) => l !== existing), link]
        break
      }
      case 'rekey':
        world.links = world.links.map((l) =>
          l.hubspotId === a.from && l.salesforceId === a.salesforce.id
            ? { ...l, hubspotId: a.to, updatedAt: now }
            : l,
        )
        break
      case 'skip':
      case 'error':
      case 'requeue':
      case 'remember-owners-without-hubspot':
        break
      default:
        assertNever(a)
    }
  }
}

function newLink(hubspotId: string, type: string, salesforceId: string, now: number): Link {
  return {
    connectionId: 'c1',
    objectKind: 'contact',
    hubspotId,
    salesforceType: type,
    salesforceId,
    state: 'active',
    fields: {},
    createdAt: now,
    updatedAt: now,
  }
}
