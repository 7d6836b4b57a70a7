// For the tests of every command that prints CRM text (safe-text.ts): one hostile value and a check.

/** What a hostile CRM value may hold: a forged line, a colour, an OSC 8 hyperlink, a right-to-left override. */
export const HOSTILE_TEXT = 'Ann\nforged row\rback\x1b[31mred\x1b]8;;http://evil\x07link\u202eesrever'

/** HOSTILE_TEXT as printed: every control escaped, on one line. */
export const HOSTILE_TEXT_PRINTED =
  'Ann\\nforged row\\rback\\x1b[31mred\\x1b]8;;http://evil\\x07link\\u202eesrever'

/** Any character a terminal acts on, or a viewer reorders or breaks a line at, except the `\n` between lines. */
export const RAW_CONTROL =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point of this pattern
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/

/**
 * HOSTILE_TEXT and what JSON.stringify leaves raw: line and paragraph separators, a C1 CSI (`\x9b`), NEL,
 * DEL, and a bidi isolate.
 */
export const HOSTILE_UNICODE = `${HOSTILE_TEXT}\u2028line\u2029para\x9b31mcsi\x85next\x7fdel\u2066iso\u2069`

/** HOSTILE_UNICODE as printed by safe-text. */
export const HOSTILE_UNICODE_PRINTED = `${HOSTILE_TEXT_PRINTED}\\u2028line\\u2029para\\x9b31mcsi\\x85next\\x7fdel\\u2066iso\\u2069`

/** A hostile value short enough for any name field (Lead.LastName holds 80): a forged line, colours, RLO, LS. */
export const HOSTILE_NAME = 'Ann\nforged row\x1b[31m\u202eeman\u2028\x9b31m'
