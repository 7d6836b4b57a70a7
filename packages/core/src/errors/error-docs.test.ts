import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { ERROR_CODES } from './error-codes.js'

// docs/errors.md must mirror the code table (style guide item 13): one `## CODE` section per code.
const docsUrl = new URL('../../../../docs/errors.md', import.meta.url)

function documentedCodes(markdown: string): string[] {
  return [...markdown.matchAll(/^## ([A-Z][A-Z0-9_]*)\s*$/gm)].map((match) => match[1] ?? '')
}

/** The text of one `## CODE` section, up to the next second-level heading. */
function sectionOf(markdown: string, code: string): string {
  const start = markdown.indexOf(`\n## ${code}\n`)
  const next = markdown.indexOf('\n## ', start + 1)
  return markdown.slice(start, next === -1 ? undefined : next)
}

describe('docs/errors.md', () => {
  const markdown = readFileSync(docsUrl, 'utf8')
  const codes = Object.keys(ERROR_CODES)
  const documented = documentedCodes(markdown)

  it('documents every code in ERROR_CODES', () => {
    expect(codes.filter((code) => !documented.includes(code))).toEqual([])
  })

  it('documents no code that ERROR_CODES no longer has', () => {
    expect(documented.filter((code) => !codes.includes(code))).toEqual([])
  })

  it('documents each code once', () => {
    expect(documented.filter((code, index) => documented.indexOf(code) !== index)).toEqual([])
  })

  it.each(codes)('%s has a meaning and an operator action', (code) => {
    const section = sectionOf(markdown, code)
    expect(section).toMatch(/\*\*Meaning\.\*\*/)
    expect(section).toMatch(/\*\*Action\.\*\*/)
  })
})
