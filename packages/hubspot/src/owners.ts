import type { HubSpotOwnerRecord } from '@crmsync/core'
import type { Client } from '@hubspot/api-client'

import { fromHubSpotOwner } from './mappers.js'
import type { Call } from './retry-policy.js'

/** The owners endpoint's largest page (api-surface 3.6). */
const OWNER_PAGE = 500

/** Active owners, then archived ones (deactivated users): two listings, 500 per call. */
export async function readOwners(client: Client, call: Call): Promise<HubSpotOwnerRecord[]> {
  const owners: HubSpotOwnerRecord[] = []
  for (const archived of [false, true]) {
    let after: string | undefined
    do {
      const cursor = after
      const page = await call('owners list', () =>
        client.crm.owners.ownersApi.getPage(undefined, cursor, OWNER_PAGE, archived),
      )
      for (const owner of page.results) owners.push(fromHubSpotOwner({ ...owner, archived }))
      after = page.paging?.next?.after
    } while (after !== undefined)
  }
  return owners
}
