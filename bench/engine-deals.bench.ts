/**
 * Engine API efficiency for deals (not a test): `npm run bench -- engine-deals`.
 * Both sandboxes in-process, the real connectors over the official clients, SQLite in a temp file, the
 * engine as `crmsync sync --once` runs it, in Contact mode with `settings.companies.sync`,
 * `settings.deals.sync` and `settings.lifecycle.automaticTransitions` on. Before the phases, BENCH_ENGINE_DEALS
 * Salesforce Accounts (default 2,000), each with one Contact, are synced and their echoes drained (not
 * measured). Five bulk phases of that many records: Salesforce Opportunity creates on the linked accounts
 * (deals with a primary company), Opportunity updates (Amount, StageName), HubSpot deal creates in the
 * generated pipeline (Opportunities), HubSpot deal updates (amount), and contact roles added in Salesforce to
 * the first phase's opportunities with their account's linked Contact (deal-contact associations, the
 * contacts' lifecycle stage moved to opportunity). Each prints Salesforce and HubSpot API calls per record
 * next to the minimum with full batches (docs/api-cost.md, Deals) and the ratio (target <= 1.25x), and the
 * calls per endpoint as the sandboxes counted them and per connector method. After every phase every linked
 * pair is checked: Amount equal, the opportunity's contact roles equal its deal's contacts through the contact
 * links, the deal's primary company the company of the opportunity's account, and every record the phases
 * made linked (mismatches are printed and must be 0). Peak RSS is sampled throughout.
 * Writes bench/results/engine-deals.json.
 */
import type { Side } from '@crmsync/core'
import { soqlString } from '@crmsync/salesforce'

import { measureBacklogSync, type PhaseCost, printErrors } from './engine-bench-phase.js'
import { fmt, formatCounts, phaseColumns, phaseTotals, writeResults } from './engine-bench-report.js'
import { createBenchEngine, inChunks, SEARCH_LAG_MS, sleep, startEngineBench } from './engine-bench-setup.js'

const N = Number(process.env['BENCH_ENGINE_DEALS'] ?? 2000)

const bench = await startEngineBench({
  settings: {
    contacts: { createInSalesforceAs: 'contact' },
    companies: { sync: true },
    deals: { sync: true },
    lifecycle: { automaticTransitions: true },
  },
  // Every default mapping is on (contacts, companies, and the seven deal defaults, two-way).
  mappings: { contact: [] },
})
const { hs, sf, sfConnector, hsConnector } = bench
/** Calls per connector method (the port the engine sees), for the phase being measured. */
let byMethod: Record<Side, Record<string, number>> = { salesforce: {}, hubspot: {} }
/** BENCH_DEBUG=1 prints each connector call with the sizes of its arguments (what a phase read and wrote). */
const debug = process.env['BENCH_DEBUG'] === '1'
function describeArgs(args: readonly unknown[]): string {
  return args
    .map((a) => {
      if (Array.isArray(a)) return `${a.length} items`
      if (typeof a === 'object' && a !== null && 'ids' in a && Array.isArray(a.ids))
        return `${a.ids.length} ids`
      return typeof a
    })
    .join(', ')
}
/** The connector with each async method's calls counted under its name (as engine-companies counts them). */
function metered<T extends object>(connector: T, side: Side, usage: () => number): T {
  return new Proxy(connector, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver)
      if (typeof value !== 'function') return value
      const method = value as (...a: unknown[]) => unknown
      return (...args: unknown[]): unknown => {
        const before = usage()
        if (debug && typeof prop === 'string' && args.length > 0)
          console.error(`  ${side} ${prop}(${describeArgs(args)})`)
        const result = method.apply(target, args)
        if (!(result instanceof Promise) || typeof prop !== 'string') return result
        return result.finally(() => {
          const delta = usage() - before
          if (delta > 0) byMethod[side][prop] = (byMethod[side][prop] ?? 0) + delta
        })
      }
    },
  })
}
const engine = createBenchEngine(bench, {
  salesforce: metered(sfConnector, 'salesforce', () => sfConnector.apiUsage().calls),
  hubspot: metered(hsConnector, 'hubspot', () => hsConnector.apiUsage().calls),
})

