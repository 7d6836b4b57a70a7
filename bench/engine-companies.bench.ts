/**
 * Engine API efficiency for companies (not a test): `npm run bench -- engine-companies`.
 * Both sandboxes in-process, the real connectors over the official clients, SQLite in a temp file, the
 * engine as `crmsync sync --once` runs it, in Contact mode with `settings.companies.sync` on. Five bulk
 * phases of BENCH_ENGINE_COMPANIES records (default 2,000): SF->HS account creates, SF->HS account updates,
 * HS->SF company updates, HubSpot contacts each with its own new company as primary (contacts, accounts and
 * Contact.AccountId created: all three passes of design.md 3.4), and Salesforce Contacts moved to another
 * linked account (half of them; their HubSpot primary company follows). Each prints Salesforce and HubSpot
 * API calls per record next to the minimum with full batches under the three-pass design, and the ratio
 * (target <= 1.25x), and the calls per endpoint as the sandboxes counted them and per connector method.
 * After the last two phases every contact's Salesforce AccountId is checked against its HubSpot primary
 * company through the company links on both sides (mismatches are printed and must be 0). A warm-up sync
 * before the phases pays the once-per-process reads; an extra phase after them, outside the totals, measures
 * what company sync adds to ordinary contact updates. Peak RSS is sampled throughout.
 * Writes bench/results/engine-companies.json.
 */
import type { Side } from '@crmsync/core'
import { buildAccountContactsQuery, buildEmailQuery, soqlString } from '@crmsync/salesforce'

import { measureBacklogSync, type PhaseCost, printErrors } from './engine-bench-phase.js'
import { fmt, formatCounts, phaseColumns, phaseTotals, writeResults } from './engine-bench-report.js'
import { createBenchEngine, inChunks, SEARCH_LAG_MS, startEngineBench } from './engine-bench-setup.js'

const N = Number(process.env['BENCH_ENGINE_COMPANIES'] ?? 2000)

const bench = await startEngineBench({
  settings: {
    // Contact mode: a HubSpot contact becomes a Salesforce Contact, which can hold an AccountId.
    contacts: { createInSalesforceAs: 'contact' },
    companies: { sync: true },
  },
  // Every default mapping is on, for contacts and companies (DEFAULT_COMPANY_MAPPINGS, prefer-salesforce).
  mappings: { contact: [] },
})
const { store, hs, sf, sfConnector, hsConnector } = bench
/** Calls per connector method (the port the engine sees), for the phase being measured. */
let byMethod: Record<Side, Record<string, number>> = { salesforce: {}, hubspot: {} }
/**
 * The connector with each async method's calls counted under its name (the meter's delta across the call).
 * Calls the engine makes concurrently are counted under each of them (the owners' users and queues, in the
 * warm-up); the phases' methods add up to their calls.
 */
