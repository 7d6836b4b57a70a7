import type { SalesforceConnector } from '@crmsync/core'
import { Client } from '@hubspot/api-client'

/** Ids of one side's existing records, a page at a time; `calls` counts the API calls it made. */
export interface RecordPages {
  pages(): AsyncIterable<readonly string[]>
  readonly calls: () => number
}

/**
 * Every Salesforce Contact, then every unconverted Lead (a converted lead syncs as its contact): 2000 ids per
 * query page through the query locator, as they are now. (Not the capture: its cursor remembers every row
 * it returns until they settle, which an import of a whole org does not need.) Calls are counted by the
 * connector.
 */
export function salesforceRecordPages(salesforce: SalesforceConnector): RecordPages {
  const before = salesforce.apiUsage().calls
  return {
    calls: () => salesforce.apiUsage().calls - before,
    async *pages() {
      for (const type of ['Contact', 'Lead'] as const) yield* salesforce.listIds(type)
    },
  }
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
