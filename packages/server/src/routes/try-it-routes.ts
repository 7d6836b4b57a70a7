import type { ContactSalesforceType, Link } from '@crmsync/core'
import type { FastifyReply } from 'fastify'

import type { SideName, TryItContact, TryItEdit, TryItEditResult, TryItStatus } from '../api-types.js'
import { sendError } from '../platform/api-error.js'
import type { ConsoleConnection } from '../server-deps.js'
import type { ApiRoutes } from './route-types.js'
import { salesforceFieldFor, TRY_IT_MAX_LENGTH, type TryItField, tryItFields } from './try-it-fields.js'

/** Contacts the page offers: enough to pick from, few enough to read both sides in one call each. */
const CONTACTS_OFFERED = 6

/** Control characters would not survive both CRMs alike (and have no place in a name or a city). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
const CONTROL = /[\u0000-\u001f\u007f]/

type Crm = NonNullable<ConsoleConnection['crm']>

function isSide(value: unknown): value is SideName {
  return value === 'hubspot' || value === 'salesforce'
}

function badRequest(reply: FastifyReply, message: string) {
  return sendError(reply, 400, 'bad-request', message)
}

/** Both sides store text; a missing value and an empty one read the same. */
function sameText(a: unknown, b: unknown): boolean {
  const text = (v: unknown) =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v).trim() : ''
  return text(a) === text(b)
}

function isContactType(type: string): type is ContactSalesforceType {
  return type === 'Lead' || type === 'Contact'
}

/** Reads the offered fields of `links` on both sides now: one HubSpot read, one Salesforce read per type. */
async function readBothSides(crm: Crm, links: readonly Link[], fields: readonly TryItField[]) {
  const hubspot = await crm.hubspot.readContacts({
    ids: links.map((l) => l.hubspotId),
    properties: fields.map((f) => f.hubspot),
  })
  const salesforce = new Map<string, Readonly<Record<string, unknown>>>()
  for (const type of ['Lead', 'Contact'] as const) {
    const ids = links.filter((l) => l.salesforceType === type).map((l) => l.salesforceId)
    if (ids.length === 0) continue
    const names = fields.flatMap((f) => salesforceFieldFor(f, type) ?? [])
    const records = await crm.salesforce.retrieve(type, ids, names)
    for (const [id, record] of records) salesforce.set(id, record.fields)
  }
  return { hubspot: hubspot.records, salesforce }
}

/**
 * The Try-it page of the demo (`npm start`): a few linked contacts with both sides' values of a few text
 * fields, an edit of one field on one side (made by the demo through that CRM's own API, as a user would), and
 * whether it has crossed to the other side. Registered only when the demo's hooks are present (404 otherwise).
 * Reads go through the connection's connectors (core ports); the server never talks to a CRM client itself.
 */