function metered<T extends object>(connector: T, side: Side, usage: () => number): T {
  return new Proxy(connector, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver)
      if (typeof value !== 'function') return value
      const method = value as (...a: unknown[]) => unknown
      return (...args: unknown[]): unknown => {
        const before = usage()
        // Called on the connector itself: its private fields are not reachable through the proxy.
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

/** Salesforce records through sObject Collections, 200 per call; returns their ids in order. */
async function createSalesforce(
  type: 'Account' | 'Contact',
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
  type: 'Account' | 'Contact',
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

/** HubSpot records of one object type by id (batch read, 100 per call): id -> properties. */
async function readHubSpot(
  objectType: 'contacts' | 'companies',
  ids: readonly string[],
  properties: string[],
): Promise<Map<string, Record<string, string | null>>> {
  const out = new Map<string, Record<string, string | null>>()
  await inChunks(ids, 100, async (chunk) => {
    const api = objectType === 'contacts' ? hs.crm.contacts.batchApi : hs.crm.companies.batchApi
    const res = await api.read({ inputs: chunk.map((id) => ({ id })), properties, propertiesWithHistory: [] })
    for (const r of res.results) out.set(r.id, r.properties)
  })
  return out
}

interface Phase extends PhaseCost {
  /** What the minimum is made of, per side. */
  readonly minimumParts: Record<Side, Record<string, number>>
  /** Calls per connector method (the engine's port), for this phase only. */
  readonly methods: Record<Side, Record<string, number>>
  /** Contacts whose Salesforce AccountId and HubSpot primary company disagree after the phase (checked phases). */
  readonly mismatches?: number
}
const phases: Phase[] = []

// --- The minimum, from batch sizes -------------------------------------------------------------------------
// A phase's minimum is what its records need with full batches, under the three-pass design (design.md 3.4):
// - capture: every stream polled once a cycle, reading the records modified since the last cycle: this
//   phase's changes and the previous phase's writes coming back as echoes (a polled capture cannot skip
//   our own writes). Salesforce: keyset pages on (SystemModstamp, Id) of 2000 rows, a pass ending on a
//   shorter page, so floor(rows / 2000) + 1 queryAll calls (1 when idle; Lead, Contact, Account).
//   HubSpot: a fresh pass is the frontier's instant by id plus the window after it, one search per 200
//   rows (search cannot sort by two keys), 2 when idle (contacts, companies);
// - every record the plan needs read by id once per cycle, at full batches (HubSpot batch read 100 and v4
//   association batch read 100, the size packages/hubspot uses; Salesforce composite retrieve 2000; SOQL IN
//   lists cut by URL length); a record read twice in one cycle counts once. Where capture already returned
//   a record, a phase can come in under the minimum;
// - writes at full batches (HubSpot batch update/upsert and v4 association create 100; Salesforce sObject
//   Collections 200), with the design's own costs: creates read back (one retrieve), link write-backs, and
//   a contact's AccountId written in pass 3 after pass 2 created its account.
// Not in it: the once-per-process reads (owners, describes, account info), paid by the warm-up.
const per = (n: number, size: number) => Math.ceil(n / size)
const sfCapture = (rows: number) => Math.floor(rows / 2000) + 1
const hsCapture = (rows: number) => 1 + Math.max(1, per(rows, 200))
interface CaptureRows {
  readonly Lead?: number
  readonly Contact?: number
  readonly Account?: number
  readonly contacts?: number
  readonly companies?: number
}
/**
 * Queries for values cut into IN lists by the encoded URL length, as packages/salesforce/src/soql.ts
 * (inListChunks, MAX_QUERY_URL_CHARS = 12,000) cuts them.
 */
function inListQueries(build: (values: readonly string[]) => string, values: readonly string[]): number {
  const MAX_QUERY_URL_CHARS = 12_000
  const base = encodeURIComponent(build([])).length
  let queries = 0
  let length = Number.POSITIVE_INFINITY
  for (const value of values) {
    const cost = encodeURIComponent(`${soqlString(value)}, `).length
    if (length + cost > MAX_QUERY_URL_CHARS) {
      queries++
      length = base
    }
    length += cost
  }
  return queries
}
const accountIdLike = (i: number) => `001${String(i).padStart(15, '0')}`
const accountListQueries = (n: number) =>
  inListQueries((ids) => buildAccountContactsQuery(ids, false), range(n).map(accountIdLike))

const total = (parts: Record<string, number>) => Object.values(parts).reduce((s, v) => s + v, 0)

/** One `sync --once` after the search lag, measured against the minimum for `rows` and `work`. */
async function measure(
  name: string,
  records: number,
  rows: CaptureRows,
  work: Record<Side, Record<string, number>>,
  check?: () => Promise<number>,
): Promise<Phase> {
  const minimumParts = {
    salesforce: {
      capture: sfCapture(rows.Lead ?? 0) + sfCapture(rows.Contact ?? 0) + sfCapture(rows.Account ?? 0),
      ...work.salesforce,
    },
    hubspot: { capture: hsCapture(rows.contacts ?? 0) + hsCapture(rows.companies ?? 0), ...work.hubspot },
  }
  byMethod = { salesforce: {}, hubspot: {} }
  const measured = await measureBacklogSync(bench, engine, ['contact', 'company', 'contact-company'])
  const mismatches = check === undefined ? undefined : await check()
  printErrors(name, measured.summary)
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
    ...(mismatches === undefined ? {} : { mismatches }),
  }
}
async function phase(...args: Parameters<typeof measure>): Promise<void> {
  phases.push(await measure(...args))
}

/**
 * Every contact's Salesforce AccountId and HubSpot primary company against the company it should have,
 * through the links as both CRMs hold them (salesforcecontactid on the contact, salesforceaccountid on the
 * company). Returns the mismatches, printing the first few.
 */
async function checkAccounts(expected: ReadonlyMap<string, string>, label: string): Promise<number> {
  const hsContacts = await readHubSpot(
    'contacts',
    [...expected.keys()],
    ['salesforcecontactid', 'associatedcompanyid'],
  )
  const companies = await readHubSpot('companies', [...new Set(expected.values())], ['salesforceaccountid'])
  const sfContacts = new Map<string, string | null>()
  for (const row of await soqlAll<{ Id: string; AccountId: string | null }>(
    'SELECT Id, AccountId FROM Contact',
  ))
    sfContacts.set(row.Id, row.AccountId)
  const wrong: string[] = []
  for (const [contactId, companyId] of expected) {
    const contact = hsContacts.get(contactId)
    const sfId = contact?.['salesforcecontactid'] ?? undefined
    const account = companies.get(companyId)?.['salesforceaccountid'] ?? undefined
    const accountId = sfId === undefined ? undefined : sfContacts.get(sfId)
    const primary = contact?.['associatedcompanyid'] ?? undefined
    if (sfId === undefined || account === undefined || accountId !== account || primary !== companyId)
      wrong.push(
        `contact ${contactId} (Salesforce ${sfId ?? '-'}): primary company ${primary ?? '-'}, expected ` +
          `${companyId} (account ${account ?? '-'}), Salesforce AccountId ${accountId ?? '-'}`,
      )
  }
  if (wrong.length > 0)
    console.error(`${label}: ${wrong.length} mismatches, e.g.\n  ${wrong.slice(0, 5).join('\n  ')}`)
  return wrong.length
}

// --- The phases ------------------------------------------------------------------------------------------------
await engine.syncOnce() // records the identity, starts the cursors, and company capture starts now (B-CMP-1)
// Warm-up: one account, so the once-per-process reads (owners, describes, account info, /updated) are
// paid here and the phases measure per-record costs. Reported on its own line, not in the phases.
await createSalesforce('Account', [{ Name: 'Bench warm-up' }])
const warmUp = await measure('warm-up', 1, { Account: 1 }, { salesforce: {}, hubspot: { upsert: 1 } })

// 1. SF->HS account creates: N Accounts with no contacts become companies.
const accountIds = await createSalesforce(
  'Account',
  range(N).map((i) => ({
    Name: `Bench Account ${i}`,
    Phone: `+47 2000 ${String(i).padStart(4, '0')}`,
    Industry: 'Banking',
  })),
)
// Salesforce: capture; the unlinked accounts' Contacts (matching through shared contacts, B-CMP-4:
// `AccountId IN (...)` lists cut by URL length, ~450 ids a query). HubSpot: company upserts keyed by the
// account id (100), which carry salesforceaccountid. No account has contacts: no primary-company read, no
// write back to Salesforce, nothing for pass 3.
await phase(
  'SF->HS acc creates',
  N,
  { Account: N, companies: 1 },
  {
    salesforce: { contactsOfAccounts: accountListQueries(N) },
    hubspot: { companyUpserts: per(N, 100) },
  },
)

// 2. SF->HS account updates: the Phone of each linked Account changed.
await updateSalesforce(
  'Account',
  accountIds.map((Id, i) => ({ Id, Phone: `+47 3000 ${String(i).padStart(4, '0')}` })),
)
// Salesforce: capture. HubSpot: capture (phase 1's upserts come back), the linked companies by id (batch
// read 100), batch updates (100).
await phase(
  'SF->HS acc updates',
  N,
  { Account: N, companies: N },
  { salesforce: {}, hubspot: { companyReads: per(N, 100), companyUpdates: per(N, 100) } },
)

// 3. HS->SF company updates: each linked company's description set (blank on the Account, so the default
// rule prefer-salesforce lets HubSpot fill it).
const companyOf = new Map<string, string>() // Account id -> HubSpot company id
for (const id of accountIds) {
  const link = await store.getLink('bench', 'company', 'salesforce', id)
  if (link?.state === 'active') companyOf.set(id, link.hubspotId)
}
if (companyOf.size !== N) console.error(`only ${companyOf.size} of ${N} accounts are linked to a company`)
await inChunks([...companyOf.values()], 100, async (chunk) => {
  await hs.crm.companies.batchApi.update({
    inputs: chunk.map((id) => ({ id, properties: { description: `Bench company ${id}` } })),
  })
})
// HubSpot: capture (the changes; phase 2's updates of the same companies come back with them). Salesforce:
// capture, the linked Accounts by POST retrieve (2000), Collections updates (200).
await phase(
  'HS->SF co updates',
  companyOf.size,
  { companies: N },
  { salesforce: { accountRetrieve: per(N, 2000), accountUpdates: per(N, 200) }, hubspot: {} },
)

// 4. HubSpot contacts each with its own new company as primary (Contact mode).
const newCompanies: string[] = []
await inChunks(range(N), 100, async (chunk) => {
  const res = await hs.crm.companies.batchApi.create({
    inputs: chunk.map((i) => ({
      properties: { name: `Bench Co ${i}`, domain: `co${i}.bench.test` },
      associations: [],
    })),
  })
  newCompanies.push(...res.results.map((r) => r.id))
})
const newContacts: string[] = []
await inChunks(range(N), 100, async (chunk) => {
  const res = await hs.crm.contacts.batchApi.create({
    inputs: chunk.map((i) => ({
      properties: { email: `c${i}@co${i}.bench.test`, firstname: 'Bench', lastname: `Contact ${i}` },
      associations: [],
    })),
  })
  newContacts.push(...res.results.map((r) => r.id))
})
// The v4 batch create of the Primary association (type 1, HUBSPOT_DEFINED): contact i -> company i.
await inChunks(range(N), 100, async (chunk) => {
  await hs.crm.associations.v4.batchApi.create('contacts', 'companies', {
    inputs: chunk.map((i) => ({
      _from: { id: newContacts[i]! },
      to: { id: newCompanies[i]! },
      types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 1 }],
    })),
  })
})
const primaryOf = new Map(newContacts.map((id, i) => [id, newCompanies[i]!]))
const emails = range(N).map((i) => `c${i}@co${i}.bench.test`)
const emailQueries = (type: 'Contact' | 'Lead') =>
  inListQueries((list) => buildEmailQuery(type, list), emails)
