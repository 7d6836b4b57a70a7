import { describe, expect, it } from 'vitest'

import { parseConfigText } from './load-config.js'

// Store-only commands (`crmsync errors`) may run without the CRM tokens: parseConfigText's crmVariablesOptional.
const file = [
  'connections:',
  '  - id: main',
  '    salesforce: { instanceUrl: "${SF_URL}", accessToken: "${SF_TOKEN}" }',
  '    hubspot: { accessToken: "${HS_TOKEN}" }',
  '    store: "${CRMSYNC_STORE}"',
  '',
].join('\n')

describe('crmVariablesOptional', () => {
  it('accepts unset variables under salesforce: and hubspot: with stand-ins that reach no CRM', () => {
    const result = parseConfigText(file, { CRMSYNC_STORE: 'sqlite:./x.db' }, { crmVariablesOptional: true })
    if (!result.ok) return expect.fail(JSON.stringify(result.issues))
    const [connection] = result.config.connections
    expect(connection?.store.url).toBe('sqlite:./x.db')
    expect(connection?.salesforce).toMatchObject({ instanceUrl: 'https://variable-not-set.invalid' })
    expect(JSON.stringify(connection)).toContain('variable-not-set')
  })

  it('still reports an unset variable anywhere else, and every unset one without the option', () => {
    const storeMissing = parseConfigText(file, {}, { crmVariablesOptional: true })
    expect(storeMissing.ok ? [] : storeMissing.issues.map((i) => i.message)).toEqual([
      'environment variable CRMSYNC_STORE is not set',
    ])
    const strict = parseConfigText(file, { CRMSYNC_STORE: 'sqlite:./x.db' })
    expect(strict.ok ? [] : strict.issues.map((i) => i.message)).toEqual([
      'environment variable SF_URL is not set',
      'environment variable SF_TOKEN is not set',
      'environment variable HS_TOKEN is not set',
    ])
  })
})
