import { describe, expect, it } from 'vitest'

import type { HubSpotFieldType, SalesforceFieldType, UserContactMapping } from './index.js'
import {
  checkMappingDeletion,
  checkObjectMappings,
  DEFAULT_CONTACT_FIELD_LABELS,
  DEFAULT_CONTACT_MAPPINGS,
  EMAIL_OPT_OUT_MAPPING,
  isAllowedTypePair,
  OWNER_MAPPING,
  resolveContactMappings,
} from './index.js'

const favourite: UserContactMapping = {
  hubspot: 'favorite_color',
  hubspotType: 'select',
  salesforce: { Lead: 'Favorite_Color__c', Contact: 'Favorite_Color__c' },
  salesforceType: 'picklist',
  rule: 'two-way',
}

describe('contact mappings (B-MAP, B-OPT-1)', () => {
  it('B-MAP-9: the 29 default entries are each mapped, flagged default, and cannot be deleted', () => {
    expect(DEFAULT_CONTACT_FIELD_LABELS).toHaveLength(29)
    for (const entry of DEFAULT_CONTACT_FIELD_LABELS) {
      for (const object of entry.objects) {
        const mapping = DEFAULT_CONTACT_MAPPINGS.find((m) => m.salesforce[object] === entry.field)
        expect(mapping, `${entry.label} on ${object}`).toBeDefined()
        expect(mapping?.isDefault).toBe(true)
        expect(checkMappingDeletion(mapping!, 'mappings.contact')?.code).toBe('MAPPING_NOT_DELETABLE')
      }
    }
    const mappedFields = DEFAULT_CONTACT_MAPPINGS.flatMap((m) => Object.values(m.salesforce))
    expect(new Set(mappedFields)).toEqual(new Set(DEFAULT_CONTACT_FIELD_LABELS.map((e) => e.field)))
    expect(
      DEFAULT_CONTACT_MAPPINGS.filter((m) => m.rule !== 'owner' && m.rule !== 'opt-out').every(
        (m) => m.rule === 'prefer-salesforce',
      ),
    ).toBe(true)
  })

  it('B-OPT-1: hs_email_optout <-> HasOptedOutOfEmail exists for Lead and Contact and cannot be edited or deleted', () => {
    expect(EMAIL_OPT_OUT_MAPPING.salesforce).toEqual({
      Lead: 'HasOptedOutOfEmail',
      Contact: 'HasOptedOutOfEmail',
    })
    const edit = resolveContactMappings(DEFAULT_CONTACT_MAPPINGS, [
      { ...EMAIL_OPT_OUT_MAPPING, rule: 'none' },
    ])
    expect(edit.problems.map((p) => p.code)).toEqual(['MAPPING_LOCKED'])
    expect(edit.mappings.find((m) => m.hubspot === 'hs_email_optout')?.rule).toBe('opt-out')
    expect(checkMappingDeletion(EMAIL_OPT_OUT_MAPPING, 'x')?.code).toBe('MAPPING_NOT_DELETABLE')
  })

  it('a default mapping named in the configuration takes its rule and truncate, not new fields or types', () => {
    const jobtitle = DEFAULT_CONTACT_MAPPINGS.find((m) => m.hubspot === 'jobtitle')!
    const edit = resolveContactMappings(DEFAULT_CONTACT_MAPPINGS, [
      { ...jobtitle, rule: 'two-way', truncate: true, maxLength: 5 },
    ])
    expect(edit.problems).toEqual([])
    expect(edit.mappings.find((m) => m.hubspot === 'jobtitle')).toEqual({
      ...jobtitle,
      rule: 'two-way',
      truncate: true,
    })
  })

  it("a default's picklist values may be extended by key (B-MAP-9): the configured pairs are added", () => {
    const leadsource = DEFAULT_CONTACT_MAPPINGS.find((m) => m.hubspot === 'leadsource')!
    const edit = resolveContactMappings(DEFAULT_CONTACT_MAPPINGS, [
      { ...leadsource, rule: 'prefer-salesforce', values: { webinar: 'Web' } },
    ])
    expect(edit.problems).toEqual([])
    expect(edit.mappings.find((m) => m.hubspot === 'leadsource')).toEqual({
      ...leadsource,
      values: { webinar: 'Web' },
    })
  })

  it('B-OWN-12: the owner mapping stays two-way with exact matching whatever the configuration says', () => {
    const edit = resolveContactMappings(DEFAULT_CONTACT_MAPPINGS, [
      { ...OWNER_MAPPING, rule: 'prefer-salesforce' },
    ])
    expect(edit.problems).toMatchObject([{ code: 'MAPPING_LOCKED', path: 'mappings.contact[0]' }])
    expect(edit.mappings.find((m) => m.hubspot === 'hubspot_owner_id')?.rule).toBe('owner')
  })

  it('B-MAP-5: allowed type pairs, everything else is a type mismatch', () => {
    const cases: [HubSpotFieldType, SalesforceFieldType, boolean][] = [
      ['select', 'picklist', true],
      ['radio', 'reference', true],
      ['checkbox', 'multipicklist', true],
      ['booleancheckbox', 'boolean', true],
      ['number', 'double', true],
      ['number', 'int', true],
      ['text', 'string', true],
      ['text', 'textarea', true],
      ['textarea', 'textarea', true],
      ['date', 'date', true],
      ['date', 'datetime', true],
      ['number', 'string', false],
      ['textarea', 'string', false],
      ['select', 'multipicklist', false],
      ['booleancheckbox', 'picklist', false],
    ]
    for (const [hs, sf, allowed] of cases) expect(isAllowedTypePair(hs, sf), `${hs} <-> ${sf}`).toBe(allowed)
    const bad = resolveContactMappings(DEFAULT_CONTACT_MAPPINGS, [
      {
        ...favourite,
        hubspot: 'score',
        hubspotType: 'number',
        salesforceType: 'string',
        salesforce: { Lead: 'Score__c' },
      },
      {
        ...favourite,
        hubspot: 'since',
        hubspotType: 'date',
        salesforceType: 'datetime',
        salesforce: { Lead: 'Since__c' },
      },
    ])
    expect(bad.problems).toMatchObject([{ code: 'MAPPING_TYPE_MISMATCH', path: 'mappings.contact[0]' }])
    expect(bad.mappings.some((m) => m.hubspot === 'since')).toBe(true)
  })

  it('B-MAP-13: a mapping whose Salesforce field type changed is reported as mismatched types', () => {
    const changed = { ...favourite, salesforceType: 'string' as const }
    const { problems, mappings } = resolveContactMappings(DEFAULT_CONTACT_MAPPINGS, [changed])
    expect(problems).toMatchObject([
      { code: 'MAPPING_TYPE_MISMATCH', message: 'type mismatch: select cannot map to string' },
    ])
    expect(mappings.some((m) => m.hubspot === 'favorite_color')).toBe(false)
  })

  it('B-MAP-6: a property and a field each appear in one mapping only; every problem is reported', () => {
    const { problems } = resolveContactMappings(DEFAULT_CONTACT_MAPPINGS, [
      favourite,
      {
        ...favourite,
        hubspot: 'jobtitle2',
        hubspotType: 'text',
        salesforceType: 'string',
        salesforce: { Lead: 'Title' },
      },
      { ...favourite, salesforce: { Lead: 'Other__c' } },
    ])
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'MAPPING_ALREADY_MAPPED',
        path: 'mappings.contact[1].salesforce.Lead',
      }),
      expect.objectContaining({ code: 'MAPPING_ALREADY_MAPPED', path: 'mappings.contact[2].hubspot' }),
    ])
  })

  it('B-MAP-7: HubSpot user properties cannot be mapped', () => {
    const { problems } = resolveContactMappings(DEFAULT_CONTACT_MAPPINGS, [
      { ...favourite, hubspotType: 'user', salesforceType: 'reference' },
    ])
    expect(problems.map((p) => p.code)).toEqual(['MAPPING_USER_PROPERTY'])
  })

  it('a default rule may be overridden by key, and an unknown rule is reported', () => {
    const { mappings, problems } = resolveContactMappings(DEFAULT_CONTACT_MAPPINGS, [
      { ...favourite, hubspot: 'jobtitle', rule: 'two-way' },
      { ...favourite, hubspot: 'x', rule: 'sometimes' },
    ])
    expect(mappings.find((m) => m.hubspot === 'jobtitle')).toMatchObject({
      rule: 'two-way',
      salesforce: { Lead: 'Title' },
    })
    expect(problems).toMatchObject([{ code: 'MAPPING_RULE_INVALID', path: 'mappings.contact[1].rule' }])
  })

  it('B-INST-10: company and deal mappings need that object’s sync on; contacts always sync', () => {
    expect(checkObjectMappings('company', false, 1)?.code).toBe('MAPPING_OBJECT_SYNC_OFF')
    expect(checkObjectMappings('company', true, 1)).toBeUndefined()
    expect(checkObjectMappings('deal', false, 0)).toBeUndefined()
  })
})
