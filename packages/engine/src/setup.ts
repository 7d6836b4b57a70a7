import type { EngineSetup } from './engine-context.js'
import type { EngineDeps } from './engine-types.js'

/** Defaults of design.md 3.4 to 3.6. */
export const ENGINE_DEFAULTS = {
  /**
   * Inbox rows planned together. design.md 3.4 says "a few hundred"; 2000 is what one Salesforce retrieve
   * and one capture page hold, so a batch's Salesforce reads take one call per type instead of ten. Writes
   * are still cut into Collections of 200 and HubSpot batches of 100 by the connectors.
   */
  batchSize: 2000,
  /** B-API-2: without a configured allocation, automatic retries stop after 5,000 calls in 24 h. */
  defaultSalesforceAllocation: 5000,
  /** Automatic retries stop above this share of the allocation (design.md 3.6). */
  retryStopShare: 0.75,
} as const

/**
 * Above this many Salesforce calls in the rolling 24 h automatic retries stop (design.md 3.6, B-API-2): 75 %
 * of the configured allocation, or 5,000 calls (the default allocation) when none is set.
 */
export function salesforceRetryStopAt(
  allocation: number | undefined,
  defaultAllocation: number = ENGINE_DEFAULTS.defaultSalesforceAllocation,
): number {
  return allocation === undefined
    ? defaultAllocation
    : Math.floor(allocation * ENGINE_DEFAULTS.retryStopShare)
}

/** Everything but the mappings, which may need a describe call and are resolved on the first cycle. */
export function resolveSetup(deps: EngineDeps): Omit<EngineSetup, 'mappings'> {
  const { connection } = deps
  const options = deps.options ?? {}
  const contacts = connection.settings.contacts
  const allocation = connection.salesforce.apiCallAllocation
  return {
    connectionId: connection.id,
    settings: {
      createInSalesforceAs: contacts.createInSalesforceAs,
      createInHubSpot: contacts.createInHubSpot,
      inclusionList: contacts.inclusionList,
      legacyDefaultInclusion: contacts.legacyDefaultInclusion,
      deleteInHubSpotWhenDeletedInSalesforce: contacts.deleteInHubSpotWhenDeletedInSalesforce,
      requiredFieldPlaceholder: contacts.requiredFieldPlaceholder,
    },
    companies: connection.settings.companies.sync
      ? {
          createInSalesforceAs: contacts.createInSalesforceAs,
          contactInclusionList: contacts.inclusionList,
          inclusionList: connection.settings.companies.inclusionList,
          createInHubSpot: contacts.createInHubSpot,
          reuseAutoCreatedCompany: connection.settings.companies.reuseAutoCreatedCompany,
        }
      : undefined,
    deals: connection.settings.deals.sync
      ? {
          pipelines: connection.settings.deals.pipelines,
          maxSyncedPipelines: connection.settings.deals.maxSyncedPipelines,
        }
      : undefined,
    automaticLifecycle: connection.settings.deals.sync && connection.settings.lifecycle.automaticTransitions,
    batchSize: options.batchSize ?? ENGINE_DEFAULTS.batchSize,
    // Per-record retries follow the core's retry table per code (pipeline/error-retry.ts); only test
    // overrides are kept here.
    retryOverrides: {
      ...(options.retryEveryMs === undefined ? {} : { everyMs: options.retryEveryMs }),
      ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    },
    salesforceAllocation: allocation,
    retryStopAt: salesforceRetryStopAt(allocation, options.defaultSalesforceAllocation),
    paused: !connection.settings.enabled,
  }
}
