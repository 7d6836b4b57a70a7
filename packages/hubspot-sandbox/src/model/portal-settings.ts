import { validationError } from '../http/errors.js'

/**
 * Portal settings a HubSpot admin changes under Settings > Objects, which change what HubSpot does on its own
 * when records are written (design.md 4.3). The admin API reads and changes them: `/__sandbox/settings`.
 */
export interface PortalSettings {
  /**
   * "Create and associate companies with contacts" (Settings > Objects > Companies > Automation): a contact
   * whose email domain is not free mail becomes associated (primary) with the company of that domain, which
   * is created when none exists. HubSpot's own default is on; the sandbox's is off, because a company
   * appearing on every contact write would change what every existing test sees.
   */
  createAndAssociateCompaniesWithContacts: boolean
  /** "Exclude a domain from automatic association": domains the setting leaves alone (HubSpot allows 1,000). */
  autoAssociationExcludedDomains: string[]
  /**
   * "Sync lifecycle stages" (Settings > Objects > Companies > Automation): a primary company's lifecycle stage
   * change moves its contacts forward to it, never backwards (company-lifecycle-sync.ts). HubSpot's article
   * gives no default; the sandbox's is off, so company writes change no contact unless a test asks.
   */
  syncCompanyLifecycleStageToContacts: boolean
}

export const DEFAULT_PORTAL_SETTINGS: Readonly<PortalSettings> = {
  createAndAssociateCompaniesWithContacts: false,
  autoAssociationExcludedDomains: [],
  syncCompanyLifecycleStageToContacts: false,
}

const MAX_EXCLUDED_DOMAINS = 1000

/** Applies a PATCH body to the settings after checking every field; unknown keys are refused (typos). */
export function patchSettings(settings: PortalSettings, body: Record<string, unknown>): void {
  const known = new Set([...Object.keys(DEFAULT_PORTAL_SETTINGS), 'applyToExistingContacts'])
  const unknown = Object.keys(body).filter((key) => !known.has(key))
  if (unknown.length > 0) throw validationError(`Unknown settings: ${unknown.join(', ')}`)
  const flag = body['createAndAssociateCompaniesWithContacts']
  if (flag !== undefined && typeof flag !== 'boolean')
    throw validationError('createAndAssociateCompaniesWithContacts must be true or false')
  const lifecycleSync = body['syncCompanyLifecycleStageToContacts']
  if (lifecycleSync !== undefined && typeof lifecycleSync !== 'boolean')
    throw validationError('syncCompanyLifecycleStageToContacts must be true or false')
  const domains = body['autoAssociationExcludedDomains']
  if (
    domains !== undefined &&
    (!Array.isArray(domains) || domains.some((domain) => typeof domain !== 'string'))
  )
    throw validationError('autoAssociationExcludedDomains must be a list of domains')
  if (Array.isArray(domains) && domains.length > MAX_EXCLUDED_DOMAINS)
    throw validationError(`At most ${MAX_EXCLUDED_DOMAINS} domains can be excluded`)
  if (typeof flag === 'boolean') settings.createAndAssociateCompaniesWithContacts = flag
  if (typeof lifecycleSync === 'boolean') settings.syncCompanyLifecycleStageToContacts = lifecycleSync
  if (Array.isArray(domains))
    settings.autoAssociationExcludedDomains = (domains as string[]).map((d) => d.trim().toLowerCase())
}
