// Writes the mappings `crmsync doctor --fix` made into the configuration file through the yaml library's
// Document API, so the user's comments, order and layout stay as they were (B-INST-11); the edit itself is the
// console editor's (@crmsync/server/config-edit, one implementation). When the file cannot be read, parsed or
// written, the caller prints the YAML to add instead.
import { readFile, writeFile } from 'node:fs/promises'

import {
  addMappingEntries,
  connectionBase,
  documentText,
  mappingsYaml,
  type MappingToAdd,
  parseConfigDocument,
} from '@crmsync/server/config-edit'

export type { MappingToAdd }
export { mappingsYaml }

export async function addMappingsToFile(
  file: string,
  connectionId: string,
  mappings: readonly MappingToAdd[],
): Promise<{ readonly ok: true } | { readonly ok: false; readonly reason: string; readonly yaml: string }> {
  try {
    const parsed = parseConfigDocument(await readFile(file, 'utf8'))
    if (!parsed.ok) throw new Error(parsed.problem.message)
    const base = connectionBase(parsed.value, connectionId)
    if (!base.ok) throw new Error(base.problem.message)
    addMappingEntries(parsed.value, base.value, mappings)
    await writeFile(file, documentText(parsed.value))
    return { ok: true }
  } catch (err) {
    return {
      ok: false,
      reason: err instanceof Error ? err.message : String(err),
      yaml: mappingsYaml(mappings),
    }
  }
}
