// Writes the mappings `crmsync doctor --fix` made into the configuration file through the yaml library's
// Document API, so the user's comments, order and layout stay as they were (B-INST-11). When the file
// cannot be read, parsed or written, the caller prints the YAML to add instead.
import { readFile, writeFile } from 'node:fs/promises'

import { isMap, isSeq, parseDocument, stringify } from 'yaml'

/** One mapping to add: the HubSpot property and the Salesforce field per type. */
export interface MappingToAdd {
  readonly kind: 'contact' | 'company' | 'deal'
  readonly hubspot: string
  readonly salesforce: Record<string, string>
}

/** The entry as the config file writes it: a plain field name where one name serves every type. */
function entryOf(mapping: MappingToAdd): Record<string, unknown> {
  const names = [...new Set(Object.values(mapping.salesforce))]
  const types = Object.keys(mapping.salesforce)
  const plain =
    names.length === 1 &&
    (mapping.kind !== 'contact' || (types.includes('Lead') && types.includes('Contact')))
  return { hubspot: mapping.hubspot, salesforce: plain ? names[0] : mapping.salesforce }
}

/** The YAML a user adds by hand, under the connection. */
export function mappingsYaml(mappings: readonly MappingToAdd[]): string {
  const byKind: Record<string, Record<string, unknown>[]> = {}
  for (const m of mappings) (byKind[m.kind] ??= []).push(entryOf(m))
  return stringify({ mappings: byKind })
}

export async function addMappingsToFile(
  file: string,
  connectionId: string,
  mappings: readonly MappingToAdd[],
): Promise<{ readonly ok: true } | { readonly ok: false; readonly reason: string; readonly yaml: string }> {
  try {
    const doc = parseDocument(await readFile(file, 'utf8'))
    if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message)
    const connections = doc.get('connections')
    let base: (string | number)[] = []
    if (isSeq(connections)) {
      const index = connections.items.findIndex(
        (item) => isMap(item) && String(item.get('id')) === connectionId,
      )
      if (index < 0) throw new Error(`connection ${connectionId} not found in the file`)
      base = ['connections', index]
    }
    for (const mapping of mappings) {
      const path = [...base, 'mappings', mapping.kind]
      const list = doc.getIn(path, true)
      if (isSeq(list)) list.add(doc.createNode(entryOf(mapping)))
      else doc.setIn(path, doc.createNode([entryOf(mapping)]))
    }
    await writeFile(file, doc.toString())
    return { ok: true }
  } catch (err) {
    return {
      ok: false,
      reason: err instanceof Error ? err.message : String(err),
      yaml: mappingsYaml(mappings),
    }
  }
}
