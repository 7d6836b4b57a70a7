import type { CompanyMapping, ContactMapping, DealMapping, OwnersTable } from '@crmsync/core'

import type { EngineDeps } from './engine-types.js'
import { type DealPipelines, setUpDealPipelines } from './kinds/deal/deal-pipelines.js'
import { portalTimeZoneReader } from './portal-time-zone.js'
import { resolveCompanyMappings, resolveDealMappings, resolveMappings } from './resolve-mappings.js'

/**
 * The caches one engine keeps across its cycles (style guide item 4: no per-engine state in module scope, so
 * two engines in one process, several portals or tests, share nothing). Each is a read cache: losing it costs
 * a read, never a change.
 */
export class EngineState {
  /** The portal's time zone, read once per engine (portal-time-zone.ts). */
  readonly timeZone: () => Promise<string>
  /** The owners table and when it was read: it serves later cycles for OWNERS_MAX_AGE_MS. */
  owners: { readonly table: OwnersTable; readonly at: number } | undefined
  /** The inclusion list passed the DYNAMIC check (B-CON-16), so a long-running engine reads it once. */
  inclusionListChecked = false
  /** The integration user has the permission deal sync needs (B-INST-5), so a long-running engine reads it once. */
  dealPermissionsChecked = false
  readonly #deps: EngineDeps
  #mappings: Promise<readonly ContactMapping[]> | undefined
  #companyMappings: Promise<readonly CompanyMapping[]> | undefined
  #dealMappings: Promise<readonly DealMapping[]> | undefined
  #dealPipelines: Promise<DealPipelines> | undefined

  constructor(deps: EngineDeps) {
    this.#deps = deps
    this.timeZone = portalTimeZoneReader(deps)
  }

  /** The connection's mappings, resolved on the first cycle (a describe call); a failed resolve is retried. */
  mappings(): Promise<readonly ContactMapping[]> {
    this.#mappings ??= resolveMappings(this.#deps.connection, this.#deps.salesforce, this.#deps.logger).catch(
      (err: unknown) => {
        this.#mappings = undefined
        throw err
      },
    )
    return this.#mappings
  }

  /**
   * The company mappings (defaults and `mappings.company`), resolved on the first company pass (an Account
   * describe); retried when it fails.
   */
  companyMappings(): Promise<readonly CompanyMapping[]> {
    this.#companyMappings ??= resolveCompanyMappings(
      this.#deps.connection,
      this.#deps.salesforce,
      this.#deps.logger,
    ).catch((err: unknown) => {
      this.#companyMappings = undefined
      throw err
    })
    return this.#companyMappings
  }

  /** The deal mappings (defaults and `mappings.deal`), resolved on the first deal pass; retried on failure. */
  dealMappings(): Promise<readonly DealMapping[]> {
    this.#dealMappings ??= resolveDealMappings(
      this.#deps.connection,
      this.#deps.salesforce,
      this.#deps.logger,
    ).catch((err: unknown) => {
      this.#dealMappings = undefined
      throw err
    })
    return this.#dealMappings
  }

  /**
   * The synced pipelines, set up in HubSpot on the engine's first deal capture (deal-pipelines.ts), so they
   * exist as soon as deal sync is on (B-DEAL-2): a new record type or StageName value is picked up by a new
   * engine (a restart), as a describe is. Retried on failure. A dry run creates nothing and keeps nothing.
   */
  dealPipelines(dryRun = false): Promise<DealPipelines> {
    const deals = this.#deps.connection.settings.deals
    const settings = { pipelines: deals.pipelines, maxSyncedPipelines: deals.maxSyncedPipelines }
    if (dryRun && this.#dealPipelines === undefined) return setUpDealPipelines(this.#deps, settings, true)
    this.#dealPipelines ??= setUpDealPipelines(this.#deps, settings).catch((err: unknown) => {
      this.#dealPipelines = undefined
      throw err
    })
    return this.#dealPipelines
  }
}
