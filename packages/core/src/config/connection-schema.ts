import { z } from 'zod'

import { consoleSchema } from './console-schema.js'
import { hubspotSchema } from './hubspot-schema.js'
import { checkObjectMappingsOn, mappingsSchema } from './mappings-schema.js'
import { notificationsSchema } from './notifications-schema.js'
import { ALWAYS, isRecord } from './primitives.js'
import { salesforceSchema } from './salesforce-schema.js'
import { settingsSchema } from './settings-schema.js'
import { storeSchema } from './store-schema.js'

export const CONNECTION_ID = /^[a-z0-9][a-z0-9-]{0,62}$/

const connectionShape = {
  salesforce: salesforceSchema,
  hubspot: hubspotSchema,
  store: storeSchema,
  settings: settingsSchema.prefault({}).describe(settingsSchema.description ?? ''),
  mappings: mappingsSchema.prefault({}).describe(mappingsSchema.description ?? ''),
  notifications: notificationsSchema.optional().describe(notificationsSchema.description ?? ''),
}

/** The keys one connection (a portal pair) has in either form of the file. */
export const CONNECTION_KEYS = ['id', ...Object.keys(connectionShape)] as const

const connectionId = z
  .string()
  .regex(CONNECTION_ID, { message: 'must be lower-case letters, digits and dashes, e.g. emea-prod' })
  .describe('Connection id, used by --connection and stored with every link.')

/** Unique ids, and one portal paired with one org only (B-INST-3). */
function checkConnectionList(list: unknown, ctx: z.RefinementCtx): void {
  if (!Array.isArray(list)) return
  const ids = new Map<unknown, number>()
  const portals = new Map<unknown, number>()
  list.forEach((connection: unknown, index) => {
    if (!isRecord(connection)) return
    const id = connection['id']
    const first = ids.get(id)
    if (typeof id === 'string' && first !== undefined) {
      const message = `id "${id}" is already used by connections[${first}]`
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message, params: { code: 'cross-field' } })
    } else ids.set(id, index)
    const hubspot = connection['hubspot']
    const portal = isRecord(hubspot) ? hubspot['portalId'] : undefined
    if (typeof portal !== 'number') return
    const other = portals.get(portal)
    if (other === undefined) portals.set(portal, index)
    else {
      const message = `portal ${portal} is already paired by connections[${other}] (B-INST-3)`
      ctx.addIssue({
        code: 'custom',
        path: [index, 'hubspot', 'portalId'],
        message,
        params: { code: 'cross-field' },
      })
    }
  })
}

export const connectionSchema = z
  .strictObject({ id: connectionId, ...connectionShape })
  .superRefine(checkObjectMappingsOn, ALWAYS)
  .describe('One HubSpot portal paired with one Salesforce org.')

/** The single-pair form: the connection keys at the top level; id optional. (Default id: "default") */
export const singleConnectionFileSchema = z
  .strictObject({
    id: connectionId
      .default('default')
      .describe('Connection id. (Default: "default" in the single-pair form)'),
    ...connectionShape,
    console: consoleSchema,
  })
  .superRefine(checkObjectMappingsOn, ALWAYS)

/** The several-pairs form: a list under `connections:`. */
export const multiConnectionFileSchema = z
  .strictObject({
    connections: z
      .array(connectionSchema)
      .min(1, { message: 'list at least one connection' })
      .superRefine(checkConnectionList, ALWAYS)
      .describe('Several portal pairs, each with an id and the same keys as the single-pair form.'),
    console: consoleSchema,
  })
  .describe('Configuration with several connections.')

export type ConnectionConfig = z.output<typeof connectionSchema>
