import { describe, expect, it } from 'vitest'

import { parseConfig } from '../config/index.js'
import { DEFAULT_CONTACT_MAPPINGS } from './contact-mappings.js'
import {
  DEFAULT_REQUIRED_FIELD_PLACEHOLDER,
  hasRequiredPlaceholder,
  isRequiredSalesforceField,
} from './required-fields.js'

const config = (contacts: Record<string, unknown>) => ({
  salesforce: { instanceUrl: 'https://example.my.salesforce.com', accessToken: 'sf-token' },
  hubspot: { accessToken: 'hs-token' },
  settings: { contacts },
})

describe('B-CON-2 "[not provided] placeholder": required Salesforce fields', () => {
  it('a Lead requires LastName and Company, a Contact LastName', () => {
    expect(isRequiredSalesforceField('Lead', 'LastName')).toBe(true)
    expect(isRequiredSalesforceField('Lead', 'Company')).toBe(true)
    expect(isRequiredSalesforceField('Contact', 'LastName')).toBe(true)
    expect(isRequiredSalesforceField('Contact', 'Company')).toBe(false)
    expect(isRequiredSalesforceField('Lead', 'FirstName')).toBe(false)
    expect(isRequiredSalesforceField('Lead', undefined)).toBe(false)
  })

  it('among the default mappings exactly lastname and company have the placeholder', () => {
    const withPlaceholder = DEFAULT_CONTACT_MAPPINGS.filter(hasRequiredPlaceholder).map((m) => m.hubspot)
    expect(withPlaceholder).toEqual(['lastname', 'company'])
    expect(DEFAULT_REQUIRED_FIELD_PLACEHOLDER).toBe('[not provided]')
  })

  it('settings.contacts.requiredFieldPlaceholder takes 1 to 80 characters, trimmed; absent means the default', () => {
    const parsed = (contacts: Record<string, unknown>) => {
      const result = parseConfig(config(contacts))
      return result.ok ? result.config.connections[0]?.settings.contacts.requiredFieldPlaceholder : result
    }
    expect(parsed({})).toBeUndefined()
    expect(parsed({ requiredFieldPlaceholder: ' N/A ' })).toBe('N/A')
    expect(parsed({ requiredFieldPlaceholder: 'x'.repeat(80) })).toBe('x'.repeat(80))
    for (const bad of ['', '   ', 'x'.repeat(81), 42]) {
      expect(parsed({ requiredFieldPlaceholder: bad }), JSON.stringify(bad)).toMatchObject({ ok: false })
    }
  })
})