const range = (count: number) => [...Array(count).keys()]
type SObject = 'Account' | 'Contact' | 'Opportunity' | 'OpportunityContactRole'

/** Salesforce records through sObject Collections, 200 per call; returns their ids in order. */
async function createSalesforce(
  type: SObject,
  records: readonly Record<string, unknown>[],
): Promise<string[]> {
  const ids: string[] = []
  await inChunks(records, 200, async (chunk) => {
    const res = await sf.sobject(type).create(chunk, { allOrNone: true })
    for (const r of res) {
      if (!r.success) throw new Error(`create ${type} failed: ${JSON.stringify(r)}`)
      ids.push(r.id)
    }
  })
  return ids
}

async function updateSalesforce(
  type: SObject,
  records: readonly ({ Id: string } & Record<string, unknown>)[],
): Promise<void> {
  await inChunks(records, 200, async (chunk) => {
    const res = await sf.sobject(type).update(chunk, { allOrNone: true })
    for (const r of res) if (!r.success) throw new Error(`update ${type} failed: ${JSON.stringify(r)}`)
  })
}

/** Every row of a SOQL query (query, then queryMore). */
async function soqlAll<T extends Record<string, unknown>>(soql: string): Promise<T[]> {
  const rows: T[] = []
  let res = await sf.query<T>(soql)
  rows.push(...res.records)
  while (!res.done && res.nextRecordsUrl !== undefined) {
    res = await sf.queryMore<T>(res.nextRecordsUrl)
    rows.push(...res.records)
  }
  return rows
}

/** Every HubSpot record of a type with some properties (list pages of 100): id -> properties. */
async function listHubSpot(
  objectType: 'contacts' | 'companies' | 'deals',
  properties: string[],
): Promise<Map<string, Record<string, string | null>>> {
  const out = new Map<string, Record<string, string | null>>()
  let after: string | undefined
  do {
    const api =
      objectType === 'contacts'
        ? hs.crm.contacts.basicApi
        : objectType === 'companies'
          ? hs.crm.companies.basicApi
          : hs.crm.deals.basicApi
    const page = await api.getPage(100, after, properties)
    for (const r of page.results) out.set(r.id, r.properties)
    after = page.paging?.next?.after
  } while (after !== undefined)
  return out
}

/** Each deal's associated objects of one type (v4 batch read, 100 per call), with their label type ids. */
async function dealAssociations(
  dealIds: readonly string[],
  to: 'contacts' | 'companies',
): Promise<Map<string, { id: string; typeIds: number[] }[]>> {
  const out = new Map<string, { id: string; typeIds: number[] }[]>()
  await inChunks(dealIds, 100, async (chunk) => {
    const res = await hs.crm.associations.v4.batchApi.getPage('deals', to, {
      inputs: chunk.map((id) => ({ id })),
    })
    for (const r of res.results)
      out.set(
        String(r._from.id),
        r.to.map((t) => ({ id: String(t.toObjectId), typeIds: t.associationTypes.map((a) => a.typeId) })),
      )
  })
  return out
}

interface Phase extends PhaseCost {
  /** What the minimum is made of, per side. */
  readonly minimumParts: Record<Side, Record<string, number>>
  /** Calls per connector method (the engine's port), for this phase only. */
  readonly methods: Record<Side, Record<string, number>>
  /** What the check after the phase found wrong, by kind (every count must be 0). */
  readonly mismatches: Mismatches
}
const phases: Phase[] = []

