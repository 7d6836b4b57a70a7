import type { SyncErrorCode } from '../errors/index.js'
import type {
  AnyMapping,
  CompanySalesforceType,
  ContactSalesforceType,
  FieldMapping,
  UserRule,
} from './mapping-types.js'
import { COMPANY_SALESFORCE_TYPES, CONTACT_SALESFORCE_TYPES, USER_RULES } from './mapping-types.js'
import { isAllowedTypePair } from './type-pairs.js'

/** One problem with a user-authored mapping; all are reported at once (style guide item 8). */
export interface MappingProblem {
  readonly code: SyncErrorCode
  /** Where in the configuration, e.g. `mappings.contact[2].salesforce.Lead`. */
  readonly path: string
  readonly message: string
}

/**
 * An object whose mappings the configuration lists: its key under `mappings` (which names the paths of
 * problems) and the Salesforce objects its mappings write.
 */
export interface MappedObject<T extends string> {
  readonly key: 'contact' | 'company'
  readonly types: readonly T[]
}

export const CONTACT_MAPPED_OBJECT: MappedObject<ContactSalesforceType> = {
  key: 'contact',
  types: CONTACT_SALESFORCE_TYPES,
}

export const COMPANY_MAPPED_OBJECT: MappedObject<CompanySalesforceType> = {
  key: 'company',
  types: COMPANY_SALESFORCE_TYPES,
}

/** A user mapping as read from the config, with both field types filled in from the describes. */
export interface UserMapping<T extends string> extends Omit<
  FieldMapping<T>,
  'rule' | 'isDefault' | 'locked'
> {
  /** Any string: it is checked here. (Default: prefer-salesforce) */
  readonly rule?: string | undefined
}

export type UserContactMapping = UserMapping<ContactSalesforceType>
export type UserCompanyMapping = UserMapping<CompanySalesforceType>

export interface ResolvedMappings<T extends string> {
  readonly mappings: readonly FieldMapping<T>[]
  readonly problems: readonly MappingProblem[]
}

export type ResolvedContactMappings = ResolvedMappings<ContactSalesforceType>

function isUserRule(rule: string): rule is UserRule {
  return (USER_RULES as readonly string[]).includes(rule)
}

/**
 * Adds user mappings to an object's defaults. A user entry whose HubSpot property is a default's overrides
 * that default's rule and `truncate`, and adds its `values` to the default's picklist map (design.md 4.2);
 * locked mappings refuse even that (B-OPT-1, B-OWN-12). New entries must be an allowed type pair (B-MAP-5),
 * not a HubSpot user property (B-MAP-7), and use a property, and a field per Salesforce object, no other
 * mapping uses (B-MAP-6). Problem entries are left out of the result; problems are at
 * `mappings.<object.key>[i]`.
 */
export function resolveFieldMappings<T extends string>(
  object: MappedObject<T>,
  defaults: readonly FieldMapping<T>[],
  user: readonly UserMapping<T>[],
): ResolvedMappings<T> {
  const problems: MappingProblem[] = []
  const byKey = new Map(defaults.map((m) => [m.hubspot, m]))
  const fieldOwner = new Map<string, string>()
  for (const m of defaults) for (const t of object.types) addField(fieldOwner, m, t)

  user.forEach((entry, index) => {
    const path = `mappings.${object.key}[${index}]`
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
      byKey.set(entry.hubspot, overrideDefault(existing, rule, entry))
      return
    }
    const found = checkNewEntry(object, entry, path, existing !== undefined, fieldOwner)
    if (found.length > 0) {
      problems.push(...found)
      return
    }
    const mapping: FieldMapping<T> = { ...entry, rule }
    byKey.set(entry.hubspot, mapping)
    for (const t of object.types) addField(fieldOwner, mapping, t)
  })
  return { mappings: [...byKey.values()], problems }
}

/** The contact mappings: the defaults (B-MAP-9) with the user's (see resolveFieldMappings). */
export function resolveContactMappings(
  defaults: readonly FieldMapping<ContactSalesforceType>[],
  user: readonly UserContactMapping[],
): ResolvedContactMappings {
  return resolveFieldMappings(CONTACT_MAPPED_OBJECT, defaults, user)
}

/**
 * A default's rule, its `truncate` and its picklist values are the user's to set; its fields and types are
 * not. Configured values are added to the default's (a configured HubSpot value replaces the default's
 * pairing), so a company industry code with no counterpart in the default table can be given one.
 */
function overrideDefault<T extends string>(
  existing: FieldMapping<T>,
  rule: UserRule,
  entry: UserMapping<T>,
): FieldMapping<T> {
  return {
    ...existing,
    rule,
    ...(entry.truncate === undefined ? {} : { truncate: entry.truncate }),
    ...(entry.values === undefined ? {} : { values: { ...existing.values, ...entry.values } }),
  }
}

function addField<T extends string>(owner: Map<string, string>, m: FieldMapping<T>, t: T): void {
  const field = m.salesforce[t]
  if (field !== undefined) owner.set(`${t}.${field}`, m.hubspot)
}

function checkNewEntry<T extends string>(
  object: MappedObject<T>,
  entry: UserMapping<T>,
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
  for (const t of object.types) {
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
    const [only, ...others] = object.types
    const message =
      others.length === 0 ? `name a field for ${only}` : `name a field for ${object.types.join(', ')} or both`
    problems.push({ code: 'MAPPING_TYPE_MISMATCH', path: `${path}.salesforce`, message })
  }
  return problems
}

/** Refuses removing a default mapping (B-MAP-9) or a locked one (B-OPT-1). */
export function checkMappingDeletion(mapping: AnyMapping, path: string): MappingProblem | undefined {
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
