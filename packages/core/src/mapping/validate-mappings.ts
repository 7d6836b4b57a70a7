import type { SyncErrorCode } from '../errors/index.js'
import type { ContactMapping, ContactSalesforceType, UserRule } from './mapping-types.js'
import { CONTACT_SALESFORCE_TYPES, USER_RULES } from './mapping-types.js'
import { isAllowedTypePair } from './type-pairs.js'

/** One problem with a user-authored mapping; all are reported at once (style guide item 8). */
export interface MappingProblem {
  readonly code: SyncErrorCode
  /** Where in the configuration, e.g. `mappings.contact[2].salesforce.Lead`. */
  readonly path: string
  readonly message: string
}

/** A user mapping as read from the config, with both field types filled in from the describes. */
export interface UserContactMapping extends Omit<ContactMapping, 'rule' | 'isDefault' | 'locked'> {
  /** Any string: it is checked here. (Default: prefer-salesforce) */
  readonly rule?: string | undefined
}

export interface ResolvedContactMappings {
  readonly mappings: readonly ContactMapping[]
  readonly problems: readonly MappingProblem[]
}

function isUserRule(rule: string): rule is UserRule {
  return (USER_RULES as readonly string[]).includes(rule)
}

/**
 * Adds user mappings to the defaults. A user entry whose HubSpot property is a default's overrides that
 * default's rule and `truncate` (design.md 4.2); locked mappings refuse even that (B-OPT-1, B-OWN-12). New entries must
 * be an allowed type pair (B-MAP-5), not a HubSpot user property (B-MAP-7), and use a property or field
 * no other mapping uses (B-MAP-6). Problem entries are left out of the result.
 */
export function resolveContactMappings(
  defaults: readonly ContactMapping[],
  user: readonly UserContactMapping[],
): ResolvedContactMappings {
  const problems: MappingProblem[] = []
  const byKey = new Map(defaults.map((m) => [m.hubspot, m]))
  const fieldOwner = new Map<string, string>()
  for (const m of defaults) for (const t of CONTACT_SALESFORCE_TYPES) addField(fieldOwner, m, t)

  user.forEach((entry, index) => {
    const path = `mappings.contact[${index}]`
    const rule = entry.rule ?? 'prefer-salesforce'
    if (!isUserRule(rule)) {
      problems.push({ code: 'MAPPING_RULE_INVALID', path: `${path}.rule`, message: `unknown rule "${rule}"` })
      return
    }
    const existing = byKey.get(entry.hubspot)
    if (existing?.isDefault === true) {
      if (existing.locked === true) {
        const message = `"${entry.hubspot}" is a locked mapping; its rule cannot change`
        problems.push({ code: 'MAPPING_LOCKED', path, message })
        return
      }
      // A default's rule and its `truncate` are the user's to set; its fields and types are not.
      const truncate = entry.truncate === undefined ? {} : { truncate: entry.truncate }
      byKey.set(entry.hubspot, { ...existing, rule, ...truncate })
      return
    }
    const found = checkNewEntry(entry, path, existing !== undefined, fieldOwner)
    if (found.length > 0) {
      problems.push(...found)
      return
    }
    const mapping: ContactMapping = { ...entry, rule }
    byKey.set(entry.hubspot, mapping)
    for (const t of CONTACT_SALESFORCE_TYPES) addField(fieldOwner, mapping, t)
  })
  return { mappings: [...byKey.values()], problems }
}

function addField(owner: Map<string, string>, m: ContactMapping, t: ContactSalesforceType): void {
  const field = m.salesforce[t]
  if (field !== undefined) owner.set(`${t}.${field}`, m.hubspot)
}

function checkNewEntry(
  entry: UserContactMapping,
  path: string,
  propertyTaken: boolean,
  fieldOwner: ReadonlyMap<string, string>,
): MappingProblem[] {
  const problems: MappingProblem[] = []
  if (entry.hubspotType === 'user') {
    const message = `"${entry.hubspot}" is a HubSpot user property, which cannot be mapped`
    problems.push({ code: 'MAPPING_USER_PROPERTY', path: `${path}.hubspot`, message })
  } else if (!isAllowedTypePair(entry.hubspotType, entry.salesforceType)) {
    const message = `type mismatch: ${entry.hubspotType} cannot map to ${entry.salesforceType}`
    problems.push({ code: 'MAPPING_TYPE_MISMATCH', path, message })
  }
  if (propertyTaken) {
    const message = `"${entry.hubspot}" is already mapped`
    problems.push({ code: 'MAPPING_ALREADY_MAPPED', path: `${path}.hubspot`, message })
  }
  let anyField = false
  for (const t of CONTACT_SALESFORCE_TYPES) {
    const field = entry.salesforce[t]
    if (field === undefined) continue
    anyField = true
    const taken = fieldOwner.get(`${t}.${field}`)
    if (taken !== undefined) {
      const message = `${t}.${field} is already mapped to "${taken}"`
      problems.push({ code: 'MAPPING_ALREADY_MAPPED', path: `${path}.salesforce.${t}`, message })
    }
  }
  if (!anyField) {
    const message = 'name a field for Lead, Contact or both'
    problems.push({ code: 'MAPPING_TYPE_MISMATCH', path: `${path}.salesforce`, message })
  }
  return problems
}

/** Refuses removing a default mapping (B-MAP-9) or a locked one (B-OPT-1). */
export function checkMappingDeletion(mapping: ContactMapping, path: string): MappingProblem | undefined {
  if (mapping.isDefault !== true && mapping.locked !== true) return undefined
  return {
    code: 'MAPPING_NOT_DELETABLE',
    path,
    message: `"${mapping.hubspot}" is a default mapping and cannot be deleted; set its rule to none instead`,
  }
}

/**
 * Company and deal mappings exist only while that object's sync is on (B-INST-10); contacts always sync.
 */
export function checkObjectMappings(
  object: 'company' | 'deal',
  syncEnabled: boolean,
  mappingCount: number,
): MappingProblem | undefined {
  if (syncEnabled || mappingCount === 0) return undefined
  return {
    code: 'MAPPING_OBJECT_SYNC_OFF',
    path: `mappings.${object}`,
    message: `${object} mappings need settings.${object === 'company' ? 'companies' : 'deals'}.sync: true`,
  }
}
