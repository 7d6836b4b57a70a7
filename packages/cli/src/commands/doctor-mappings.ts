import { type Connection, type ContactMapping, DEFAULT_CONTACT_MAPPINGS } from '@crmsync/core'

/**
 * The connection's contact mappings as doctor and explain show them: the defaults (B-MAP-9) with the
 * config's rule overrides, then the extra mappings (typed as text here: only their names and rules are
 * shown; the engine resolves their types from the describe). Switched-off mappings (`rule: none`) stay in.
 */
export function configuredContactMappings(connection: Connection): ContactMapping[] {
  const configured = connection.mappings.contact
  const defaults = DEFAULT_CONTACT_MAPPINGS.map((m) => {
    const override = m.locked === true ? undefined : configured.find((c) => c.hubspot === m.hubspot)
    return override === undefined ? m : { ...m, rule: override.rule }
  })
  const extra = configured
    .filter((c) => !DEFAULT_CONTACT_MAPPINGS.some((m) => m.hubspot === c.hubspot))
    .map((c): ContactMapping => ({ ...c, hubspotType: 'text', salesforceType: 'string' }))
  return [...defaults, ...extra]
}
