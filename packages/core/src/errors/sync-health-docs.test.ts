import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { ERROR_CODES } from './error-codes.js'
import { healthTypeOf, SYNC_HEALTH_TYPE_NAMES, SYNC_HEALTH_TYPES } from './sync-health.js'

// docs/errors.md lists the Sync Health types and names each code's type (B-ERR-1): kept in step with the code.
const markdown = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8')

/** The text of one `## HEADING` section, up to the next second-level heading. */
function sectionOf(heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`)
  const next = markdown.indexOf('\n## ', start + 1)
  return start === -1 ? '' : markdown.slice(start, next === -1 ? undefined : next)
}

describe('docs/errors.md: Sync health types', () => {
  const table = sectionOf('Sync health types')
  const rows = [...table.matchAll(/^\| `([a-z-]+)` +\| (.+?) +\| (.+?) +\|$/gm)].map((m) => ({
    type: m[1],
    label: m[2],
    action: m[3],
  }))

  it('lists every type once, in order, with its label and what to do', () => {
    expect(rows).toEqual(
      SYNC_HEALTH_TYPE_NAMES.map((type) => ({
        type,
        label: SYNC_HEALTH_TYPES[type].label,
        action: SYNC_HEALTH_TYPES[type].action,
      })),
    )
  })

  it.each(Object.keys(ERROR_CODES))('%s names its Sync health type', (code) => {
    const type = healthTypeOf(code)
    expect(sectionOf(code)).toContain(`Sync health: ${SYNC_HEALTH_TYPES[type].label} (\`${type}\`).`)
  })
})
