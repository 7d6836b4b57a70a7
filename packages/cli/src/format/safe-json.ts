/**
 * JSON for stdout and stderr (`--json`, the stderr logger). JSON.stringify escapes C0 controls, `"` and `\`,
 * but leaves DEL, the C1 controls (`\x9b` is a one-byte CSI), U+2028/2029 and the bidi controls raw: a CRM
 * value holding them would reach the terminal of whoever reads the output, or break the line in a viewer.
 * They can only occur inside JSON strings, where `\uXXXX` means the same character, so escaping them keeps
 * the JSON valid and its value exact. The set is safe-text.ts's, less the C0 controls JSON.stringify escapes.
 */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g

const escape = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`

/** JSON.stringify(value) on one line, with every terminal control, line separator and bidi control as \uXXXX. */
export function safeJson(value: unknown): string {
  // JSON.stringify gives undefined for undefined, a function or a symbol: printed as JSON's null.
  const text = JSON.stringify(value) as string | undefined
  return escapeJsonText(text ?? 'null')
}

/** JSON text another serializer made (pino's log lines), with what JSON.stringify leaves raw escaped. */
export function escapeJsonText(json: string): string {
  return json.replace(UNSAFE_IN_JSON, escape)
}
