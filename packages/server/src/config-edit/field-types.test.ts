import { describe, expect, it } from 'vitest'

import { hubspotFieldTypeOf } from './field-types.js'

describe('the mapping screens type of a HubSpot property (B-MAP-5, B-MAP-7)', () => {
  it('B-MAP-7: a property referring to owners is the HubSpot user type; hubspot_owner_id is the owner', () => {
    const owner = { type: 'enumeration', fieldType: 'select', referencedObjectType: 'OWNER' }
    expect(hubspotFieldTypeOf({ name: 'csm', ...owner })).toBe('user')
    expect(hubspotFieldTypeOf({ name: 'hubspot_owner_id', ...owner })).toBe('owner')
  })

  it('B-MAP-5: the field type names the pair; a date picker holding a datetime is datetime; others take none', () => {
    expect(hubspotFieldTypeOf({ name: 'a', type: 'string', fieldType: 'phonenumber' })).toBe('phonenumber')
    expect(hubspotFieldTypeOf({ name: 'b', type: 'enumeration', fieldType: 'checkbox' })).toBe('checkbox')
    expect(hubspotFieldTypeOf({ name: 'c', type: 'date', fieldType: 'date' })).toBe('date')
    expect(hubspotFieldTypeOf({ name: 'd', type: 'datetime', fieldType: 'date' })).toBe('datetime')
    expect(hubspotFieldTypeOf({ name: 'e', type: 'string', fieldType: 'file' })).toBeUndefined()
    expect(
      hubspotFieldTypeOf({ name: 'f', type: 'number', fieldType: 'calculation_equation' }),
    ).toBeUndefined()
  })
})
