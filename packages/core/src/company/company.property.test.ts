import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import type { TransformContext } from '../canonical/index.js'
import { fromHubSpot, fromSalesforce } from '../canonical/index.js'
import type { Link, Side } from '../model/index.js'
import { buildOwnerIndex } from '../owners/index.js'
import type { Arrivals } from '../testing/index.js'
import {
  accountChange,
  applyAssociationActions,
  applyCompanyActions,
  applyCompanyOp,
  associationInput,
  buildCompanyWorld,
  companyChange,
  companyInitialArb,
  companyInput,
  companyOpArb,
  crmWrites,
  everything,
  OWNERS,
  PASS_ROUNDS,
} from '../testing/index.js'
import type { AssociationAction, CompanyAction, CompanyChange } from './index.js'
import {
  ACCOUNT_ASSOCIATION_FIELD,
  DEFAULT_COMPANY_MAPPINGS,
  planCompanies,
  planContactAccounts,
} from './index.js'

const NUM_RUNS = Number(process.env['FC_NUM_RUNS'] ?? 200)
/** Replays a reported failure: FC_SEED and FC_PATH as fast-check printed them. */
const SEED = process.env['FC_SEED']
const PATH = process.env['FC_PATH']
const REPLAY = {
  ...(SEED === undefined ? {} : { seed: Number(SEED), endOnFailure: true }),
  ...(PATH === undefined ? {} : { path: PATH }),
}

