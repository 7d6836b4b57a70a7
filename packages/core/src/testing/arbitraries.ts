import fc from 'fast-check'

import type { RawValue } from '../canonical/index.js'
import type { Side } from '../model/index.js'

/** Fields the property tests edit, each under a different rule (see merge.property.test.ts). */
export const EDITED_FIELDS = {
  firstname: { salesforce: 'FirstName', rule: 'two-way' },
  jobtitle: { salesforce: 'Title', rule: 'prefer-salesforce' },
  city: { salesforce: 'City', rule: 'always-salesforce' },
  zip: { salesforce: 'PostalCode', rule: 'none' },
  hs_email_optout: { salesforce: 'HasOptedOutOfEmail', rule: 'opt-out' },
  hubspot_owner_id: { salesforce: 'OwnerId', rule: 'owner' },
} as const
export type EditedField = keyof typeof EDITED_FIELDS

const TEXT = [null, 'a', 'b', ' a ', 'c\r\nd', 'c\nd']
const POOLS: Record<EditedField, Record<Side, readonly RawValue[]>> = {
  firstname: { hubspot: TEXT, salesforce: TEXT },
  jobtitle: { hubspot: TEXT, salesforce: TEXT },
  city: { hubspot: TEXT, salesforce: TEXT },
  zip: { hubspot: TEXT, salesforce: TEXT },
  hs_email_optout: { hubspot: ['true', 'false'], salesforce: [true, false] },
  // 14 has no Salesforce user; 005SFONLY has no HubSpot owner (design.md 4.3).
  hubspot_owner_id: {
    hubspot: ['11', '12', '13', '14', null],
    salesforce: ['005ANN', '005BOB', '005CID', '005SFONLY'],
  },
}

/** One edit on one side, or a sync cycle; `gap` is the time that passes before it, in ms. */
export type Step =
  | {
      readonly kind: 'edit'
      readonly side: Side
      readonly field: EditedField
      readonly value: RawValue
      readonly gap: number
    }
  | { readonly kind: 'sync'; readonly gap: number }

const fieldArb = fc.constantFrom(...(Object.keys(EDITED_FIELDS) as EditedField[]))
const sideArb = fc.constantFrom<Side>('hubspot', 'salesforce')

export const editArb: fc.Arbitrary<Step> = fc
  .tuple(sideArb, fieldArb, fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 }))
  .map(([side, field, pick, gap]) => {
    const pool = POOLS[field][side]
    return { kind: 'edit', side, field, value: pool[pick % pool.length] ?? null, gap }
  })

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: editArb },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((gap): Step => ({ kind: 'sync', gap })) },
)

/** Initial values of every edited field on both sides. */
export const initialArb = fc.record({
  hubspot: fc.tuple(
    ...(Object.keys(EDITED_FIELDS) as EditedField[]).map((f) => fc.constantFrom(...POOLS[f].hubspot)),
  ),
  salesforce: fc.tuple(
    ...(Object.keys(EDITED_FIELDS) as EditedField[]).map((f) => fc.constantFrom(...POOLS[f].salesforce)),
  ),
})
