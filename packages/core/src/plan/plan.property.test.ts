import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { canonicalText } from '../canonical/index.js'
import { DEFAULT_REQUIRED_FIELD_PLACEHOLDER } from '../mapping/required-fields.js'
import type { ContactChange, ContactSyncSettings } from '../plan/index.js'
import { planContacts } from '../plan/index.js'
import { applyActions, createWorld, inputFor } from '../testing/index.js'

const NUM_RUNS = Number(process.env['FC_NUM_RUNS'] ?? 200)
const EMAILS = ['a@x.com', 'B@x.com', 'b@x.com', 'c@x.com', null]
const TITLES = ['CTO', 'CEO', null]

type Op =
  | { op: 'add-hs'; email: number; named: boolean }
  | { op: 'add-sf'; contact: boolean; email: number; named: boolean }
  | { op: 'edit'; side: 'hubspot' | 'salesforce'; pick: number; title: number; name: boolean }
  | { op: 'delete'; side: 'hubspot' | 'salesforce'; pick: number }
  | { op: 'sync'; seed: number }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  // Unnamed records are form sign-ups (no last name, no company) and Salesforce records holding the
  // required-field placeholder, as created by the reference connector (design.md 3.3).
  fc.record({ op: fc.constant('add-hs' as const), email: fc.nat(4), named: fc.boolean() }),
  fc.record({
    op: fc.constant('add-sf' as const),
    contact: fc.boolean(),
    email: fc.nat(4),
    named: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('edit' as const),
    side: fc.constantFrom('hubspot' as const, 'salesforce' as const),
    pick: fc.nat(9),
    title: fc.nat(2),
    // Edit the last name instead: set, cleared in HubSpot, set back to the placeholder in Salesforce.
    name: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('delete' as const),
    side: fc.constantFrom('hubspot' as const, 'salesforce' as const),
    pick: fc.nat(9),
  }),
  fc.record({ op: fc.constant('sync' as const), seed: fc.nat() }),
)

const settingsArb = fc.record<ContactSyncSettings>({
  createInSalesforceAs: fc.constantFrom('lead' as const, 'contact' as const),
  createInHubSpot: fc.boolean(),
  inclusionList: fc.constant(null),
  deleteInHubSpotWhenDeletedInSalesforce: fc.boolean(),
  requiredFieldPlaceholder: fc.constantFrom(undefined, 'N/A'),
})