// Capture: HubSpot contacts and companies; Salesforce Accounts (phase 3's updates come back).
// Pass 1 (HS->SF contact creates, as Contacts): Salesforce dedup by email, Contacts then Leads (IN lists cut
// by URL length), Collections upserts (200), the created Contacts read back (retrieve 2000); HubSpot link
// write-back (batch update 100).
// Pass 2 (the N new companies, unlinked): HubSpot the companies by id (batch read 100) with their contacts
// (v4 association batch read 100); Salesforce their contacts' Contacts for AccountId (retrieve 2000),
// Account upserts (200), the created Accounts read back (retrieve 2000); HubSpot salesforceaccountid
// write-back (batch update 100).
// Pass 3 (the N contacts): HubSpot each contact's primary company (batch read 100); the Contacts'
// AccountId was read by pass 2 in this cycle; Collections AccountId updates (200). The contacts have no
// lifecycle stage, so no company's stage is needed (B-CMP-14) and none is written.
await phase(
  'HS contacts+cos',
  N,
  { Account: N, contacts: N, companies: N },
  {
    salesforce: {
      p1Dedup: emailQueries('Contact') + emailQueries('Lead'),
      p1ContactUpserts: per(N, 200),
      p1ReadBack: per(N, 2000),
      p2ContactAccountIds: per(N, 2000),
      p2AccountUpserts: per(N, 200),
      p2ReadBack: per(N, 2000),
      p3SetAccountId: per(N, 200),
    },
    hubspot: {
      p1LinkWriteBack: per(N, 100),
      p2CompanyReads: per(N, 100),
      p2CompanyContacts: per(N, 100),
      p2LinkWriteBack: per(N, 100),
      p3PrimaryCompanies: per(N, 100),
    },
  },
  () => checkAccounts(primaryOf, 'HS contacts+cos'),
)

