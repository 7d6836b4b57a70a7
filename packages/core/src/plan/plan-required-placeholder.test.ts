import { describe, expect, it } from 'vitest'

import type { ContactMapping, UserRule } from '../mapping/index.js'
import { DEFAULT_CONTACT_MAPPINGS, withOrgRequiredFields } from '../mapping/index.js'
import { buildOwnerIndex } from '../owners/index.js'
import type { ContactWorld } from '../testing/index.js'
import {
  addHubSpot,
  addSalesforce,
  createWorld,
  cycle,
  DEFAULT_SETTINGS,
  hs,
  ofKind,
  OWNERS,
  sf,
  writes,
} from '../testing/index.js'
import { isSalesforceEcho } from './echo.js'
import type { ContactSyncSettings } from './plan-types.js'

const T = 1_700_000_000_000
const PLACEHOLDER = '[not provided]'

function withRule(rule: UserRule, key: string): readonly ContactMapping[] {
  return DEFAULT_CONTACT_MAPPINGS.map((m) => (m.hubspot === key ? { ...m, rule } : m))
}

/**
 * A form sign-up (email only) created as a Lead, then read back as the engine does right after a create.
 * The read-back may carry only the owner lead assignment picked (B-OWN-5) to HubSpot; nothing else moves.
 */
function signUp(options: { settings?: ContactSyncSettings; mappings?: readonly ContactMapping[] } = {}) {
  const world = createWorld()
  addHubSpot(world, 'C', { email: 'form@x.com' })
  const actions = cycle(world, [hs('C')], T, options)
  const [create] = ofKind(actions, 'create-salesforce')
  const id = world.links[0]?.salesforceId
  if (create === undefined || id === undefined) throw new Error('no lead created')
  const readBack = writes(cycle(world, [sf(create.salesforceType, id)], T + 1, options))
  for (const w of readBack) {
    expect(w.kind === 'update-hubspot' && Object.keys(w.values)).toEqual(['hubspot_owner_id'])
  }
  return { world, create, id, actions }
}

let clock = T + 1
/** One more cycle with both records changed, as a capture of both sides would give. */
function step(world: ContactWorld, id: string, options: Parameters<typeof cycle>[3] = {}) {
  clock += 1000
  return cycle(world, [hs('C'), sf(world.salesforce.get(id)!.type, id)], clock, options)
}

const lead = (world: ContactWorld, id: string) => world.salesforce.get(id)!.fields
const contact = (world: ContactWorld) => world.hubspot.get('C')!

describe('B-CON-2 "[not provided] placeholder": a contact with only an email still reaches Salesforce', () => {
  it('B-CON-2 "[not provided] placeholder": an email-only contact becomes a Lead with LastName and Company filled', () => {
    const { create, world, id } = signUp()
    expect(create.salesforceType).toBe('Lead')
    expect(create.values).toMatchObject({ Email: 'form@x.com', LastName: PLACEHOLDER, Company: PLACEHOLDER })
    // Fields Salesforce does not require stay unsent.
    expect('FirstName' in create.values).toBe(false)
    // Both sides hold blank: the ancestor and both shadows say so.
    const state = world.links[0]!.fields
    for (const field of ['lastname', 'company']) {
      expect(state[field]).toMatchObject({
        ancestor: null,
        hubspotShadow: { value: null },
        salesforceShadow: { value: null },
      })
    }
    expect(lead(world, id)).toMatchObject({ LastName: PLACEHOLDER, Company: PLACEHOLDER })
  })

  it('B-CON-2 "[not provided] placeholder": the fill is audited as the blank written, naming the placeholder', () => {
    const { actions } = signUp()
    const [commit] = ofKind(actions, 'commit')
    const lastname = commit?.decisions.find((d) => d.field === 'lastname')
    expect(lastname).toMatchObject({ action: 'to-salesforce', value: null, rule: 'prefer-salesforce' })
    expect(lastname?.reason).toContain(`placeholder "${PLACEHOLDER}"`)
  })

  it('B-CON-2 "[not provided] placeholder": as a Contact only LastName is filled (a Contact has no Company)', () => {
    const settings = { ...DEFAULT_SETTINGS, createInSalesforceAs: 'contact' as const }
    const { create } = signUp({ settings })
    expect(create.salesforceType).toBe('Contact')
    expect(create.values).toMatchObject({ LastName: PLACEHOLDER })
    expect('Company' in create.values).toBe(false)
  })

  it('B-CON-2 "[not provided] placeholder": a rule that keeps HubSpot out still fills the required field', () => {
    const world = createWorld()
    addHubSpot(world, 'C', { email: 'none@x.com', lastname: 'Lee' })
    const [create] = ofKind(
      cycle(world, [hs('C')], T, { mappings: withRule('none', 'lastname') }),
      'create-salesforce',
    )
    expect(create?.values).toMatchObject({ LastName: PLACEHOLDER })
  })

  it('B-CON-2 "[not provided] placeholder": the read-back changes nothing in HubSpot and a second plan writes nothing', () => {
    const { world, id } = signUp()
    const link = world.links[0]!
    const record = { type: 'Lead' as const, id, fields: lead(world, id) }
    const transform = { timeZone: 'Europe/Oslo', owners: buildOwnerIndex(OWNERS) }
    expect(isSalesforceEcho(record, link, DEFAULT_CONTACT_MAPPINGS, transform)).toBe(true)
    const echo = step(world, id)
    expect(writes(echo)).toEqual([])
    expect(contact(world)['lastname']).toBeUndefined()
    expect(contact(world)['company']).toBeUndefined()
    expect(writes(step(world, id))).toEqual([])
  })

  it('B-CON-3 "[not provided] placeholder": a Salesforce lead someone else created with the placeholder gives a blank HubSpot contact', () => {
    const world = createWorld()
    addSalesforce(world, 'Lead', '00QOTHER', { Email: 'old@x.com', LastName: PLACEHOLDER, Company: 'Acme' })
    const [create] = ofKind(cycle(world, [sf('Lead', '00QOTHER')], T), 'create-hubspot')
    expect(create?.values).toMatchObject({ email: 'old@x.com', company: 'Acme' })
    expect('lastname' in (create?.values ?? {})).toBe(false)
    clock += 1000
    const id = world.links[0]!.hubspotId
    expect(writes(cycle(world, [hs(id), sf('Lead', '00QOTHER')], clock))).toEqual([])
  })

  it('B-CON-9 "[not provided] placeholder": linking to a lead with the placeholder sends HubSpot’s last name, never the placeholder back', () => {
    const world = createWorld()
    addSalesforce(world, 'Lead', 'L', { Email: 'a@x.com', LastName: PLACEHOLDER, Company: PLACEHOLDER })
    addHubSpot(world, 'C', { email: 'a@x.com', lastname: 'Lee' })
    const actions = cycle(world, [hs('C')], T)
    expect(ofKind(actions, 'update-salesforce')[0]?.values).toEqual({ LastName: 'Lee' })
    expect(ofKind(actions, 'update-hubspot')).toEqual([])
    expect(contact(world)['company']).toBeUndefined()
    expect(writes(step(world, 'L'))).toEqual([])
  })
})

