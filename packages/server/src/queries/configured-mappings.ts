import {
  type CompanyMapping,
  type Connection,
  type ContactMapping,
  type DealMapping,
  DEFAULT_COMPANY_MAPPINGS,
  DEFAULT_CONTACT_MAPPINGS,
  DEFAULT_DEAL_MAPPINGS,
  type FieldMapping,
} from '@crmsync/core'

/**
 * The defaults with the config's rule overrides, then the extra mappings (typed as text here: only their
 * names, fields and rules are shown; the engine resolves their types from the describe). Switched-off
 * mappings (`rule: none`) stay in.
 */
function withConfigured<T extends string>(
  defaults: readonly FieldMapping<T>[],
  configured: Connection['mappings']['contact'],
): FieldMapping<T>[] {
  const overridden = defaults.map((m) => {
    const override = m.locked === true ? undefined : configured.find((c) => c.hubspot === m.hubspot)
    return override === undefined ? m : { ...m, rule: override.rule }
  })
  const extra = configured
    .filter((c) => !defaults.some((m) => m.hubspot === c.hubspot))
    .map((c): FieldMapping<T> => ({
      ...c,
      // The schema fills in only the Salesforce types of this object (Lead/Contact or Account).
      salesforce: c.salesforce as FieldMapping<T>['salesforce'],
      hubspotType: 'text',
      salesforceType: 'string',
    }))
  return [...overridden, ...extra]
}

/** The connection's contact mappings as doctor and explain show them: the defaults (B-MAP-9) and the config's. */
export function configuredContactMappings(connection: Connection): ContactMapping[] {
  return withConfigured(DEFAULT_CONTACT_MAPPINGS, connection.mappings.contact)
}

/**
 * The connection's company mappings as doctor, explain and resync show them: the defaults (name,
 * domain/website, phone, billing address, industry, employees, annual revenue, description, owner) with the
 * config's rule overrides, then the extra mappings of `mappings.company`. The engine keeps only those whose
 * Account field the org has (resolveCompanyMappings); explain does the same from the describe, and doctor
 * checks each mapped Account field.
 */
export function configuredCompanyMappings(connection: Connection): CompanyMapping[] {
  return withConfigured(DEFAULT_COMPANY_MAPPINGS, connection.mappings.company)
}

/**
 * The connection's deal mappings as doctor, explain and resync show them: the seven defaults (owner, close
 * date, name, type, description, amount, stage; B-DEAL-10) with the config's rule overrides, then the extra
 * mappings of `mappings.deal` (B-DEAL-11).
 */
export function configuredDealMappings(connection: Connection): DealMapping[] {
  return withConfigured(DEFAULT_DEAL_MAPPINGS, connection.mappings.deal)
}
