import type { z } from 'zod'

import type { ConfigIssue, ConfigIssueCode, ConfigPath } from './config-issue.js'
import { isRecord } from './primitives.js'

type ZodIssue = z.core.$ZodIssue

function describeInput(input: unknown): string {
  if (input === undefined) return 'nothing'
  if (input === null) return 'null'
  if (Array.isArray(input)) return 'a list'
  if (typeof input === 'object') return 'a mapping'
  return JSON.stringify(input)
}

function toPath(path: ReadonlyArray<PropertyKey>): ConfigPath {
  return path.map((key) => (typeof key === 'number' ? key : String(key)))
}

/** Picks the branch of a failed union that got furthest: one whose failure is not a root type mismatch. */
function unionIssues(issue: Extract<ZodIssue, { code: 'invalid_union' }>, prefix: ConfigPath): ConfigIssue[] {
  // zod 4 adds these two fields when a discriminated union meets an unknown discriminator.
  const extra = issue as typeof issue & { note?: string; options?: unknown[]; discriminator?: string }
  if (extra.note === 'No matching discriminator') {
    const options = (extra.options ?? []).map(String).join(', ')
    const flow = isRecord(issue.input) ? issue.input[extra.discriminator ?? ''] : issue.input
    return [
      {
        code: 'invalid',
        path: prefix,
        message: `must be one of ${options} (got ${describeInput(flow)})`,
      },
    ]
  }
  const deeper = issue.errors.filter((branch) =>
    branch.some((inner) => inner.path.length > 0 || inner.code !== 'invalid_type'),
  )
  if (deeper.length === 1 && deeper[0] !== undefined) {
    return deeper[0].flatMap((inner) => convertZodIssue(inner, prefix))
  }
  const expected = issue.errors
    .flatMap((branch) => branch.map((inner) => (inner.code === 'invalid_type' ? inner.expected : undefined)))
    .filter((value) => value !== undefined)
  const wanted = expected.length > 0 ? expected.join(' or ') : 'another value'
  return [{ code: 'invalid', path: prefix, message: `expected ${wanted}, got ${describeInput(issue.input)}` }]
}

/** One zod issue as one or more ConfigIssues, with messages written for the person editing the file. */
export function convertZodIssue(issue: ZodIssue, parentPath: ConfigPath = []): ConfigIssue[] {
  const path = [...parentPath, ...toPath(issue.path)]
  const one = (code: ConfigIssueCode, message: string): ConfigIssue[] => [{ code, path, message }]
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ code: 'unknown-key', path: [...path, key], message: 'unknown key' }))
    case 'invalid_type':
      if (issue.input === undefined) return one('required', 'is required')
      return one('invalid', `expected ${issue.expected}, got ${describeInput(issue.input)}`)
    case 'invalid_union':
      return unionIssues(issue, path)
    case 'invalid_value':
      return one(
        'invalid',
        issue.message.startsWith('Invalid option')
          ? `must be one of ${issue.values.map(String).join(', ')} (got ${describeInput(issue.input)})`
          : issue.message,
      )
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return one('invalid', 'must not be empty')
      return one('invalid', issue.origin === 'number' ? `must be at least ${issue.minimum}` : issue.message)
    case 'too_big':
      return one('invalid', issue.origin === 'number' ? `must be at most ${issue.maximum}` : issue.message)
    case 'custom': {
      const code = (issue.params as { code?: ConfigIssueCode } | undefined)?.code ?? 'invalid'
      return one(code, issue.message)
    }
    case 'invalid_format':
    case 'not_multiple_of':
    case 'invalid_key':
    case 'invalid_element':
      return one('invalid', issue.message)
  }
}
