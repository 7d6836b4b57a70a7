import type { Client } from '@hubspot/api-client'
import type { Connection } from 'jsforce'

/** One change the demo made, waiting to show up on the other side. */
export interface TrafficChange {
  readonly side: 'hubspot' | 'salesforce'
  readonly kind: 'create' | 'edit'
  /** The record's id on `side`. */
  readonly id: string
  /** Edits only: the mapping key (HubSpot property) and its new canonical value. */
  readonly field?: string | undefined
  readonly value?: string | undefined
  /** Epoch ms when the write returned. */
  readonly at: number
}

export interface TrafficClients {
  readonly hubspot: Client
  readonly salesforce: Connection
  readonly now: () => number
}

let serial = 0

function nextName(): { first: string; last: string; email: string } {
  serial++
  const tag = `${Date.now().toString(36)}${serial}`
  return { first: `Demo${serial}`, last: `Traffic${serial}`, email: `demo-${tag}@example.com` }
}

function phone(): string {
  return `+1 555 ${String(1000 + Math.floor(Math.random() * 9000))}`
}

/**
 * One round of demo traffic through the official clients: a new HubSpot contact, a new Salesforce Lead,
 * and a phone edit on one linked record of each side (picked by the caller).
 */
export async function makeTraffic(
  clients: TrafficClients,
  linked: {
    readonly hubspotId?: string | undefined
    readonly salesforce?: { type: string; id: string } | undefined
  },
): Promise<TrafficChange[]> {
  const changes: TrafficChange[] = []
  const hs = nextName()
  const created = await clients.hubspot.crm.contacts.basicApi.create({
    properties: { email: hs.email, firstname: hs.first, lastname: hs.last, company: 'Demo Inc' },
    associations: [],
  })
  changes.push({ side: 'hubspot', kind: 'create', id: created.id, at: clients.now() })
  const sf = nextName()
  const lead = await clients.salesforce
    .sobject('Lead')
    .create({ FirstName: sf.first, LastName: sf.last, Email: sf.email, Company: 'Demo Corp' })
  if (lead.success) changes.push({ side: 'salesforce', kind: 'create', id: lead.id, at: clients.now() })
  if (linked.hubspotId !== undefined) {
    const value = phone()
    await clients.hubspot.crm.contacts.basicApi.update(linked.hubspotId, { properties: { phone: value } })
    changes.push({
      side: 'hubspot',
      kind: 'edit',
      id: linked.hubspotId,
      field: 'phone',
      value,
      at: clients.now(),
    })
  }
  if (linked.salesforce !== undefined) {
    const value = phone()
    await clients.salesforce
      .sobject(linked.salesforce.type)
      .update({ Id: linked.salesforce.id, Phone: value })
    changes.push({
      side: 'salesforce',
      kind: 'edit',
      id: linked.salesforce.id,
      field: 'phone',
      value,
      at: clients.now(),
    })
  }
  return changes
}
