/**
 * Engine API efficiency for contacts (not a test): `npm run bench -- engine-contacts`.
 * Both sandboxes in-process, the real connectors over the official clients, SQLite in a temp file, the
 * engine as `crmsync sync --once` runs it. Four bulk phases of BENCH_ENGINE_CONTACTS changed contacts
 * (default 10,000): HS->SF creates, HS->SF updates, SF->HS creates, SF->HS updates. Each prints Salesforce
 * and HubSpot API calls per synced contact next to the minimum with full batches, and the ratio (target
 * <= 1.25x), and the calls per endpoint as the sandboxes counted them. The minimum assumes every record is
 * read by id; where capture already returned a record (capture doubles as the batch read), a phase can come
 * in under it. Then, after one sync drains the bulk phases' echoes, a latency phase: the engine polling every
 * second while contacts are created on both sides, change-to-link latency p50/p95, overall and by the side
 * the contact was created on. Peak RSS is sampled throughout.
 * Writes bench/results/engine-contacts.json.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { parseConfig, type Side } from '@crmsync/core'
import { createEngine, startInProcessRuntime, type SyncSummary } from '@crmsync/engine'
import { createHubSpotConnector } from '@crmsync/hubspot'
import { connectSalesforce, createSalesforceConnector } from '@crmsync/salesforce'
import { createStateStore } from '@crmsync/store'
import { Client } from '@hubspot/api-client'
import { startHubSpotSandbox } from 'hubspot-sandbox'
import { startSalesforceSandbox } from 'salesforce-sandbox'

for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy'])
  delete process.env[name]

const N = Number(process.env['BENCH_ENGINE_CONTACTS'] ?? 10_000)
const LATENCY_RECORDS = Number(process.env['BENCH_ENGINE_LATENCY_RECORDS'] ?? 200)
const SEARCH_LAG_MS = 5000 // the HubSpot connector's default
const here = dirname(fileURLToPath(import.meta.url))
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

let peakRss = process.memoryUsage().rss
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100)

const salesforce = await startSalesforceSandbox({})
// Unlimited: this measures calls per contact, and the setup client below does not retry a 429.
const hubspot = await startHubSpotSandbox({ rateLimits: { tier: 'unlimited' } })
const dir = mkdtempSync(join(tmpdir(), 'crmsync-bench-'))
const parsed = parseConfig({
  id: 'bench',
  salesforce: {
    instanceUrl: salesforce.instanceUrl,
    accessToken: salesforce.accessToken,
    apiCallAllocation: 10_000_000,
  },
  hubspot: { accessToken: hubspot.accessToken, basePath: hubspot.basePath },
  store: `sqlite:${join(dir, 'state.db')}`,
  // Every default mapping is on (numemployees goes through the range transform).
  mappings: {
    contact: [],
  },
})
if (!parsed.ok) throw new Error(`bad bench config: ${JSON.stringify(parsed.issues)}`)
const connection = parsed.config.connections[0]!
const jsforce = await connectSalesforce({
  kind: 'access-token',
  instanceUrl: salesforce.instanceUrl,
  accessToken: salesforce.accessToken,
})
const store = createStateStore(connection.store.url)
await store.migrate()
const sfConnector = createSalesforceConnector({ connection: jsforce })
const hsConnector = createHubSpotConnector({
  accessToken: hubspot.accessToken,
  basePath: hubspot.basePath,
  searchLagMs: SEARCH_LAG_MS,
})
const engine = createEngine({
  store,
  salesforce: sfConnector,
  hubspot: hsConnector,
  clock: { now: () => Date.now() },
  logger: {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (f, m) => console.error(m, f),
  },
  connection,
})
// Setup writes go through their own clients, so the engine's meters count only the engine's calls.
const hs = new Client({
  accessToken: hubspot.accessToken,
  basePath: hubspot.basePath,
  numberOfApiCallRetries: 0,
})
const sf = await connectSalesforce({
  kind: 'access-token',
  instanceUrl: salesforce.instanceUrl,
  accessToken: salesforce.accessToken,
})

const calls = (): Record<Side, number> => ({
  salesforce: sfConnector.apiUsage().calls,
  hubspot: hsConnector.apiUsage().calls,
})

async function inChunks<T>(
  items: readonly T[],
  size: number,
  fn: (chunk: T[]) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size))
}

async function createHubSpot(count: number, tag: string): Promise<string[]> {
  const ids: string[] = []
  await inChunks([...Array(count).keys()], 100, async (chunk) => {
    const res = await hs.crm.contacts.batchApi.create({
      inputs: chunk.map((i) => ({
        properties: {
          email: `${tag}${i}@bench.test`,
          firstname: 'Bench',
          lastname: `${tag}${i}`,
          company: 'Bench',
        },
        associations: [],
      })),
    })
    ids.push(...res.results.map((r) => r.id))
  })
  return ids
}

async function createSalesforce(count: number, tag: string): Promise<string[]> {
  const ids: string[] = []
  await inChunks([...Array(count).keys()], 200, async (chunk) => {
    const res = await sf.sobject('Lead').create(
      chunk.map((i) => ({ LastName: `${tag}${i}`, Company: 'Bench', Email: `${tag}${i}@bench.test` })),
      { allOrNone: false },
    )
    for (const r of res) if (r.success) ids.push(r.id)
  })
  return ids
}

interface Phase {
  readonly name: string
  readonly records: number
  /** Records written on either side (a create plus its link write-back counts twice). */
  readonly synced: number
  readonly ms: number
  readonly calls: Record<Side, number>
  readonly minimum: Record<Side, number>
  readonly errors: number
  /** Calls per endpoint as each sandbox counted them, for this phase only. */
  readonly endpoints: Record<Side, Record<string, number>>
}
const phases: Phase[] = []

