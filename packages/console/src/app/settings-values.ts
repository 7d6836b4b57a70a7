// The settings editor works on dotted paths ("conflicts.rule"), which is what PATCH /settings takes.

/** Flattens nested plain objects into dotted paths; arrays and scalars are leaves. */
export function flattenSettings(
  values: Readonly<Record<string, unknown>>,
  prefix = '',
): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const [key, value] of Object.entries(values)) {
    const path = prefix === '' ? key : `${prefix}.${key}`
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, leaf] of flattenSettings(value as Record<string, unknown>, path))
        out.set(inner, leaf)
    } else {
      out.set(path, value)
    }
  }
  return out
}

/** Reads an edited text field back as the type the setting had (a number stays a number). */
export function parseSettingInput(original: unknown, text: string): unknown {
  if (typeof original === 'number') {
    const parsed = Number(text)
    return text.trim() === '' || Number.isNaN(parsed) ? text : parsed
  }
  return text
}

/** Only the paths whose value differs from what the server sent. */
export function changedSettings(
  original: ReadonlyMap<string, unknown>,
  edited: ReadonlyMap<string, unknown>,
): Record<string, unknown> {
  const changes: Record<string, unknown> = {}
  for (const [path, value] of edited) {
    if (!Object.is(original.get(path), value)) changes[path] = value
  }
  return changes
}