// --- The minimum, from batch sizes -------------------------------------------------------------------------
// As for companies (docs/api-cost.md): capture polls every stream once a cycle and reads the rows modified
// since the last cycle (this phase's changes and the previous phase's writes coming back as echoes);
// Salesforce keyset pages of 2000, floor(rows / 2000) + 1 queryAll calls a stream (Lead, Contact, Account,
// Opportunity, OpportunityContactRole); HubSpot 1 + max(1, ceil(rows / 200)) searches a stream (contacts,
// companies, deals). Every record the plan needs is read by id once per cycle at full batches (HubSpot batch
// read 100 and v4 association batch read 100 per association type; Salesforce composite retrieve 2000; contact
// roles `OpportunityId IN (...)`, lists cut by URL length); a record this cycle created has nothing to read.
// Writes at full batches (HubSpot batch upsert/update and v4 association create 100; Salesforce sObject
// Collections 200), created records read back once (one retrieve per 2000). Once-per-process reads are paid
// by the warm-up.
const per = (n: number, size: number) => (n === 0 ? 0 : Math.ceil(n / size))
const sfCapture = (rows: number) => Math.floor(rows / 2000) + 1
const hsCapture = (rows: number) => 1 + Math.max(1, per(rows, 200))
interface CaptureRows {
  readonly Lead?: number
  readonly Contact?: number
  readonly Account?: number
  readonly Opportunity?: number
  readonly OpportunityContactRole?: number
  readonly contacts?: number
  readonly companies?: number
  readonly deals?: number
}
/** Contact-role queries for `n` opportunities, IN lists cut as packages/salesforce/src/soql.ts cuts them. */
function roleQueries(n: number): number {
  const MAX_QUERY_URL_CHARS = 12_000
  const build = (ids: readonly string[]) =>
    'SELECT Id, SystemModstamp, OpportunityId, ContactId, IsPrimary, Role FROM OpportunityContactRole ' +
    `WHERE OpportunityId IN (${ids.map(soqlString).join(', ')}) ORDER BY OpportunityId, Id`
  const base = encodeURIComponent(build([])).length
  let queries = 0
  let length = Number.POSITIVE_INFINITY
  for (const i of range(n)) {
    const cost = encodeURIComponent(`${soqlString(`006${String(i).padStart(15, '0')}`)}, `).length
    if (length + cost > MAX_QUERY_URL_CHARS) {
      queries++
      length = base
    }
    length += cost
  }
  return queries
}
const total = (parts: Record<string, number>) => Object.values(parts).reduce((s, v) => s + v, 0)

/** One `sync --once` after the search lag, measured against the minimum for `rows` and `work`, then checked. */
async function measure(
  name: string,
  records: number,
  rows: CaptureRows,
  work: Record<Side, Record<string, number>>,
): Promise<Phase> {
  const minimumParts = {
    salesforce: {
      capture: (['Lead', 'Contact', 'Account', 'Opportunity', 'OpportunityContactRole'] as const).reduce(
        (s, stream) => s + sfCapture(rows[stream] ?? 0),
        0,
      ),
      ...work.salesforce,
    },
    hubspot: {
      capture: (['contacts', 'companies', 'deals'] as const).reduce(
        (s, stream) => s + hsCapture(rows[stream] ?? 0),
        0,
      ),
      ...work.hubspot,
    },
  }
  byMethod = { salesforce: {}, hubspot: {} }
  if (debug) console.error(`${name}:`)
  const measured = await measureBacklogSync(bench, engine, ['deal', 'deal-contact', 'contact'])
  printErrors(name, measured.summary)
  const mismatches = await check(name)
  return {
    name,
    records,
    synced: measured.synced,
    ms: measured.ms,
    calls: measured.calls,
    minimum: { salesforce: total(minimumParts.salesforce), hubspot: total(minimumParts.hubspot) },
    minimumParts,
    errors: measured.errors,
    endpoints: measured.endpoints,
    methods: byMethod,
    mismatches,
  }
}
async function phase(...args: Parameters<typeof measure>): Promise<void> {
  phases.push(await measure(...args))
}

// --- The check ---------------------------------------------------------------------------------------------
interface Mismatches {
  /** Opportunities or deals the phases made that have no counterpart (by the link property on the deal). */
  readonly unlinked: number
  readonly amount: number
  /** Opportunities whose contact roles, through the contact links, differ from their deal's contacts. */
  readonly contacts: number
  /** Deals whose primary company is not the company linked to their opportunity's account. */
  readonly primaryCompany: number
}
/** Opportunities and deals the phases made, which must each end up linked. */
const madeOpportunities = new Set<string>()
const madeDeals = new Set<string>()