describe('contact planner properties over random records on both sides', () => {
  it(
    'never duplicates, keeps links one-to-one, and a second plan writes nothing',
    { timeout: Math.max(30_000, NUM_RUNS * 100) },
    () => {
      fc.assert(
        fc.property(settingsArb, fc.array(opArb, { maxLength: 25 }), (settings, ops) => {
          const placeholder = settings.requiredFieldPlaceholder ?? DEFAULT_REQUIRED_FIELD_PLACEHOLDER
          // A Salesforce record made elsewhere holds the placeholder only when it is the default: creating its
          // HubSpot contact reads with the shared transform, which does not carry a custom one yet.
          const foreignPlaceholder = settings.requiredFieldPlaceholder === undefined
          const world = createWorld()
          let now = 1_000
          let pending: ContactChange[] = []
          let created = 0
          const sync = (seed: number): void => {
            now += 1000
            // Any arrival order: rotate the batch by the seed.
            const k = pending.length === 0 ? 0 : seed % pending.length
            const batch = [...pending.slice(k), ...pending.slice(0, k)]
            pending = []
            const actions = planContacts(inputFor(world, batch, { now, settings }))
            for (const a of actions) {
              if (a.kind !== 'create-salesforce') continue
              const email = canonicalText(world.hubspot.get(a.hubspotId)?.['email'], true) ?? ''
              // B-CON-7: a Salesforce create only when no unconverted Salesforce record holds the email.
              const existing = [...world.salesforce.values()].filter(
                (r) => canonicalText(r.fields['Email'], true) === email,
              )
              expect(existing, `created a duplicate for ${email}`).toEqual([])
            }
            applyActions(world, actions, now)
            checkInvariants()
            // Replanning may only carry back what Salesforce decided itself (lead assignment, B-OWN-5);
            // after that, plans are empty.
            const again = planContacts(inputFor(world, batch, { now, settings }))
            const extra = again.filter((a) => a.kind.startsWith('create') || a.kind.startsWith('update'))
            for (const a of extra)
              expect(a.kind === 'update-hubspot' && Object.keys(a.values)).toEqual(['hubspot_owner_id'])
            applyActions(world, again, now)
            const third = planContacts(inputFor(world, batch, { now, settings }))
            expect(third.filter((a) => a.kind.startsWith('create') || a.kind.startsWith('update'))).toEqual(
              [],
            )
          }
          const checkInvariants = (): void => {
            const live = world.links.filter((l) => l.state !== 'tombstoned')
            expect(new Set(live.map((l) => l.hubspotId)).size, 'one link per HS contact').toBe(live.length)
            expect(new Set(live.map((l) => l.salesforceId)).size, 'one link per SF record').toBe(live.length)
            // HubSpot keeps contact email unique (api-surface 3.2): the engine must never create a second one.
            const emails = [...world.hubspot.values()]
              .map((p) => canonicalText(p['email'], true))
              .filter((e) => e !== null)
            expect(new Set(emails).size, 'HS emails stay unique').toBe(emails.length)
            for (const link of live.filter((l) => l.state === 'active')) {
              const h = world.hubspot.get(link.hubspotId)
              const s = world.salesforce.get(link.salesforceId)
              if (h === undefined || s === undefined) continue
              expect(canonicalText(h['jobtitle'], false), 'linked titles agree').toBe(
                canonicalText(s.fields['Title'], false),
              )
              // The placeholder is Salesforce's blank: it agrees with a blank HubSpot value.
              const lastName = canonicalText(s.fields['LastName'], false)
              expect(canonicalText(h['lastname'], false), 'linked last names agree').toBe(
                lastName === placeholder ? null : lastName,
              )
            }
            // Salesforce refuses a blank required field; the placeholder never reaches HubSpot.
            for (const r of world.salesforce.values()) {
              const required = r.type === 'Lead' ? ['LastName', 'Company'] : ['LastName']
              for (const f of required) expect(canonicalText(r.fields[f], false), f).not.toBeNull()
            }
            for (const p of world.hubspot.values()) {
              expect([p['lastname'], p['company']], 'no placeholder in HubSpot').not.toContain(placeholder)
            }
          }
          for (const op of ops) {
            switch (op.op) {
              case 'add-hs': {
                const email = EMAILS[op.email] ?? null
                const taken = [...world.hubspot.values()].some(
                  (p) => email !== null && canonicalText(p['email'], true) === canonicalText(email, true),
                )
                if (taken) break
                const id = `H${++created}`
                world.hubspot.set(id, op.named ? { email, lastname: id, company: 'Acme' } : { email })
                pending.push({ side: 'hubspot', id, event: 'changed' })
                break
              }
              case 'add-sf': {
                const id = `${op.contact ? '003' : '00Q'}${++created}`
                const type = op.contact ? 'Contact' : 'Lead'
                const blank = !op.named && foreignPlaceholder
                const name = blank ? placeholder : id
                const company = op.contact ? {} : { Company: blank ? placeholder : 'Acme' }
                world.salesforce.set(id, {
                  type,
                  fields: { Email: EMAILS[op.email] ?? null, LastName: name, ...company },
                })
                pending.push({ side: 'salesforce', type, id, event: 'changed' })
                break
              }
              case 'edit':
              case 'delete': {
                const ids = op.side === 'hubspot' ? [...world.hubspot.keys()] : [...world.salesforce.keys()]
                const id = ids[op.pick % Math.max(ids.length, 1)]
                if (id === undefined) break
                if (op.side === 'hubspot') {
                  const record = world.hubspot.get(id)!
                  if (op.op === 'edit' && op.name) record['lastname'] = ['Lee', 'Ray', null][op.title] ?? null
                  else if (op.op === 'edit') record['jobtitle'] = TITLES[op.title] ?? null
                  else world.hubspot.delete(id)
                  pending.push({ side: 'hubspot', id, event: op.op === 'edit' ? 'changed' : 'deleted' })
                } else {
                  const { type, fields } = world.salesforce.get(id)!
                  // Salesforce refuses a blank LastName: its "blank" is the placeholder.
                  const names = ['Lee', 'Ray', foreignPlaceholder ? placeholder : 'Moe']
                  if (op.op === 'edit' && op.name) fields['LastName'] = names[op.title] ?? null
                  else if (op.op === 'edit') fields['Title'] = TITLES[op.title] ?? null
                  else world.salesforce.delete(id)
                  pending.push({
                    side: 'salesforce',
                    type,
                    id,
                    event: op.op === 'edit' ? 'changed' : 'deleted',
                  })
                }
                break
              }
              case 'sync':
                sync(op.seed)
                break
            }
          }
          sync(0)
        }),
        { numRuns: NUM_RUNS },
      )
    },
  )
})