// 5. Salesforce Contacts moved to another linked account: the first N/2 of phase 4's Contacts each to one of
// phase 1's accounts; their HubSpot contacts' primary company follows.
const moved = Math.floor(N / 2)
const sfContactOf = await readHubSpot('contacts', newContacts, ['salesforcecontactid'])
const expected = new Map(primaryOf)
const moves: { Id: string; AccountId: string }[] = []
for (let i = 0; i < moved; i++) {
  const sfId = sfContactOf.get(newContacts[i]!)?.['salesforcecontactid']
  const company = companyOf.get(accountIds[i]!)
  if (typeof sfId !== 'string' || company === undefined) continue
  moves.push({ Id: sfId, AccountId: accountIds[i]! })
  expected.set(newContacts[i]!, company)
}
await updateSalesforce('Contact', moves)
// Capture: Salesforce Contacts (the moves, and phase 4's creates and AccountId updates coming back) and
// Accounts (phase 4's creates); HubSpot contacts and companies (phase 4's write-backs).
// Pass 1: the moved Contacts' mapped fields are an echo, nothing to write. Pass 3: the Contacts' AccountId
// by id (retrieve 2000), each contact's primary company (batch read 100), the new primary companies (v4
// batch create 100). No lifecycle stage, so no company stage is needed.
await phase(
  'SF contact moves',
  moves.length,
  { Contact: N, Account: N, contacts: N, companies: N },
  {
    salesforce: { p3ContactAccountIds: per(moves.length, 2000) },
    hubspot: { p3PrimaryCompanies: per(moves.length, 100), p3SetPrimary: per(moves.length, 100) },
  },
  () => checkAccounts(expected, 'SF contact moves'),
)

