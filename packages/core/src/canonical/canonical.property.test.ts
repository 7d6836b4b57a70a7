import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  type ContactMapping,
  HUBSPOT_EMPLOYEE_RANGES,
  type HubSpotFieldType,
  type SalesforceFieldType,
} from '../mapping/index.js'
import type { CanonicalValue } from '../model/index.js'
import { buildOwnerIndex } from '../owners/index.js'
import { OWNERS } from '../testing/index.js'
import type { TransformContext } from './index.js'
import { canonicalDecimal, fromHubSpot, fromSalesforce, toHubSpot, toSalesforce } from './index.js'

const NUM_RUNS = Number(process.env['FC_NUM_RUNS'] ?? 200)
const ZONES = [
  'UTC',
  'Europe/Oslo',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Sydney',
  'Pacific/Chatham',
]

function mapping(
  hubspotType: HubSpotFieldType,
  salesforceType: SalesforceFieldType,
  over: Partial<ContactMapping> = {},
) {
  return {
    hubspot: 'p',
    hubspotType,
    salesforce: { Lead: 'F__c' },
    salesforceType,
    rule: 'two-way',
    ...over,
  } as const
}

const dayArb = fc
  .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))
const secondArb = fc
  .date({ min: new Date(Date.UTC(1970, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true })
  .map((d) => `${d.toISOString().slice(0, 19)}Z`)
const decimalArb = fc
  .tuple(fc.boolean(), fc.bigInt(0n, 10n ** 15n), fc.integer({ min: 0, max: 4 }))
  .map(([negative, digits, scale]) => {
    const text = digits.toString().padStart(scale + 1, '0')
    const value = `${negative ? '-' : ''}${text.slice(0, text.length - scale)}${scale > 0 ? `.${text.slice(-scale)}` : ''}`
    const canonical = canonicalDecimal(value, scale)
    return { scale, canonical: canonical.ok ? canonical.value : '0' }
  })
const itemArb = fc
  .string({ minLength: 1, maxLength: 6 })
  .filter((s) => !s.includes(';') && s.trim() === s && s !== '')
const textArb = fc.string({ maxLength: 40 }).map((s) => s.replace(/\r\n?/g, '\n').trim())

/** canonical(read(write(x))) == canonical(x) on both sides, for one mapping and canonical value. */
function roundTrips(m: ContactMapping, value: CanonicalValue, ctx: TransformContext): void {
  const toSf = toSalesforce(m, value, ctx)
  const toHs = toHubSpot(m, value, ctx)
  if (!toSf.ok || !toHs.ok) throw new Error(`${value}: ${JSON.stringify([toSf, toHs])}`)
  const viaSf = fromSalesforce(m, toSf.value, ctx)
  const viaHs = fromHubSpot(m, toHs.value, ctx)
  expect(viaSf.ok && viaSf.value).toBe(value)
  expect(viaHs.ok && viaHs.value).toBe(value)
}

const ctxArb = fc
  .constantFrom(...ZONES)
  .map((timeZone): TransformContext => ({ timeZone, owners: buildOwnerIndex(OWNERS) }))
describe(
  'canonical values survive a write and a read on both sides (design.md 3.3)',
  { timeout: Math.max(30_000, NUM_RUNS * 50) },
  () => {
    it('text and email', () => {
      fc.assert(
        fc.property(ctxArb, textArb, fc.boolean(), (ctx, text, email) => {
          const m = mapping('text', 'string', { caseInsensitive: email })
          const value = text === '' ? null : email ? text.toLowerCase() : text
          roundTrips(m, value, ctx)
        }),
        { numRuns: NUM_RUNS },
      )
    })

    it('numbers at the describe scale', () => {
      fc.assert(
        fc.property(ctxArb, decimalArb, (ctx, { scale, canonical }) => {
          roundTrips(mapping('number', 'double', { scale }), canonical, ctx)
        }),
        { numRuns: NUM_RUNS },
      )
    })

    it('dates, datetimes and date <-> datetime in any portal time zone', () => {
      fc.assert(
        fc.property(ctxArb, dayArb, secondArb, (ctx, day, second) => {
          roundTrips(mapping('date', 'date'), day, ctx)
          roundTrips(mapping('datetime', 'datetime'), second, ctx)
          roundTrips(mapping('date', 'datetime'), day, ctx)
          roundTrips(mapping('datetime', 'date'), day, ctx)
        }),
        { numRuns: NUM_RUNS },
      )
    })

    it('booleans, multi-selects, picklists and owners', () => {
      fc.assert(
        fc.property(
          ctxArb,
          fc.boolean(),
          fc.uniqueArray(itemArb, { maxLength: 5 }),
          fc.constantFrom('005ANN', '005BOB', '005OLD', '00GQUEUE'),
          (ctx, flag, items, owner) => {
            roundTrips(mapping('booleancheckbox', 'boolean'), String(flag), ctx)
            const set = [...items].sort().join(';')
            roundTrips(mapping('checkbox', 'multipicklist'), set === '' ? null : set, ctx)
            // With `values: { a: Alpha }` HubSpot's `a` means Salesforce's `Alpha`, so a Salesforce value `a`
            // has no HubSpot spelling; such a map is only valid when the keys are not Salesforce values.
            const pick = items[0] === 'a' ? 'Alpha' : (items[0] ?? null)
            roundTrips(mapping('select', 'picklist', { values: { a: 'Alpha' } }), pick, ctx)
            roundTrips(mapping('owner', 'reference', { rule: 'owner' }), owner, ctx)
          },
        ),
        { numRuns: NUM_RUNS },
      )
    })

    it('numemployees: every HubSpot range survives its lower bound in Salesforce', () => {
      fc.assert(
        fc.property(ctxArb, fc.constantFrom(...HUBSPOT_EMPLOYEE_RANGES, null), (ctx, range) => {
          roundTrips(mapping('select', 'int', { ranges: HUBSPOT_EMPLOYEE_RANGES }), range, ctx)
        }),
        { numRuns: NUM_RUNS },
      )
    })

    it('transforms never throw, whatever a CRM sends or a canonical value holds', () => {
      const rawArb = fc.oneof(
        fc.string(),
        fc.double(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constant('99999999999999999999'),
        fc.constant('-1e400'),
      )
      const pairs: [HubSpotFieldType, SalesforceFieldType][] = [
        ['text', 'string'],
        ['number', 'double'],
        ['date', 'date'],
        ['datetime', 'datetime'],
        ['date', 'datetime'],
        ['datetime', 'date'],
        ['booleancheckbox', 'boolean'],
        ['checkbox', 'multipicklist'],
        ['select', 'picklist'],
        ['owner', 'reference'],
        ['select', 'int'],
      ]
      fc.assert(
        fc.property(ctxArb, rawArb, fc.string(), (ctx, raw, text) => {
          for (const [h, s] of pairs) {
            const m = mapping(h, s, { scale: 2, maxLength: 10, ranges: HUBSPOT_EMPLOYEE_RANGES })
            const results = [
              fromHubSpot(m, raw, ctx),
              fromSalesforce(m, raw, ctx),
              toHubSpot(m, text, ctx),
              toSalesforce(m, text, ctx),
            ]
            for (const result of results) expect(typeof result.ok).toBe('boolean')
          }
        }),
        { numRuns: NUM_RUNS },
      )
    })
  },
)
