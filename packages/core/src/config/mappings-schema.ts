import { z } from 'zod'

import { ALWAYS, hubspotPropertyName, isRecord, salesforceFieldName, yamlBool } from './primitives.js'

/** Sync rules a user may choose in the configuration file (design.md 3.2, B-MAP-1..4). */
export const CONFIGURABLE_RULES = ['two-way', 'prefer-salesforce', 'always-salesforce', 'none'] as const
export type ConfigurableRule = (typeof CONFIGURABLE_RULES)[number]

/** Rules crmsync applies to fixed mappings only (B-OWN, B-OPT-1); no user mapping can name them. */
export const LOCKED_RULES = ['owner', 'opt-out'] as const
export type LockedRule = (typeof LOCKED_RULES)[number]

/** The fixed mappings behind the locked rules: neither side may appear in a user mapping. */
export const LOCKED_MAPPINGS = [
  { hubspot: 'hubspot_owner_id', salesforce: 'OwnerId', rule: 'owner' },
  { hubspot: 'hs_email_optout', salesforce: 'HasOptedOutOfEmail', rule: 'opt-out' },
] as const

/** The Salesforce types each mapped object kind pairs with (design.md 3.1). */
export const SALESFORCE_TYPES = {
  contact: ['Lead', 'Contact'],
  company: ['Account'],
  deal: ['Opportunity'],
} as const
export type MappedObjectKind = keyof typeof SALESFORCE_TYPES
export type SalesforceType = (typeof SALESFORCE_TYPES)[MappedObjectKind][number]

/** Salesforce field API name per Salesforce type the object pairs with. */
export type SalesforceFields = Readonly<Partial<Record<SalesforceType, string>>>

const ruleSchema = z
  .enum(CONFIGURABLE_RULES, {
    error: (issue) =>
      (LOCKED_RULES as readonly unknown[]).includes(issue.input)
        ? `rule "${String(issue.input)}" is locked: crmsync applies it to its own fixed mapping only`
        : `must be one of ${CONFIGURABLE_RULES.join(', ')}`,
  })
  .default('prefer-salesforce')
  .describe('Sync rule: two-way | prefer-salesforce | always-salesforce | none. (Default: prefer-salesforce)')

function mappingSchema<K extends MappedObjectKind>(kind: K) {
  const types = SALESFORCE_TYPES[kind]
  const perType = z.strictObject(
    Object.fromEntries(
      types.map((type) => [type, salesforceFieldName.optional().describe(`Field API name on ${type}.`)]),
    ) as Record<(typeof types)[number], z.ZodOptional<typeof salesforceFieldName>>,
  )
  return z
    .strictObject({
      hubspot: hubspotPropertyName.describe('HubSpot property internal name.'),
      salesforce: z
        .union([salesforceFieldName, perType])
        .transform((value): SalesforceFields =>
          typeof value === 'string'
            ? Object.fromEntries(types.map((type) => [type, value]))
            : (value as SalesforceFields),
        )
        .refine((value) => Object.keys(value).length > 0, {
          message: `name a field for ${types.join(' or ')}`,
        })
        .describe(`Salesforce field API name, the same on ${types.join(' and ')}, or one per type.`),
      rule: ruleSchema,
      values: z
        .record(z.string(), z.string())
        .optional()
        .describe('Picklist values HubSpot -> Salesforce where they differ; others map to themselves.'),
      truncate: yamlBool
        .default(false)
        .describe('Cut over-long text to the target length instead of a per-record error. (Default: false)'),
    })
    .describe(
      `A ${kind} property mapping, added to the defaults (a default is overridden by its hubspot key).`,
    )
}

/** The Salesforce fields of a possibly half-parsed entry: a string stands for every type. */
function fieldsOf(kind: MappedObjectKind, salesforce: unknown): Array<[string, string]> {
  if (typeof salesforce === 'string') return SALESFORCE_TYPES[kind].map((type) => [type, salesforce])
  if (!isRecord(salesforce)) return []
  return Object.entries(salesforce).filter((entry): entry is [string, string] => typeof entry[1] === 'string')
}