/**
 * Every linked pair against the links as both CRMs hold them (salesforceopportunityid on the deal,
 * salesforcecontactid on the contact, salesforceaccountid on the company). Returns the mismatches by kind,
 * printing the first few.
 */
async function check(label: string): Promise<Mismatches> {
  const deals = await listHubSpot('deals', ['amount', 'salesforceopportunityid'])
  const contactOf = new Map<string, string>() // Salesforce Contact id -> HubSpot contact id
  for (const [id, p] of await listHubSpot('contacts', ['salesforcecontactid']))
    if (p['salesforcecontactid']) contactOf.set(p['salesforcecontactid'], id)
  const companyOf = new Map<string, string>() // Account id -> HubSpot company id
  for (const [id, p] of await listHubSpot('companies', ['salesforceaccountid']))
    if (p['salesforceaccountid']) companyOf.set(p['salesforceaccountid'], id)
  const opportunities = new Map(
    (
      await soqlAll<{ Id: string; Amount: number | null; AccountId: string | null }>(
        'SELECT Id, Amount, AccountId FROM Opportunity',
      )
    ).map((o) => [o.Id, o]),
  )
  const rolesOf = new Map<string, string[]>()
  for (const r of await soqlAll<{ OpportunityId: string; ContactId: string }>(
    'SELECT OpportunityId, ContactId FROM OpportunityContactRole',
  ))
    rolesOf.set(r.OpportunityId, [...(rolesOf.get(r.OpportunityId) ?? []), r.ContactId])
  const linkedDeals = [...deals].filter(([, p]) => p['salesforceopportunityid'])
  const dealContacts = await dealAssociations(
    linkedDeals.map(([id]) => id),
    'contacts',
  )
  const dealCompanies = await dealAssociations(
    linkedDeals.map(([id]) => id),
    'companies',
  )

  const wrong: Record<keyof Mismatches, string[]> = {
    unlinked: [],
    amount: [],
    contacts: [],
    primaryCompany: [],
  }
  const linkedOpportunities = new Set<string>()
  for (const [dealId, p] of linkedDeals) {
    const oppId = p['salesforceopportunityid']!
    linkedOpportunities.add(oppId)
    const opp = opportunities.get(oppId)
    if (opp === undefined) {
      wrong.unlinked.push(`deal ${dealId} names opportunity ${oppId}, which Salesforce does not have`)
      continue
    }
    const hsAmount = p['amount'] === null || p['amount'] === '' ? null : Number(p['amount'])
    if (hsAmount !== opp.Amount)
      wrong.amount.push(
        `deal ${dealId} amount ${String(hsAmount)}, opportunity ${oppId} ${String(opp.Amount)}`,
      )
    const fromRoles = (rolesOf.get(oppId) ?? []).map((c) => contactOf.get(c) ?? `(unlinked ${c})`).sort()
    const associated = (dealContacts.get(dealId) ?? []).map((c) => c.id).sort()
    if (fromRoles.join() !== associated.join())
      wrong.contacts.push(
        `deal ${dealId} contacts [${associated.join()}], roles of ${oppId} [${fromRoles.join()}]`,
      )
    const primary = (dealCompanies.get(dealId) ?? []).find((c) => c.typeIds.includes(5))?.id ?? null
    const expected =
      opp.AccountId === null ? null : (companyOf.get(opp.AccountId) ?? `(unlinked ${opp.AccountId})`)
    if (primary !== expected)
      wrong.primaryCompany.push(
        `deal ${dealId} primary company ${primary ?? '-'}, account's ${expected ?? '-'}`,
      )
  }
  for (const id of madeOpportunities)
    if (!linkedOpportunities.has(id)) wrong.unlinked.push(`opportunity ${id} has no deal`)
  for (const id of madeDeals)
    if (!deals.get(id)?.['salesforceopportunityid']) wrong.unlinked.push(`deal ${id} has no opportunity`)
  for (const [kind, list] of Object.entries(wrong))
    if (list.length > 0)
      console.error(`${label}: ${list.length} ${kind} mismatches, e.g.\n  ${list.slice(0, 5).join('\n  ')}`)
  return {
    unlinked: wrong.unlinked.length,
    amount: wrong.amount.length,
    contacts: wrong.contacts.length,
    primaryCompany: wrong.primaryCompany.length,
  }
}