describe('company sync properties over random interleaved edits on both sides', () => {
  it(
    "converges, keeps contacts with their company's account, never duplicates or re-pairs, and audits what it does not carry",
    { timeout: Math.max(60_000, NUM_RUNS * 300) },
    () => {
      fc.assert(
        fc.property(companyInitialArb, fc.array(companyOpArb, { maxLength: 30 }), (init, ops) => {
          const { settings } = init
          const world = buildCompanyWorld(init)
          const transform: TransformContext = { timeZone: 'Europe/Oslo', owners: buildOwnerIndex(OWNERS) }
          let now = 1_000
          const pending = { companies: new Map<string, CompanyChange>(), contacts: new Set<string>() }
          const addChange = (c: CompanyChange) => {
            const key = `${c.side}:${c.id}`
            const before = pending.companies.get(key)?.event
            if (before === 'deleted' || (before === 'resync' && c.event === 'changed')) return
            pending.companies.delete(key)
            pending.companies.set(key, c)
          }
          const arrive = (a: Arrivals) => {
            a.companies.forEach(addChange)
            for (const id of a.contacts) pending.contacts.add(id)
          }
          /** The account each company was ever paired with (B-CMP-11). */
          const pairedWith = new Map<string, string>()

          const activeLinkOf = (companyId: string) =>
            world.companyLinks.find((l) => l.hubspotId === companyId && l.state === 'active')
          /** Any link row of the record, whatever its state: a record once paired never pairs anew. */
          const anyLink = (side: Side, id: string) =>
            world.companyLinks.find((l) => (side === 'hubspot' ? l.hubspotId : l.salesforceId) === id)

          /** B-CMP-11 and "once per batch", before the plan is applied. */
          const checkCompanyPlan = (actions: readonly CompanyAction[]) => {
            for (const a of actions) {
              if (a.kind === 'link' || a.kind === 'create-salesforce')
                expect(
                  anyLink('hubspot', a.hubspotId),
                  `${a.kind} of paired company ${a.hubspotId}`,
                ).toBeUndefined()
              if (a.kind === 'link' || a.kind === 'create-hubspot')
                expect(anyLink('salesforce', a.salesforce.id), `${a.kind} of paired account`).toBeUndefined()
              if (a.kind === 'relink') {
                expect(a.to.hubspotId, 'a relink keeps the company').toBe(a.from.hubspotId)
                expect(
                  world.accounts.has(a.from.salesforce.id),
                  'a relink leaves a merged-away account',
                ).toBe(false)
              }
            }
            const commits = actions.filter((a) => a.kind === 'commit')
            const ids = (key: 'hubspotId' | 'salesforceId') =>
              commits.flatMap((c) => (c[key] === null ? [] : [c[key]]))
            expect(new Set(ids('hubspotId')).size, 'one commit per company per batch').toBe(
              ids('hubspotId').length,
            )
            expect(new Set(ids('salesforceId')).size, 'one commit per account per batch').toBe(
              ids('salesforceId').length,
            )
          }

          /**
           * A linked pair's field that still differs after its plan, and changed on either side since the pair's
           * last plan (`before`: the links then), has a decision saying why it was not carried, or an error.
           */
          const checkCompanyAudit = (actions: readonly CompanyAction[], before: readonly Link[]) => {
            for (const commit of actions) {
              if (commit.kind !== 'commit' || commit.hubspotId === null || commit.salesforceId === null)
                continue
              const { hubspotId, salesforceId } = commit
              const hs = world.companies.get(hubspotId)
              const sf = world.accounts.get(salesforceId)
              if (hs === undefined || sf === undefined) continue
              const failed = actions.some((a) => a.kind === 'error' && a.hubspotId === hubspotId)
              for (const m of DEFAULT_COMPANY_MAPPINGS) {
                const h = fromHubSpot(m, hs.properties[m.hubspot], transform)
                const s = fromSalesforce(m, sf.fields[m.salesforce.Account ?? ''], transform)
                if (!h.ok || !s.ok || h.value === s.value || failed) continue
                const last = before.find((l) => l.hubspotId === hubspotId && l.salesforceId === salesforceId)
                const state = last?.fields[m.hubspot]
                const unchanged =
                  state?.hubspotShadow?.value === h.value && state.salesforceShadow?.value === s.value
                if (unchanged) continue
                const decision = commit.decisions.find((d) => d.field === m.hubspot)
                expect(
                  decision?.dropped ?? [],
                  `${hubspotId}.${m.hubspot} differs without a drop`,
                ).not.toEqual([])
              }
            }
          }

          const agrees = (contactId: string): boolean => {
            const c = world.contacts.get(contactId)
            const link = world.contactLinks.find((l) => l.hubspotId === contactId && l.state === 'active')
            const k = link === undefined ? undefined : world.salesforceContacts.get(link.salesforceId)
            if (c === undefined || k?.type !== 'Contact') return true
            const h = c.primaryCompanyId
            return h === null ? k.accountId === null : activeLinkOf(h)?.salesforceId === k.accountId
          }

          /** The contact's company and account as they are now were seen by pass 3, which dropped one of them. */
          const droppedAsSeen = (id: string): boolean => {
            const c = world.contacts.get(id)
            const link = world.contactLinks.find((l) => l.hubspotId === id && l.state === 'active')
            const k = link === undefined ? undefined : world.salesforceContacts.get(link.salesforceId)
            const state = link?.fields[ACCOUNT_ASSOCIATION_FIELD]
            const seen =
              state?.hubspotShadow?.value === c?.primaryCompanyId &&
              state?.salesforceShadow?.value === k?.accountId
            return seen && (world.associationDecisions.get(id)?.dropped ?? []).length > 0
          }

          /** A contact whose company and account still disagree was parked, failed, or dropped on purpose. */
          const checkAssociationAudit = (
            contacts: readonly string[],
            actions: readonly AssociationAction[],
          ) => {
            for (const id of new Set(contacts)) {
              if (agrees(id)) continue
              const c = world.contacts.get(id)!
              const link = world.contactLinks.find((l) => l.hubspotId === id && l.state === 'active')!
              const k = world.salesforceContacts.get(link.salesforceId)!
              const parked = actions.some(
                (a) =>
                  a.kind === 'requeue' && a.ids.some((x) => x === c.primaryCompanyId || x === k.accountId),
              )
              const failed = actions.some((a) => a.kind === 'error' && a.hubspotId === id)
              expect(
                parked || failed || droppedAsSeen(id),
                `contact ${id}: ${c.primaryCompanyId} / ${k.accountId}`,
              ).toBe(true)
            }
          }

          const checkInvariants = () => {
            const active = world.companyLinks.filter((l) => l.state === 'active')
            expect(new Set(active.map((l) => l.hubspotId)).size, 'one link per company').toBe(active.length)
            expect(new Set(active.map((l) => l.salesforceId)).size, 'one link per account').toBe(
              active.length,
            )
            for (const side of ['hubspot', 'salesforce'] as const) {
              const from = world.created.filter((c) => c.side === side).map((c) => c.from)
              expect(new Set(from).size, `created on ${side} twice for one record`).toBe(from.length)
            }
            // B-CMP-11: a company stays with its account, unless that account was merged into another.
            for (const l of world.companyLinks) {
              const before = pairedWith.get(l.hubspotId)
              if (before !== undefined && before !== l.salesforceId)
                expect(world.accounts.has(before), `${l.hubspotId} re-paired from ${before}`).toBe(false)
              pairedWith.set(l.hubspotId, l.salesforceId)
            }
          }

          /** One cycle: pass 2 then pass 3, rounds while one sends rows to the other; returns the writes. */
          const sync = (seed: number): number => {
            now += 1000
            const all = [...pending.companies.values()]
            const k = all.length === 0 ? 0 : seed % all.length
            let companies = [...all.slice(k), ...all.slice(0, k)]
            let contacts = [...pending.contacts]
            pending.companies.clear()
            pending.contacts.clear()
            let writes = 0
            for (
              let round = 0;
              round < PASS_ROUNDS && (companies.length > 0 || contacts.length > 0);
              round++
            ) {
              if (companies.length > 0) {
                const actions = planCompanies(companyInput(world, companies, { now, settings })).actions
                checkCompanyPlan(actions)
                const createdBefore = world.created.length
                const linksBefore = world.companyLinks
                for (const r of applyCompanyActions(world, actions, now))
                  if (r.objectKind === 'contact-company') contacts.push(...r.ids)
                checkCompanyAudit(actions, linksBefore)
                const written = [
                  ...crmWrites(actions),
                  ...actions.filter((a) => a.kind === 'link' || a.kind === 'relink'),
                ]
                writes += written.length
                // What we wrote comes back through capture next cycle.
                for (const a of written) {
                  if (a.kind === 'update-salesforce') addChange(accountChange(a.salesforce.id))
                  else if (a.kind === 'update-hubspot' || a.kind === 'link')
                    addChange(companyChange(a.hubspotId))
                  else if (a.kind === 'relink') addChange(companyChange(a.to.hubspotId))
                }
                for (const c of world.created.slice(createdBefore))
                  addChange(c.side === 'hubspot' ? companyChange(c.id) : accountChange(c.id))
              }
              companies = []
              if (contacts.length > 0) {
                const actions = planContactAccounts(associationInput(world, contacts, now))
                for (const r of applyAssociationActions(world, actions, now)) {
                  if (r.objectKind !== 'company') continue
                  companies.push(
                    ...r.ids.map((id) => (r.side === 'hubspot' ? companyChange(id) : accountChange(id))),
                  )
                }
                checkAssociationAudit(contacts, actions)
                const written = crmWrites(actions)
                writes += written.length
                for (const a of written) {
                  if (a.kind === 'set-account' || a.kind === 'set-primary-company')
                    pending.contacts.add(a.hubspotId)
                  else if (a.kind === 'set-company-lifecycle') addChange(companyChange(a.companyId))
                }
              }
              contacts = []
            }
            // Rows sent back after the last round wait for the next cycle.
            companies.forEach(addChange)
            for (const id of contacts) pending.contacts.add(id)
            checkInvariants()
            return writes
          }

          arrive(everything(world))
          for (const op of ops) {
            if (op.op === 'sync') sync(op.seed)
            else arrive(applyCompanyOp(world, op))
          }
          // The edits stop: syncing settles within a few cycles ...
          let settled = false
          for (let i = 0; i < 8 && !settled; i++) {
            const writes = sync(i)
            settled = writes === 0 && pending.companies.size === 0 && pending.contacts.size === 0
          }
          expect(settled, 'settles after the edits stop').toBe(true)
          // ... and planning every record again writes nothing on either side.
          arrive(everything(world))
          expect(sync(0), 'a second plan writes nothing').toBe(0)
          // Every linked Contact's account is its HubSpot contact's company's account, unless pass 3 dropped the
          // difference (a removed company, a cleared AccountId, a company or account that can never pair again).
          for (const [id, c] of world.contacts) {
            const link = world.contactLinks.find((l) => l.hubspotId === id && l.state === 'active')
            const k = link === undefined ? undefined : world.salesforceContacts.get(link.salesforceId)
            if (k?.type !== 'Contact' || k.isPersonContact === true || c.primaryCompanyId === null) continue
            const account = activeLinkOf(c.primaryCompanyId)?.salesforceId
            if (account === undefined || world.accounts.get(account)?.isPersonAccount === true) continue
            if (droppedAsSeen(id)) continue
            expect(k.accountId, `${id}'s Contact is in its company's account`).toBe(account)
          }
        }),
        { numRuns: NUM_RUNS, ...REPLAY },
      )
    },
  )
})
