import { describe, expect, it } from 'vitest'

import type { ContactMapping } from '../mapping/index.js'
import { DEFAULT_CONTACT_MAPPINGS } from '../mapping/index.js'
import { notVisibleOnCreate, notVisibleOnUpdate } from './not-visible-field.js'

const jobtitle = DEFAULT_CONTACT_MAPPINGS.find((m) => m.hubspot === 'jobtitle')!
const hidden: ContactMapping = {
  ...jobtitle,
  salesforce: { Contact: 'Title' },
  notVisible: { Lead: 'Title' },
}

describe('a mapped field hidden by field-level security (B-ERR-5)', () => {
  it('B-ERR-5: a changed HubSpot value bound for the hidden field is SF_FIELD_NOT_VISIBLE naming Lead.Title', () => {
    const state = { ancestor: 'CEO', hubspotShadow: { value: 'CEO', seenAt: 1 } }
    expect(notVisibleOnUpdate(hidden, 'Lead', 'CTO', state, false)).toEqual({
      ok: false,
      code: 'SF_FIELD_NOT_VISIBLE',
      message: expect.stringContaining('Lead.Title') as unknown,
    })
  })

  it('B-ERR-5: an unchanged HubSpot value, an object whose field is visible, or a rule that never writes Salesforce is no error', () => {
    const state = { ancestor: 'CEO', hubspotShadow: { value: 'CEO', seenAt: 1 } }
    expect(notVisibleOnUpdate(hidden, 'Lead', 'CEO', state, false)).toBeUndefined()
    expect(notVisibleOnUpdate(hidden, 'Contact', 'CTO', state, false)).toBeUndefined()
    expect(
      notVisibleOnUpdate({ ...hidden, rule: 'always-salesforce' }, 'Lead', 'CTO', state, false),
    ).toBeUndefined()
    expect(notVisibleOnUpdate({ ...hidden, rule: 'none' }, 'Lead', 'CTO', state, false)).toBeUndefined()
  })

  it('B-ERR-5: a first sync or resync with a HubSpot value is an error, a blank one is not', () => {
    const state = { ancestor: 'CTO', hubspotShadow: { value: 'CTO', seenAt: 1 } }
    expect(notVisibleOnUpdate(hidden, 'Lead', 'CTO', state, true)?.code).toBe('SF_FIELD_NOT_VISIBLE')
    expect(notVisibleOnUpdate(hidden, 'Lead', null, {}, true)).toBeUndefined()
  })

  it('B-ERR-5: a create carrying a value for the hidden field is an error; without a value or a sending rule it is not', () => {
    expect(notVisibleOnCreate(hidden, 'Lead', 'CTO', true)?.message).toContain('Lead.Title')
    expect(notVisibleOnCreate(hidden, 'Lead', null, true)).toBeUndefined()
    expect(notVisibleOnCreate(hidden, 'Lead', 'CTO', false)).toBeUndefined()
  })
})
