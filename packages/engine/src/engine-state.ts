import type { CompanyMapping, ContactMapping, OwnersTable } from '@crmsync/core'

import type { EngineDeps } from './engine-types.js'
import { portalTimeZoneReader } from './portal-time-zone.js'
import { resolveCompanyMappings, resolveMappings } from './resolve-mappings.js'

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
  readonly #deps: EngineDeps
  #mappings: Promise<readonly ContactMapping[]> | undefined
  #companyMappings: Promise<readonly CompanyMapping[]> | undefined

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
}
