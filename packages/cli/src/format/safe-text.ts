/**
 * Text from the CRMs (record values, names, emails, ids, error messages that quote them) ends up on an
 * operator's terminal, and anyone who can edit a contact chooses it. A newline would forge a row of a table
 * or a line of a report; ESC starts CSI and OSC sequences (colours, cursor moves, `\x1b]8;;URL` hyperlinks,
 * window titles) and C1 controls do the same in one byte; U+2028/2029 break lines in some viewers; bidi
 * overrides and isolates (U+202A-202E, U+2066-2069, and the marks U+061C, U+200E, U+200F) reorder what is
 * shown. Each such character is printed escaped (`\n`, `\x1b`, `\u202e`), not dropped, so the operator sees
 * that it is there. Backslashes are left alone: the text is for reading (`--json` gives the exact value).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

function escape(char: string): string {
  const named = NAMED[char]
  if (named !== undefined) return named
  const code = char.charCodeAt(0)
  const hex = code.toString(16)
  return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`
}

/** `text` with every terminal control, line separator and bidi control escaped visibly. */
export function safeText(text: string): string {
  return text.replace(UNSAFE, escape)
}

/** Lines of a report as one block for stdout or stderr: each line made safe, one `\n` after each. */
export function safeLines(lines: readonly string[]): string {
  return lines.map((line) => `${safeText(line)}\n`).join('')
}