/** HubSpot contacts of Salesforce Contacts with a role on an open opportunity whose stage is not yet opportunity. */
async function lifecycleNotMoved(contactIds: readonly string[]): Promise<number> {
  const stages = await listHubSpot('contacts', ['salesforcecontactid', 'lifecyclestage'])
  const wanted = new Set(contactIds)
  const behind = [...stages.values()].filter(
    (p) => wanted.has(p['salesforcecontactid'] ?? '') && p['lifecyclestage'] !== 'opportunity',
  )
  if (behind.length > 0) console.error(`lifecycle: ${behind.length} contacts not moved to opportunity`)
  return behind.length
}

// --- Setup (not measured) ----------------------------------------------------------------------------------
await engine.syncOnce() // records the identity, starts the cursors, sets up the deal pipelines (B-DEAL-2)
// Warm-up: one account with one opportunity, so the once-per-process reads are paid here.
const [warmAccount] = await createSalesforce('Account', [{ Name: 'Bench warm-up' }])
await createSalesforce('Opportunity', [
  { Name: 'Bench warm-up', AccountId: warmAccount, StageName: 'Prospecting', CloseDate: '2027-03-31' },
])
const warmUp = await measure('warm-up', 1, { Account: 1, Opportunity: 1 }, { salesforce: {}, hubspot: {} })

// N Accounts, each with one Contact, synced to companies and contacts; then the echoes drained.
const accountIds = await createSalesforce(
  'Account',
  range(N).map((i) => ({ Name: `Bench Account ${i}`, Industry: 'Banking' })),
)
const contactIds = await createSalesforce(
  'Contact',
  range(N).map((i) => ({
    LastName: `Contact ${i}`,
    FirstName: 'Bench',
    Email: `c${i}@deals.bench.test`,
    AccountId: accountIds[i],
  })),
)
for (let round = 0; round < 3; round++) {
  await sleep(SEARCH_LAG_MS + 1100)
  const summary = await engine.syncOnce()
  printErrors(`setup sync ${round + 1}`, summary)
}

// --- The phases ----------------------------------------------------------------------------------------------
// 1. Salesforce Opportunity creates, opportunity i on account i (linked to a company): deals with a primary
// company.
const opportunityIds = await createSalesforce(
  'Opportunity',
  range(N).map((i) => ({
    Name: `Bench Opportunity ${i}`,
    AccountId: accountIds[i],
    StageName: 'Prospecting',
    CloseDate: '2027-03-31',
    Amount: 1000 + i,
  })),
)
for (const id of opportunityIds) madeOpportunities.add(id)
// Capture: the Opportunities. Deal pass: no counterparts to read (the opportunities are unlinked, deals are
// never matched, B-DEAL-7); the companies of the accounts come from the store; deal upserts keyed by the
// opportunity id (100) and the primary company (v4 batch create 100). Contact roles: the new opportunities'
// roles (IN lists of ~480); the deals were created this cycle, with no contacts to read.
await phase(
  'SF opp creates',
  N,
  { Opportunity: N },
  {
    salesforce: { roleQueries: roleQueries(N) },
    hubspot: { dealUpserts: per(N, 100), dealPrimaryCompanies: per(N, 100) },
  },
)

// 2. Salesforce Opportunity updates: Amount and StageName (still open).
await updateSalesforce(
  'Opportunity',
  opportunityIds.map((Id, i) => ({ Id, Amount: 2000 + i, StageName: 'Qualification' })),
)
// Capture: the Opportunities; phase 1's deals come back, and so do the companies (a deal's primary company
// bumps the company's modification date, as a calculated count on it changes). Deal pass: the linked deals by id (batch read 100)
// with their primary company and contacts (v4 association batch reads 100 each); batch updates (100).
// Contact roles: the opportunities' roles (the deals' contacts were read above).
await phase(
  'SF opp updates',
  N,
  { Opportunity: N, deals: N, companies: N },
  {
    salesforce: { roleQueries: roleQueries(N) },
    hubspot: {
      dealReads: per(N, 100),
      dealCompanies: per(N, 100),
      dealContacts: per(N, 100),
      dealUpdates: per(N, 100),
    },
  },
)

