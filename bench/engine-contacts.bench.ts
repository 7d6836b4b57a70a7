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
import type { Side } from '@crmsync/core'
import { startInProcessRuntime } from '@crmsync/engine'

import { measureBacklogSync, type PhaseCost, printErrors } from './engine-bench-phase.js'
import { fmt, formatCounts, phaseColumns, phaseTotals, writeResults } from './engine-bench-report.js'
import { createBenchEngine, inChunks, SEARCH_LAG_MS, sleep, startEngineBench } from './engine-bench-setup.js'

const N = Number(process.env['BENCH_ENGINE_CONTACTS'] ?? 10_000)
const LATENCY_RECORDS = Number(process.env['BENCH_ENGINE_LATENCY_RECORDS'] ?? 200)

const bench = await startEngineBench({
  // Every default mapping is on (numemployees goes through the range transform).
  mappings: {
    contact: [],
  },
})
const { store, hs, sf, calls } = bench
const engine = createBenchEngine(bench)

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

const phases: PhaseCost[] = []

async function phase(name: string, records: number, minimum: Record<Side, number>): Promise<void> {
  // Changes younger than the search lag are read as soon as search shows them and once more by a settle
  // pass; that cost is measured in steady state, by the latency phase below.
  const measured = await measureBacklogSync(bench, engine, ['contact'])
  phases.push({
    name,
    records,
    synced: measured.synced,
    ms: measured.ms,
    calls: measured.calls,
    minimum,
    errors: measured.errors,
    endpoints: measured.endpoints,
  })
  printErrors(name, measured.summary)
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

await bench.close()
const peakRss = bench.peakRss()

const { records: totalRecords, ms: totalMs, sum } = phaseTotals(phases)
console.log(
  `engine, contacts: ${N} changed contacts per phase, default batch size, HubSpot search lag ${SEARCH_LAG_MS} ms`,
)
console.log(
  'phase            writes  seconds  rec/s   SF calls/rec (min)    ratio  HS calls/rec (min)    ratio  errors',
)
for (const p of phases) console.log(`${phaseColumns(p, 16)}  ${p.errors}`)
for (const p of phases) {
  console.log(`  ${p.name}: SF ${formatCounts(p.endpoints.salesforce)}`)
  console.log(`  ${''.padEnd(p.name.length)}  HS ${formatCounts(p.endpoints.hubspot)}`)
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

writeResults('engine-contacts.json', {
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
})
process.exit(0)