// Not one of the five phases (reported on its own, not in the totals): what company sync adds to an
// ordinary contact update. Each of phase 4's contacts gets a new job title in HubSpot; no company moves.
// The minimum is the contact pass's own, as engine-contacts measures it: capture (the contacts; phase 5's
// association writes come back on up to N companies), the linked Contacts by POST retrieve (2000) and
// Collections updates (200). Pass 3 has nothing to do for a contact whose company did not move.
await inChunks(newContacts, 100, async (chunk) => {
  await hs.crm.contacts.batchApi.update({
    inputs: chunk.map((id) => ({ id, properties: { jobtitle: `Title ${id}` } })),
  })
})
const contactUpdates = await measure(
  'HS contact updates',
  newContacts.length,
  { contacts: N, companies: N },
  { salesforce: { contactRetrieve: per(N, 2000), contactUpdates: per(N, 200) }, hubspot: {} },
)

await bench.close()
const peakRss = bench.peakRss()

// --- Report ----------------------------------------------------------------------------------------------------
const { records: totalRecords, ms: totalMs, sum } = phaseTotals(phases)
const both = (p: Phase, key: 'calls' | 'minimum') => p[key].salesforce + p[key].hubspot
console.log(
  `engine, companies (Contact mode): ${N} records per phase (phase 5 moves ${moves.length}), default batch size, HubSpot search lag ${SEARCH_LAG_MS} ms`,
)
console.log(
  'phase               writes  seconds  rec/s   SF calls/rec (min)    ratio  HS calls/rec (min)    ratio  both  errors',
)
for (const p of phases)
  console.log(
    `${phaseColumns(p, 19)}  ${(both(p, 'calls') / both(p, 'minimum')).toFixed(2).padStart(4)}  ${p.errors}`,
  )
for (const p of [warmUp, ...phases, contactUpdates]) {
  const pad = ''.padEnd(p.name.length)
  for (const side of ['salesforce', 'hubspot'] as const) {
    const tag = side === 'salesforce' ? 'SF' : 'HS'
    console.log(
      `  ${p.name}: ${tag} ${p.calls[side]} calls (min ${p.minimum[side]}): ${formatCounts(p.endpoints[side])}`,
    )
    console.log(`  ${pad}     by method: ${formatCounts(p.methods[side])}`)
    console.log(`  ${pad}     minimum: ${formatCounts(p.minimumParts[side])}`)
  }
  if (p.mismatches !== undefined)
    console.log(`  ${pad}  AccountId / primary company mismatches: ${p.mismatches}`)
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
const extra = (side: Side) =>
  `${contactUpdates.calls[side]} (min ${contactUpdates.minimum[side]}, ${(contactUpdates.calls[side] / contactUpdates.minimum[side]).toFixed(2)}x)`
console.log(
  `not in the totals: HS contact updates with company sync on, ${contactUpdates.records} contacts, ${(contactUpdates.ms / 1000).toFixed(1)} s: SF calls ${extra('salesforce')}, HS calls ${extra('hubspot')}`,
)
console.log(
  `throughput ${Math.round((totalRecords / totalMs) * 1000)} records/s; warm-up SF ${warmUp.calls.salesforce}, HS ${warmUp.calls.hubspot} calls; peak RSS ${Math.round(peakRss / 1048576)} MiB`,
)

writeResults('engine-companies.json', {
  recordsPerPhase: N,
  searchLagMs: SEARCH_LAG_MS,
  warmUp,
  phases,
  contactUpdatesWithCompanySync: contactUpdates,
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