/** B-MAP-6 and the locked mappings, across the entries of one object's list. */
function checkMappingList(kind: MappedObjectKind, list: unknown, ctx: z.RefinementCtx): void {
  if (!Array.isArray(list)) return
  const issue = (path: Array<string | number>, message: string, code: 'locked' | 'cross-field') =>
    ctx.addIssue({ code: 'custom', path, message, params: { code } })
  const seenProperty = new Map<string, number>()
  const seenField = new Map<string, number>()
  list.forEach((mapping: unknown, index) => {
    if (!isRecord(mapping)) return
    const property = mapping['hubspot']
    if (typeof property === 'string') {
      const locked = LOCKED_MAPPINGS.find((fixed) => fixed.hubspot === property)
      if (locked !== undefined) {
        issue(
          [index, 'hubspot'],
          `${property} is mapped by crmsync with the locked rule ${locked.rule}`,
          'locked',
        )
      }
      const first = seenProperty.get(property)
      if (first !== undefined) {
        issue(
          [index, 'hubspot'],
          `${property} is already mapped at mappings.${kind}[${first}] (B-MAP-6)`,
          'cross-field',
        )
      } else seenProperty.set(property, index)
    }
    for (const [type, field] of fieldsOf(kind, mapping['salesforce'])) {
      const fixed = LOCKED_MAPPINGS.find((entry) => entry.salesforce === field)
      if (fixed !== undefined) {
        issue(
          [index, 'salesforce'],
          `${type}.${field} is mapped by crmsync with the locked rule ${fixed.rule}`,
          'locked',
        )
      }
      const key = `${type}.${field}`
      const first = seenField.get(key)
      if (first !== undefined) {
        issue(
          [index, 'salesforce'],
          `${key} is already mapped at mappings.${kind}[${first}] (B-MAP-6)`,
          'cross-field',
        )
      } else seenField.set(key, index)
    }
  })
}

function mappingList<K extends MappedObjectKind>(kind: K) {
  return z.preprocess(
    // `contact:` with every entry commented out is YAML null: it means no extra mappings, as `[]` does.
    (value) => (value === null ? undefined : value),
    z
      .array(mappingSchema(kind))
      .superRefine((list, ctx) => checkMappingList(kind, list, ctx), ALWAYS)
      .default([]),
  )
}

export const mappingsSchema = z
  .strictObject({
    contact: mappingList('contact').describe(
      "Extra contact mappings to Lead and Contact fields; an entry with a default's hubspot key overrides " +
        'its rule, truncate and values. (Default: [])',
    ),
    company: mappingList('company').describe(
      'Extra company mappings to Account fields, with settings.companies.sync on; an entry with a ' +
        "default's hubspot key overrides its rule, truncate and values. (Default: [])",
    ),
    deal: mappingList('deal').describe(
      'Extra deal mappings to Opportunity fields, with settings.deals.sync on (B-DEAL-11); an entry with a ' +
        "default's hubspot key overrides its rule, truncate and values. (Default: [])",
    ),
  })
  .describe('Field mappings per object, added to the built-in defaults.')

/** The sync switch each object's extra mappings need (B-INST-10). */
const MAPPINGS_NEED = {
  company: {
    settings: 'companies',
    message: 'company mappings need settings.companies.sync: true (B-INST-10)',
  },
  deal: { settings: 'deals', message: 'deal mappings need settings.deals.sync: true (B-INST-10)' },
} as const

/**
 * B-INST-10: company and deal mappings exist only while their sync is on, so a list that would be ignored is
 * refused (code `cross-field`, at `mappings.company` / `mappings.deal`). A check on the connection, which
 * holds both keys; it sees a possibly half-parsed value (ALWAYS) and checks shapes.
 */
export function checkObjectMappingsOn(connection: unknown, ctx: z.RefinementCtx): void {
  if (!isRecord(connection)) return
  const mappings = connection['mappings']
  const settings = connection['settings']
  for (const [object, need] of Object.entries(MAPPINGS_NEED)) {
    const list = isRecord(mappings) ? mappings[object] : undefined
    if (!Array.isArray(list) || list.length === 0) continue
    const section = isRecord(settings) ? settings[need.settings] : undefined
    const sync = isRecord(section) ? section['sync'] : undefined
    if (sync === true || sync === 'true') continue
    ctx.addIssue({
      code: 'custom',
      path: ['mappings', object],
      message: need.message,
      params: { code: 'cross-field' },
    })
  }
}

export type MappingsConfig = z.output<typeof mappingsSchema>
export type MappingConfig = MappingsConfig['contact'][number]