// 3. HubSpot deal creates in the generated pipeline of the default record type.
const pipelines = await hs.crm.pipelines.pipelinesApi.getAll('deals')
const pipeline = pipelines.results.find((p) => p.label === 'Salesforce - New Business')
if (pipeline === undefined)
  throw new Error(`no generated pipeline: ${pipelines.results.map((p) => p.label).join(', ')}`)
const prospecting = pipeline.stages.find((s) => s.label === 'Prospecting')
if (prospecting === undefined) throw new Error('the generated pipeline has no Prospecting stage')
const newDeals: string[] = []
await inChunks(range(N), 100, async (chunk) => {
  const res = await hs.crm.deals.batchApi.create({
    inputs: chunk.map((i) => ({
      properties: {
        dealname: `Bench Deal ${i}`,
        pipeline: pipeline.id,
        dealstage: prospecting.id,
        closedate: '2027-04-30T12:00:00Z',
        amount: String(500 + i),
      },
      associations: [],
    })),
  })
  newDeals.push(...res.results.map((r) => r.id))
})
for (const id of newDeals) madeDeals.add(id)
// Capture: the deals (phase 2's updates of the other deals come back with them). Deal pass: the deals by id
// (batch read 100; capture returned them) with their primary company and contacts (v4 reads 100 each);
// Opportunity upserts (200), read back (retrieve 2000), salesforceopportunityid written back (batch update
// 100). Contact roles: the opportunities were created this cycle, with no roles to read; the deals' contacts
// were read above.
await phase(
  'HS deal creates',
  N,
  { deals: 2 * N },
  {
    salesforce: { opportunityUpserts: per(N, 200), readBack: per(N, 2000) },
    hubspot: {
      dealReads: per(N, 100),
      dealCompanies: per(N, 100),
      dealContacts: per(N, 100),
      linkWriteBack: per(N, 100),
    },
  },
)

// 4. HubSpot deal updates: phase 3's deals get a new amount.
// Every amount changes: deal i goes from 500 + i to 5000 + i.
await inChunks(range(N), 100, async (chunk) => {
  await hs.crm.deals.batchApi.update({
    inputs: chunk.map((i) => ({ id: newDeals[i]!, properties: { amount: String(5000 + i) } })),
  })
})
// Capture: the deals (phase 3's write-backs of the same deals), the Opportunities phase 3 created. Deal pass:
// the deals by id with primary company and contacts (3 x 100), the linked Opportunities (retrieve 2000;
// capture returned them), Collections updates (200). Contact roles: the opportunities' roles.
await phase(
  'HS deal updates',
  N,
  { deals: N, Opportunity: N },
  {
    salesforce: {
      opportunityRetrieve: per(N, 2000),
      opportunityUpdates: per(N, 200),
      roleQueries: roleQueries(N),
    },
    hubspot: { dealReads: per(N, 100), dealCompanies: per(N, 100), dealContacts: per(N, 100) },
  },
)

// 5. Contact roles in Salesforce: phase 1's opportunity i gets account i's Contact (linked to a HubSpot contact).
await createSalesforce(
  'OpportunityContactRole',
  range(N).map((i) => ({
    OpportunityId: opportunityIds[i],
    ContactId: contactIds[i],
    Role: 'Decision Maker',
  })),
)
// Capture: the contact roles (and phase 4's Opportunity updates coming back). Contact-role pass: the deals'
// contacts (v4 read 100) and the opportunities' roles (IN lists); deal-contact association creates (v4 100).
// Lifecycle (B-LCS-2): the opportunities' state (retrieve 2000), the contacts' lifecycle stage and primary
// company (one batch read 100), contact updates to opportunity (batch update 100); each moved contact's company
// follows (B-CMP-14): the companies' stage (batch read 100) and company updates (batch update 100).
await phase(
  'SF contact roles',
  N,
  { OpportunityContactRole: N, Opportunity: N },
  {
    salesforce: { roleQueries: roleQueries(N), opportunityStates: per(N, 2000) },
    hubspot: {
      dealContacts: per(N, 100),
      associationCreates: per(N, 100),
      contactStages: per(N, 100),
      lifecycleUpdates: per(N, 100),
      companyStages: per(N, 100),
      companyLifecycleUpdates: per(N, 100),
    },
  },
)
const lifecycleBehind = await lifecycleNotMoved(contactIds)