type Counters = Record<string, number>
/** Calls per endpoint so far, from each sandbox's admin counters (not themselves counted as API calls). */
async function sandboxCounters(): Promise<Record<Side, Counters>> {
  const read = async (app: typeof salesforce.app): Promise<Counters> => {
    const body = (await app.inject({ method: 'GET', url: '/__sandbox/counters' })).json<{
      endpoints: Record<string, number | { calls: number }>
    }>()
    return Object.fromEntries(
      Object.entries(body.endpoints).map(([k, v]) => [k, typeof v === 'number' ? v : v.calls]),
    )
  }
  return { salesforce: await read(salesforce.app), hubspot: await read(hubspot.app) }
}
function counterDelta(after: Counters, before: Counters): Counters {
  const out: Counters = {}
  for (const [k, v] of Object.entries(after)) if (v - (before[k] ?? 0) > 0) out[k] = v - (before[k] ?? 0)
  return out
}

function synced(summary: SyncSummary): number {
  let n = 0
  for (const side of ['hubspot', 'salesforce'] as const) {
    const c = summary.objects.contact?.[side]
    if (c !== undefined) n += c.created + c.updated + c.linked
  }
  return n
}

async function phase(name: string, records: number, minimum: Record<Side, number>): Promise<void> {
  // A bulk phase syncs a backlog: changes older than HubSpot's search lag, which capture reads once. Changes
  // younger than the lag are read as soon as search shows them and once more by a settle pass; that cost
  // is measured in steady state, by the latency phase below.
  await sleep(SEARCH_LAG_MS + 1100)
  const countersBefore = await sandboxCounters()
  const before = calls()
  const started = performance.now()
  const summary = await engine.syncOnce()
  const ms = performance.now() - started
  const after = calls()
  const countersAfter = await sandboxCounters()
  phases.push({
    name,
    records,
    synced: synced(summary),
    ms,
    calls: { salesforce: after.salesforce - before.salesforce, hubspot: after.hubspot - before.hubspot },
    minimum,
    errors: summary.errors.length,
    endpoints: {
      salesforce: counterDelta(countersAfter.salesforce, countersBefore.salesforce),
      hubspot: counterDelta(countersAfter.hubspot, countersBefore.hubspot),
    },
  })
  if (summary.errors.length > 0)
    console.error(`${name}: ${summary.errors.length} errors, first: ${JSON.stringify(summary.errors[0])}`)
}

const c = (per: number) => Math.ceil(N / per)
await engine.syncOnce() // records the identity and starts the cursors (B-INST-6)

const hsIds = await createHubSpot(N, 'hs')
// Minimum: HubSpot capture search pages (200) and the link-property write-back (100); Salesforce dedup
// by email (one SOQL per 200) and Collections upserts (200).
await phase('HS->SF creates', N, { salesforce: c(200) * 2, hubspot: c(200) + c(100) })

await inChunks(hsIds, 100, async (chunk) => {
  await hs.crm.contacts.batchApi.update({
    inputs: chunk.map((id) => ({ id, properties: { jobtitle: `Title ${id}` } })),
  })
})
// Minimum: capture pages (200); Salesforce counterparts by POST retrieve (2000) and Collections updates (200).
await phase('HS->SF updates', N, { salesforce: c(2000) + c(200), hubspot: c(200) })

const sfIds = await createSalesforce(N, 'sf')
// Minimum: Salesforce capture (2000 rows a query); HubSpot dedup by email (batch read 100) and upserts (100).
await phase('SF->HS creates', N, { salesforce: c(2000), hubspot: c(100) * 2 })

