import type { z } from 'zod'

/** One key of the configuration schema, with its dotted path (`[]` marks a list item) and description. */
export interface SchemaKey {
  readonly path: string
  readonly description: string | undefined
}

type AnySchema = z.core.$ZodType

interface Def {
  readonly type: string
  readonly innerType?: AnySchema
  readonly in?: AnySchema
  readonly out?: AnySchema
  readonly element?: AnySchema
  readonly options?: ReadonlyArray<AnySchema>
  readonly shape?: Readonly<Record<string, AnySchema>>
}

const defOf = (schema: AnySchema): Def => schema._zod.def
const descriptionOf = (schema: AnySchema): string | undefined =>
  (schema as unknown as { description?: string }).description

/** Lists every key below a schema, depth first, looking through wrappers, unions and lists. */
export function listSchemaKeys(schema: AnySchema, prefix = ''): SchemaKey[] {
  const def = defOf(schema)
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
      return def.innerType === undefined ? [] : listSchemaKeys(def.innerType, prefix)
    case 'pipe': {
      // preprocess is transform -> schema; a trailing transform is schema -> transform.
      const side = def.in !== undefined && defOf(def.in).type === 'transform' ? def.out : def.in
      return side === undefined ? [] : listSchemaKeys(side, prefix)
    }
    case 'array':
      return def.element === undefined ? [] : listSchemaKeys(def.element, `${prefix}[]`)
    case 'union': {
      const keys = (def.options ?? []).flatMap((option) => listSchemaKeys(option, prefix))
      return keys.filter((key, index) => keys.findIndex((other) => other.path === key.path) === index)
    }
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([name, child]) => {
        const path = prefix === '' ? name : `${prefix}.${name}`
        return [{ path, description: descriptionOf(child) }, ...listSchemaKeys(child, path)]
      })
    default:
      return []
  }
}