export const tryItRoutes: ApiRoutes = (app, { deps }) => {
  const demo = deps.demo
  if (demo === undefined) return

  const find = (id: unknown) => deps.connections().find((c) => c.id === id)

  /** The active contact link holding `hubspotId`, with the field offered as `property` on it. */
  async function target(connection: ConsoleConnection, hubspotId: string, property: string) {
    const link = await connection.store.getLink(connection.id, 'contact', 'hubspot', hubspotId)
    if (link?.state !== 'active') return 'not a linked contact of this connection'
    const field = tryItFields(connection.connection()).find((f) => f.hubspot === property)
    const salesforceField = field === undefined ? undefined : salesforceFieldFor(field, link.salesforceType)
    if (field === undefined || salesforceField === undefined) return `${property} is not a field offered here`
    return { link, field, salesforceField }
  }

  app.get('/api/try-it/contacts', async (): Promise<TryItContact[]> => {
    const contacts: TryItContact[] = []
    for (const connection of deps.connections()) {
      const crm = connection.crm
      if (crm === undefined) continue
      const fields = tryItFields(connection.connection())
      const page = await connection.store.listLinks({
        connectionId: connection.id,
        objectKind: 'contact',
        limit: 100,
      })
      const links = page
        .filter((l) => l.state === 'active' && isContactType(l.salesforceType))
        .slice(0, CONTACTS_OFFERED)
      if (links.length === 0) continue
      const values = await readBothSides(crm, links, fields)
      for (const link of links) {
        const hs = values.hubspot.get(link.hubspotId)?.properties ?? {}
        const sf = values.salesforce.get(link.salesforceId) ?? {}
        const offered = fields.flatMap((f) => {
          const salesforce = salesforceFieldFor(f, link.salesforceType)
          if (salesforce === undefined) return []
          return [
            {
              hubspot: f.hubspot,
              salesforce,
              rule: f.rule,
              hubspotValue: hs[f.hubspot] ?? null,
              salesforceValue: sf[salesforce] ?? null,
            },
          ]
        })
        const name = [hs['firstname'], hs['lastname']].filter((v) => typeof v === 'string' && v !== '')
        contacts.push({
          connectionId: connection.id,
          hubspotId: link.hubspotId,
          salesforceId: link.salesforceId,
          salesforceType: link.salesforceType,
          label: name.length > 0 ? name.join(' ') : `contact ${link.hubspotId}`,
          fields: offered,
        })
      }
    }
    return contacts
  })

  app.post('/api/try-it/edit', async (request, reply): Promise<TryItEditResult | undefined> => {
    const body = (request.body ?? {}) as Partial<Record<keyof TryItEdit, unknown>>
    const { connectionId, hubspotId, side, field, value } = body
    if (typeof hubspotId !== 'string' || typeof field !== 'string' || !isSide(side)) {
      return badRequest(
        reply,
        'connectionId, hubspotId, side (hubspot or salesforce), field and value are needed',
      )
    }
    if (typeof value !== 'string' || value.length > TRY_IT_MAX_LENGTH || CONTROL.test(value)) {
      return badRequest(reply, `value must be text of at most ${TRY_IT_MAX_LENGTH} characters, on one line`)
    }
    const connection = find(connectionId)
    if (connection === undefined) return sendError(reply, 404, 'not-found', 'no such connection')
    const found = await target(connection, hubspotId, field)
    if (typeof found === 'string') return badRequest(reply, found)
    try {
      return await demo.edit({
        connectionId: connection.id,
        side,
        hubspotId,
        salesforceType: found.link.salesforceType,
        salesforceId: found.link.salesforceId,
        hubspotProperty: found.field.hubspot,
        salesforceField: found.salesforceField,
        value,
      })
    } catch (err) {
      // The CRM refused it (a validation rule, a read-only record): the page shows why.
      const message = err instanceof Error ? err.message : String(err)
      return sendError(reply, 502, 'edit-failed', message)
    }
  })

  app.get('/api/try-it/edit-status', async (request, reply): Promise<TryItStatus | undefined> => {
    const query = request.query as Record<string, string | undefined>
    const { connectionId, hubspotId, side, field, value } = query
    const editedAt = Number(query['editedAt'])
    if (
      hubspotId === undefined ||
      field === undefined ||
      value === undefined ||
      !isSide(side) ||
      !Number.isFinite(editedAt)
    ) {
      return badRequest(reply, 'connectionId, hubspotId, side, field, value and editedAt are needed')
    }
    const connection = find(connectionId)
    const crm = connection?.crm
    if (connection === undefined || crm === undefined) {
      return sendError(reply, 404, 'not-found', 'no such connection')
    }
    const found = await target(connection, hubspotId, field)
    if (typeof found === 'string') return badRequest(reply, found)
    const { link, salesforceField } = found
    const otherSideValue =
      side === 'hubspot'
        ? ((
            await crm.salesforce.retrieve(
              link.salesforceType as ContactSalesforceType,
              [link.salesforceId],
              [salesforceField],
            )
          ).get(link.salesforceId)?.fields[salesforceField] ?? null)
        : ((await crm.hubspot.readContacts({ ids: [hubspotId], properties: [field] })).records.get(hubspotId)
            ?.properties[field] ?? null)
    const crossed = sameText(otherSideValue, value)
    if (!crossed) return { crossed, otherSideValue, latencyMs: null }
    // The commit that carried it, when the audit has it; else the moment it was first seen crossed (now).
    const direction = side === 'hubspot' ? 'hs->sf' : 'sf->hs'
    const entries = await connection.store.listAudit({
      connectionId: connection.id,
      objectKind: 'contact',
      side: 'hubspot',
      recordId: hubspotId,
      limit: 50,
    })
    const carried = entries
      .filter((e) => e.field === field && e.direction === direction && e.at >= editedAt)
      .map((e) => e.at)
    const at = carried.length > 0 ? Math.min(...carried) : deps.now()
    return { crossed, otherSideValue, latencyMs: Math.max(0, at - editedAt) }
  })
}