await inChunks(sfIds, 200, async (chunk) => {
  await sf.sobject('Lead').update(
    chunk.map((Id) => ({ Id, Title: `T${Id}` })),
    { allOrNone: false },
  )
})
// Minimum: Salesforce capture (2000); HubSpot counterparts (batch read 100) and batch updates (100).
await phase('SF->HS updates', N, { salesforce: c(2000), hubspot: c(100) * 2 })

// Latency: the engine polling every second while contacts are created on both sides. The echoes of the
// bulk phases are drained first, so this measures steady state, not the backlog of 10,000-record bursts.
await sleep(SEARCH_LAG_MS + 1100)
await engine.syncOnce()
const latencies: number[] = []
const latencyBySide: Record<Side, number[]> = { hubspot: [], salesforce: [] }
const pending = new Map<string, { side: Side; at: number }>()
const latencyStarted = Date.now()
const latencyCallsBefore = calls()
let latencyCycles = 0
const loop = startInProcessRuntime({
  engine,
  pollSeconds: 1,
  onCycle: (s) =>
    ++latencyCycles > 0 &&
    process.env['BENCH_DEBUG'] &&
    console.error(
      `+${Date.now() - latencyStarted} ms, cycle ${s.finishedAt - s.startedAt} ms, pending ${[...pending.values()].map((c) => c.side[0]).join('')}`,
      JSON.stringify(s.objects),
      s.errors.length,
    ),
  logger: {
    debug: () => undefined,
    info: () => undefined,
    warn: (f, m) => console.error(m, f),
    error: (f, m) => console.error(m, f),
  },
})
const running = loop.run()
let creating = true
// Links are looked for every 100 ms while contacts are still being created, not only afterwards.
const detector = (async () => {
  while ((creating || pending.size > 0) && Date.now() - latencyStarted < 60_000) {
    for (const [id, change] of pending) {
      if ((await store.getLink('bench', 'contact', change.side, id)) === undefined) continue
      latencies.push(Date.now() - change.at)
      latencyBySide[change.side].push(Date.now() - change.at)
      pending.delete(id)
    }
    await sleep(100)
  }
})()
for (let i = 0; i < LATENCY_RECORDS / 20; i++) {
  for (const id of await createHubSpot(10, `lat${i}h`)) pending.set(id, { side: 'hubspot', at: Date.now() })
  for (const id of await createSalesforce(10, `lat${i}s`))
    pending.set(id, { side: 'salesforce', at: Date.now() })
  await sleep(500)
}
creating = false
console.error(`latency phase: ${LATENCY_RECORDS} changes made`)
await detector
// The HubSpot settle pass re-reads what fresh passes read while it was younger than the search lag, once the
// lag and the settle span (10 s) have passed: keep polling that long so its calls are counted too.
await sleep(SEARCH_LAG_MS + 10_000 + 2000)
await loop.stop()
const latencyCalls = {
  salesforce: calls().salesforce - latencyCallsBefore.salesforce,
  hubspot: calls().hubspot - latencyCallsBefore.hubspot,
}
// With BENCH_DEBUG: what the Salesforce capture missed, to tell a capture gap from a slow cycle.
if (process.env['BENCH_DEBUG'] && pending.size > 0) {
  const sfIds = [...pending].filter(([, c]) => c.side === 'salesforce').map(([id]) => `'${id}'`)
  if (sfIds.length > 0) {
    const rows = await sf.query<{ Id: string; SystemModstamp: string }>(
      `SELECT Id, SystemModstamp FROM Lead WHERE Id IN (${sfIds.join(',')})`,
    )
    const missed = rows.records.map((r): [string, string] => [r.Id, r.SystemModstamp])
    console.error('not linked (Salesforce):', JSON.stringify(missed))
  }
  console.error('Lead capture cursor:', (await store.getCursor('bench', 'salesforce', 'Lead'))?.value)
  console.error('inbox rows:', await store.countInbox('bench'))
}
await running
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}
const pct = (p: number) => percentile(latencies, p)

clearInterval(sampler)
await store.close()
await Promise.all([salesforce.close(), hubspot.close()])

