import type { DemoHooks } from '@crmsync/server'
import type { Client } from '@hubspot/api-client'
import type { Connection } from 'jsforce'

/** The official clients of both sandboxes: the Try-it page's edits go through them, as a user's would. */
export interface DemoClients {
  readonly hubspot: Client
  readonly salesforce: Connection
  readonly now: () => number
}

/**
 * The demo's hooks for the console's Try-it page: one field of one contact edited through the sandbox's own
 * API with the official client (not through crmsync), so the engine sees it as any other change in that CRM.
 */
export function createDemoHooks(clients: DemoClients): DemoHooks {
  return {
    async edit(input) {
      if (input.side === 'hubspot') {
        await clients.hubspot.crm.contacts.basicApi.update(input.hubspotId, {
          properties: { [input.hubspotProperty]: input.value },
        })
      } else {
        const saved = await clients.salesforce
          .sobject(input.salesforceType)
          .update({ Id: input.salesforceId, [input.salesforceField]: input.value })
        if (!saved.success) {
          const why = saved.errors.map((e) => (typeof e === 'string' ? e : e.message)).join('; ')
          throw new Error(`Salesforce refused the edit: ${why}`)
        }
      }
      return { editedAt: clients.now() }
    },
  }
}