await bench.close()
const peakRss = bench.peakRss()

// --- Report ----------------------------------------------------------------------------------------------------
const { records: totalRecords, ms: totalMs, sum } = phaseTotals(phases)
const both = (p: Phase, key: 'calls' | 'minimum') => p[key].salesforce + p[key].hubspot
const mismatchCount = (m: Mismatches) => m.unlinked + m.amount + m.contacts + m.primaryCompany
console.log(
  `engine, deals (Contact mode, company sync, automatic lifecycle): ${N} records per phase, default batch size, HubSpot search lag ${SEARCH_LAG_MS} ms`,
)
console.log(
  'phase             writes  seconds  rec/s   SF calls/rec (min)    ratio  HS calls/rec (min)    ratio  both  errors  mismatches',
)
for (const p of phases)
  console.log(
    `${phaseColumns(p, 17)}  ${(both(p, 'calls') / both(p, 'minimum')).toFixed(2).padStart(4)}  ${String(p.errors).padStart(6)}  ${mismatchCount(p.mismatches)}`,
  )
for (const p of [warmUp, ...phases]) {
  const pad = ''.padEnd(p.name.length)
  for (const side of ['salesforce', 'hubspot'] as const) {
    const tag = side === 'salesforce' ? 'SF' : 'HS'
    console.log(
      `  ${p.name}: ${tag} ${p.calls[side]} calls (min ${p.minimum[side]}): ${formatCounts(p.endpoints[side])}`,
    )
    console.log(`  ${pad}     by method: ${formatCounts(p.methods[side])}`)
    console.log(`  ${pad}     minimum: ${formatCounts(p.minimumParts[side])}`)
  }
  console.log(`  ${pad}  mismatches: ${JSON.stringify(p.mismatches)}`)
}
const ratio = {
  salesforce: sum('salesforce', 'calls') / sum('salesforce', 'minimum'),
  hubspot: sum('hubspot', 'calls') / sum('hubspot', 'minimum'),
  overall:
    (sum('salesforce', 'calls') + sum('hubspot', 'calls')) /
    (sum('salesforce', 'minimum') + sum('hubspot', 'minimum')),
}
console.log(
  `all phases: SF ${fmt(sum('salesforce', 'calls') / totalRecords)} calls/record (${ratio.salesforce.toFixed(2)}x min), ` +
    `HS ${fmt(sum('hubspot', 'calls') / totalRecords)} calls/record (${ratio.hubspot.toFixed(2)}x min), ` +
    `both ${ratio.overall.toFixed(2)}x min; target <= 1.25x`,
)
console.log(
  `throughput ${Math.round((totalRecords / totalMs) * 1000)} records/s; warm-up SF ${warmUp.calls.salesforce}, HS ${warmUp.calls.hubspot} calls; ` +
    `contacts not moved to opportunity ${lifecycleBehind}; peak RSS ${Math.round(peakRss / 1048576)} MiB`,
)

writeResults('engine-deals.json', {
  recordsPerPhase: N,
  searchLagMs: SEARCH_LAG_MS,
  warmUp,
  phases,
  lifecycleNotMoved: lifecycleBehind,
  callsPerRecord: {
    salesforce: sum('salesforce', 'calls') / totalRecords,
    hubspot: sum('hubspot', 'calls') / totalRecords,
  },
  minimumPerRecord: {
    salesforce: sum('salesforce', 'minimum') / totalRecords,
    hubspot: sum('hubspot', 'minimum') / totalRecords,
  },
  ratioToMinimum: ratio,
  recordsPerSecond: (totalRecords / totalMs) * 1000,
  peakRssMiB: peakRss / 1048576,
})
process.exit(0)