const totalRecords = phases.reduce((s, p) => s + p.records, 0)
const totalMs = phases.reduce((s, p) => s + p.ms, 0)
const sum = (side: Side, key: 'calls' | 'minimum') => phases.reduce((s, p) => s + p[key][side], 0)
const fmt = (n: number, d = 4) => n.toFixed(d)
console.log(
  `engine, contacts: ${N} changed contacts per phase, default batch size, HubSpot search lag ${SEARCH_LAG_MS} ms`,
)
console.log(
  'phase            writes  seconds  rec/s   SF calls/rec (min)    ratio  HS calls/rec (min)    ratio  errors',
)
for (const p of phases) {
  const sfPer = p.calls.salesforce / p.records
  const hsPer = p.calls.hubspot / p.records
  console.log(
    `${p.name.padEnd(16)} ${String(p.synced).padStart(6)}  ${(p.ms / 1000).toFixed(1).padStart(7)}  ${String(Math.round((p.records / p.ms) * 1000)).padStart(5)}   ` +
      `${fmt(sfPer)} (${fmt(p.minimum.salesforce / p.records)})  ${(p.calls.salesforce / p.minimum.salesforce).toFixed(2).padStart(5)}  ` +
      `${fmt(hsPer)} (${fmt(p.minimum.hubspot / p.records)})  ${(p.calls.hubspot / p.minimum.hubspot).toFixed(2).padStart(5)}  ${p.errors}`,
  )
}
for (const p of phases) {
  const list = (side: Side) =>
    Object.entries(p.endpoints[side])
      .sort((a, b) => b[1] - a[1])
      .map(
        ([k, v]) =>
          `${v} ${k.replace('/services/data/:version', '').replace(/^(\w+) \/crm\/v3\/objects/, '$1 ')}`,
      )
      .join(', ')
  console.log(`  ${p.name}: SF ${list('salesforce')}`)
  console.log(`  ${''.padEnd(p.name.length)}  HS ${list('hubspot')}`)
}
const ratio = {
  salesforce: sum('salesforce', 'calls') / sum('salesforce', 'minimum'),
  hubspot: sum('hubspot', 'calls') / sum('hubspot', 'minimum'),
}
console.log(
  `all phases: SF ${fmt(sum('salesforce', 'calls') / (4 * N))} calls/contact (${ratio.salesforce.toFixed(2)}x min), HS ${fmt(sum('hubspot', 'calls') / (4 * N))} calls/contact (${ratio.hubspot.toFixed(2)}x min); target <= 1.25x`,
)
console.log(
  `throughput ${Math.round((totalRecords / totalMs) * 1000)} records/s; latency p50 ${pct(50)} ms, p95 ${pct(95)} ms over ${latencies.length} contacts (${pending.size} not linked within 60 s) (poll 1 s; created in HubSpot p50 ${percentile(latencyBySide.hubspot, 50)} ms; in Salesforce p50 ${percentile(latencyBySide.salesforce, 50)} ms); peak RSS ${Math.round(peakRss / 1048576)} MiB`,
)
// Steady state: every cycle's capture (2 calls a side when idle) plus the changes' reads, writes and the
// HubSpot settle re-reads, over the contacts linked.
const steady = (side: Side) =>
  `${latencyCalls[side]} (${(latencyCalls[side] / Math.max(1, latencies.length)).toFixed(2)}/contact, idle floor ${2 * latencyCycles})`
console.log(
  `latency phase: ${latencyCycles} cycles, SF calls ${steady('salesforce')}, HS calls ${steady('hubspot')}`,
)

mkdirSync(join(here, 'results'), { recursive: true })
writeFileSync(
  join(here, 'results', 'engine-contacts.json'),
  `${JSON.stringify(
    {
      contactsPerPhase: N,
      searchLagMs: SEARCH_LAG_MS,
      phases,
      callsPerContact: {
        salesforce: sum('salesforce', 'calls') / (4 * N),
        hubspot: sum('hubspot', 'calls') / (4 * N),
      },
      minimumPerContact: {
        salesforce: sum('salesforce', 'minimum') / (4 * N),
        hubspot: sum('hubspot', 'minimum') / (4 * N),
      },
      ratioToMinimum: ratio,
      recordsPerSecond: (totalRecords / totalMs) * 1000,
      latencyMs: {
        p50: pct(50),
        p95: pct(95),
        samples: latencies.length,
        unsynced: pending.size,
        unsyncedBySide: {
          hubspot: [...pending.values()].filter((c) => c.side === 'hubspot').length,
          salesforce: [...pending.values()].filter((c) => c.side === 'salesforce').length,
        },
        createdInHubSpot: {
          p50: percentile(latencyBySide.hubspot, 50),
          p95: percentile(latencyBySide.hubspot, 95),
        },
        createdInSalesforce: {
          p50: percentile(latencyBySide.salesforce, 50),
          p95: percentile(latencyBySide.salesforce, 95),
        },
      },
      latencyPhaseCalls: { cycles: latencyCycles, ...latencyCalls },
      peakRssMiB: peakRss / 1048576,
    },
    null,
    2,
  )}\n`,
)
process.exit(0)