describe('B-MAP-1 "[not provided] placeholder": prefer-salesforce counts the placeholder as blank', () => {
  it('B-MAP-1 "[not provided] placeholder": a later HubSpot last name and company replace it', () => {
    const { world, id } = signUp()
    contact(world)['lastname'] = 'Lee'
    contact(world)['company'] = 'Acme'
    const actions = step(world, id)
    expect(writes(actions)).toEqual([
      expect.objectContaining({ kind: 'update-salesforce', values: { LastName: 'Lee', Company: 'Acme' } }),
    ])
    const [commit] = ofKind(actions, 'commit')
    expect(commit?.decisions.find((d) => d.field === 'lastname')?.reason).toContain('Salesforce is blank')
    expect(writes(step(world, id))).toEqual([])
  })

  it('B-MAP-1 "[not provided] placeholder": a Salesforce user typing a real value replaces it and it reaches HubSpot', () => {
    const { world, id } = signUp()
    lead(world, id)['LastName'] = 'Lee'
    expect(writes(step(world, id))).toEqual([
      expect.objectContaining({ kind: 'update-hubspot', values: { lastname: 'Lee' } }),
    ])
    expect(writes(step(world, id))).toEqual([])
  })

  it('B-MAP-1 "[not provided] placeholder": a HubSpot clear of a filled last name reverts HubSpot, never blanks Salesforce', () => {
    const { world, id } = signUp()
    contact(world)['lastname'] = 'Lee'
    step(world, id)
    contact(world)['lastname'] = ''
    const actions = step(world, id)
    expect(ofKind(actions, 'update-salesforce')).toEqual([])
    expect(contact(world)['lastname']).toBe('Lee')
    expect(lead(world, id)['LastName']).toBe('Lee')
  })
})

describe('B-MAP-3 "[not provided] placeholder": two-way clears write the placeholder', () => {
  it('B-MAP-3 "[not provided] placeholder": clearing the last name in HubSpot writes the placeholder back', () => {
    const mappings = withRule('two-way', 'lastname')
    const { world, id } = signUp({ mappings })
    contact(world)['lastname'] = 'Lee'
    step(world, id, { mappings })
    expect(lead(world, id)['LastName']).toBe('Lee')
    contact(world)['lastname'] = null
    const actions = step(world, id, { mappings })
    expect(ofKind(actions, 'update-salesforce')[0]?.values).toEqual({ LastName: PLACEHOLDER })
    expect(ofKind(actions, 'update-hubspot')).toEqual([])
    const [commit] = ofKind(actions, 'commit')
    expect(commit?.decisions.find((d) => d.field === 'lastname')?.reason).toContain(PLACEHOLDER)
    expect(world.links[0]!.fields['lastname']).toMatchObject({
      ancestor: null,
      salesforceShadow: { value: null },
    })
    expect(writes(step(world, id, { mappings }))).toEqual([])
    expect(contact(world)['lastname']).toBeNull()
  })
})

