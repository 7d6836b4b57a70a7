import type { HubSpotConnector, SalesforceConnector } from '@crmsync/core'
import { Client } from '@hubspot/api-client'

/** Ids of one side's existing records, a page at a time; `calls` counts the API calls it made. */
export interface RecordPages {
  pages(): AsyncIterable<readonly string[]>
  readonly calls: () => number
  /**
   * The calls went through a connector, so its API usage (which the import charges per side) already holds
   * them; otherwise the import adds `calls()` to its side.
   */
  readonly countedByConnector: boolean
}

/** A connector's id lister as RecordPages: its calls are in the connector's own usage. */
function connectorPages(usage: () => number, list: () => AsyncIterable<readonly string[]>): RecordPages {
  const before = usage()
  return {
    calls: () => usage() - before,
    countedByConnector: true,
    pages: list,
  }
}

/**
 * Every Salesforce Contact, then every unconverted Lead (a converted lead syncs as its contact): 2000 ids per
 * query page through the query locator, as they are now. (Not the capture: its cursor remembers every row
 * it returns until they settle, which an import of a whole org does not need.) Calls are counted by the
 * connector.
 */
export function salesforceRecordPages(salesforce: SalesforceConnector): RecordPages {
  return connectorPages(
    () => salesforce.apiUsage().calls,
    async function* () {
      for (const type of ['Contact', 'Lead'] as const) yield* salesforce.listIds(type)
    },
  )
}

/** Every live Account, 2000 ids per query page (B-CMP-1: only while company sync is on). */
export function salesforceAccountPages(salesforce: SalesforceConnector): RecordPages {
  return connectorPages(
    () => salesforce.apiUsage().calls,
    () => salesforce.listAccountIds(),
  )
}

/** Every live HubSpot company through the connector's list endpoint (100 per call, no search lag or cap). */
export function hubspotCompanyPages(hubspot: HubSpotConnector): RecordPages {
  return connectorPages(
    () => hubspot.apiUsage().calls,
    () => hubspot.listCompanyIds(),
  )
}

/** Every live Opportunity, 2000 ids per query page (B-DEAL-1: only while deal sync is on). */
export function salesforceOpportunityPages(salesforce: SalesforceConnector): RecordPages {
  return connectorPages(
    () => salesforce.apiUsage().calls,
    () => salesforce.listOpportunityIds(),
  )
}

/** Every live HubSpot deal through the connector's list endpoint (100 per call, no search lag or cap). */
export function hubspotDealPages(hubspot: HubSpotConnector): RecordPages {
  return connectorPages(
    () => hubspot.apiUsage().calls,
    () => hubspot.listDealIds(),
  )
}

/**
 * Every HubSpot contact through the official client's list endpoint (100 per call, `after` paging): the
 * list has no search-index lag and no 10,000-result cap, unlike the search capture uses.
 */
export function hubspotRecordPages(accessToken: string, basePath: string): RecordPages {
  const client = new Client({ accessToken, basePath, numberOfApiCallRetries: 3 })
  let calls = 0
  return {
    calls: () => calls,
    countedByConnector: false,
    async *pages() {
      let after: string | undefined
      for (;;) {
        calls++
        const page = await client.crm.contacts.basicApi.getPage(100, after, ['email'])
        if (page.results.length > 0) yield page.results.map((c) => c.id)
        after = page.paging?.next?.after
        if (after === undefined) break
      }
    },
  }
}
