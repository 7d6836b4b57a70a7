/** A property's data type and how HubSpot's UI renders it (api-surface.md 3.8). */
export type PropertyType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool'

export interface PropertyOption {
  readonly label: string
  readonly value: string
  readonly displayOrder: number
  readonly hidden: boolean
}

/** One property definition as the sandbox keeps it; `toPropertyJson` renders HubSpot's Property shape. */
export interface PropertyDefinition {
  readonly name: string
  label: string
  readonly type: PropertyType
  readonly fieldType: string
  groupName: string
  description: string
  options: PropertyOption[]
  hidden: boolean
  displayOrder: number
  /** System-maintained (hs_object_id, last-modified...); refused on write. */
  readonly calculated: boolean
  /** Options come from elsewhere (owners, pipelines); validated by the write path, not `options`. */
  readonly externalOptions: boolean
  readonly hasUniqueValue: boolean
  formField: boolean
  readonly hubspotDefined: boolean
  /** Refused on write with READ_ONLY_VALUE (hs_email_optout, calculated properties). */
  readonly readOnlyValue: boolean
  readonly createdAt: number
  updatedAt: number
  archived: boolean
}

export type PropertySpec = Partial<Omit<PropertyDefinition, 'name' | 'type' | 'fieldType'>>

/** Builds a HubSpot-defined property with HubSpot's defaults for the unspecified fields. */
export function defineProperty(
  name: string,
  type: PropertyType,
  fieldType: string,
  spec: PropertySpec = {},
): PropertyDefinition {
  return {
    name,
    label: spec.label ?? name,
    type,
    fieldType,
    groupName: spec.groupName ?? 'information',
    description: spec.description ?? '',
    options: spec.options ?? [],
    hidden: spec.hidden ?? false,
    displayOrder: spec.displayOrder ?? -1,
    calculated: spec.calculated ?? false,
    externalOptions: spec.externalOptions ?? false,
    hasUniqueValue: spec.hasUniqueValue ?? false,
    formField: spec.formField ?? false,
    hubspotDefined: spec.hubspotDefined ?? true,
    readOnlyValue: spec.readOnlyValue ?? spec.calculated ?? false,
    createdAt: spec.createdAt ?? 0,
    updatedAt: spec.updatedAt ?? 0,
    archived: spec.archived ?? false,
  }
}

/** Options from a list of `[value, label]` pairs, in display order. */
export function optionsOf(pairs: ReadonlyArray<readonly [string, string]>): PropertyOption[] {
  return pairs.map(([value, label], displayOrder) => ({ label, value, displayOrder, hidden: false }))
}

/** HubSpot's Property JSON (the client turns createdAt/updatedAt into Dates). */
export function toPropertyJson(def: PropertyDefinition): Record<string, unknown> {
  return {
    name: def.name,
    label: def.label,
    type: def.type,
    fieldType: def.fieldType,
    description: def.description,
    groupName: def.groupName,
    options: def.options,
    displayOrder: def.displayOrder,
    calculated: def.calculated,
    externalOptions: def.externalOptions,
    hasUniqueValue: def.hasUniqueValue,
    hidden: def.hidden,
    hubspotDefined: def.hubspotDefined,
    formField: def.formField,
    modificationMetadata: {
      archivable: !def.hubspotDefined,
      readOnlyDefinition: def.hubspotDefined,
      readOnlyValue: def.readOnlyValue,
    },
    createdAt: new Date(def.createdAt).toISOString(),
    updatedAt: new Date(def.updatedAt).toISOString(),
    archived: def.archived,
  }
}