describe('settings.contacts.requiredFieldPlaceholder "[not provided] placeholder"', () => {
  const settings = { ...DEFAULT_SETTINGS, requiredFieldPlaceholder: 'N/A' }

  it('B-CON-2 "[not provided] placeholder": a custom placeholder is written, read as blank, and settles', () => {
    const { world, create, id } = signUp({ settings })
    expect(create.values).toMatchObject({ LastName: 'N/A', Company: 'N/A' })
    expect(writes(step(world, id, { settings }))).toEqual([])
    expect(contact(world)['lastname']).toBeUndefined()
    contact(world)['company'] = 'Acme'
    expect(ofKind(step(world, id, { settings }), 'update-salesforce')[0]?.values).toEqual({ Company: 'Acme' })
  })

  it('B-CON-3 "[not provided] placeholder": a Salesforce record created elsewhere with a custom placeholder gives a blank HubSpot contact', () => {
    const world = createWorld()
    addSalesforce(world, 'Lead', '00QX', {
      Email: 'na@x.com',
      LastName: 'N/A',
      Company: 'N/A',
      FirstName: 'Ann',
    })
    const created = ofKind(cycle(world, [sf('Lead', '00QX')], T, { settings }), 'create-hubspot')
    expect(created).toHaveLength(1)
    expect(created[0]?.values).toMatchObject({ firstname: 'Ann' })
    expect(created[0]?.values).not.toHaveProperty('lastname')
    expect(created[0]?.values).not.toHaveProperty('company')
    // Its next capture is the echo of what the link holds: nothing to plan, nothing to clear.
    const link = world.links[0]!
    const transform = { timeZone: 'UTC', owners: buildOwnerIndex(OWNERS), requiredFieldPlaceholder: 'N/A' }
    const record = { id: '00QX', type: 'Lead' as const, fields: world.salesforce.get('00QX')!.fields }
    expect(isSalesforceEcho(record, link, DEFAULT_CONTACT_MAPPINGS, transform)).toBe(true)
    expect(writes(cycle(world, [sf('Lead', '00QX')], T + 1000, { settings }))).toEqual([])
  })

  it('B-CON-2 "[not provided] placeholder": a user mapping of LastName under another HubSpot property is covered', () => {
    const mappings = DEFAULT_CONTACT_MAPPINGS.map((m) =>
      m.hubspot === 'lastname' ? { ...m, hubspot: 'family_name', isDefault: false } : m,
    )
    const { create } = signUp({ mappings })
    expect(create.values).toMatchObject({ LastName: PLACEHOLDER })
  })
})

describe('B-PA-5 "[not provided] placeholder": a required field the org lets be blank', () => {
  // An org with person accounts: Lead.Company is nillable (a lead with no company converts into a person
  // account), LastName stays required.
  const mappings = DEFAULT_CONTACT_MAPPINGS.map((m) =>
    withOrgRequiredFields(m, (type, field) => type === 'Lead' && field === 'Company'),
  )

  it('B-PA-5 "[not provided] placeholder": only the company mapping is marked, and only where the org allows blank', () => {
    const marked = mappings.filter((m) => m.blankAllowed === true).map((m) => m.hubspot)
    expect(marked).toEqual(['company'])
    const strict = DEFAULT_CONTACT_MAPPINGS.map((m) => withOrgRequiredFields(m, () => false))
    expect(strict.filter((m) => m.blankAllowed === true)).toEqual([])
  })

  it('B-PA-5 "[not provided] placeholder": a contact with no company becomes a Lead with a blank Company, LastName still filled', () => {
    const { create, world, id } = signUp({ mappings })
    expect(create.values).toMatchObject({ LastName: PLACEHOLDER })
    expect('Company' in create.values).toBe(false)
    expect(writes(step(world, id, { mappings }))).toEqual([])
  })

  it('B-PA-5 "[not provided] placeholder": a two-way clear of the company writes blank, not the placeholder', () => {
    const twoWay = mappings.map((m) => (m.hubspot === 'company' ? { ...m, rule: 'two-way' as const } : m))
    const { world, id } = signUp({ mappings: twoWay })
    contact(world)['company'] = 'Acme'
    step(world, id, { mappings: twoWay })
    expect(lead(world, id)['Company']).toBe('Acme')
    contact(world)['company'] = null
    expect(ofKind(step(world, id, { mappings: twoWay }), 'update-salesforce')[0]?.values).toEqual({
      Company: null,
    })
    expect(writes(step(world, id, { mappings: twoWay }))).toEqual([])
  })
})
