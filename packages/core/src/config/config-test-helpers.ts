import { expect } from 'vitest'

import { formatConfigPath } from './config-issue.js'
import { type Connection, parseConfig, type ParseConfigOptions } from './parse-config.js'

/** The smallest valid single-pair document; tests spread their changes over it. */
export function minimalConfig(): Record<string, unknown> {
  return {
    salesforce: { instanceUrl: 'https://example.my.salesforce.com', accessToken: 'sf-token' },
    hubspot: { accessToken: 'hs-token' },
  }
}

/** Parses a document that must be valid and returns its only connection. */
export function parseValid(raw: unknown, options?: ParseConfigOptions): Connection {
  const result = parseConfig(raw, options)
  if (!result.ok) expect.fail(`expected a valid config, got ${JSON.stringify(result.issues)}`)
  expect(result.config.connections).toHaveLength(1)
  const [connection] = result.config.connections
  if (connection === undefined) return expect.fail('no connection')
  return connection
}

/** Parses a document that must be invalid and returns `path: message` lines. */
export function problemsOf(raw: unknown, options?: ParseConfigOptions): string[] {
  const result = parseConfig(raw, options)
  if (result.ok) return expect.fail('expected the config to be invalid')
  return result.issues.map((issue) => `${formatConfigPath(issue.path)}: ${issue.message}`)
}
