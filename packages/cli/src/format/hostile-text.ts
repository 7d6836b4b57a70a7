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
