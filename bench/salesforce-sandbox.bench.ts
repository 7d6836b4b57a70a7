// Salesforce sandbox throughput: indexed look-ups over 1,000,000 records in process, then collection writes
// and query rows per second through jsforce over HTTP. A plain script, not a test:
//   node --import tsx bench/salesforce-sandbox.bench.ts [--records N]
// Prints a table and writes bench/results/salesforce-sandbox.json.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { build, defaultAccessToken, runQuery, sandboxStates, seedRecords } from 'salesforce-sandbox'

for (const key of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy']) {
  // jsforce proxies even localhost when these are set; clear them before it is imported.
  Reflect.deleteProperty(process.env, key)
}

const { values } = parseArgs({ options: { records: { type: 'string', default: '1000000' } } })
const RECORDS = Number(values.records)

interface Row {
  name: string
  value: number
  unit: string
  note: string
}
const results: Row[] = []
const record = (name: string, value: number, unit: string, note = ''): void => {
  results.push({ name, value: Math.round(value * 100) / 100, unit, note })
}

const app = await build({ seed: 'none' })
const { org } = sandboxStates.get(app)!
const lead = org.table('Lead')!

let t0 = performance.now()
seedRecords(org, { kind: 'large', leads: RECORDS, seed: 1, externalIds: true })
const loadMs = performance.now() - t0
record(
  'load leads (in process, indexed)',
  RECORDS / (loadMs / 1000),
  'records/s',
  `${RECORDS} leads in ${(loadMs / 1000).toFixed(1)} s`,
)
record('heap after load', process.memoryUsage().heapUsed / 2 ** 20, 'MiB')

const rows = [...lead.rows()]
const pick = (i: number): Record<string, unknown> => rows[(i * 7919) % rows.length]!
const quote = (v: unknown): string => `'${String(v)}'`

function lookup(name: string, iterations: number, soql: (i: number) => string): void {
  let examined = 0
  let found = 0
  const start = performance.now()
  for (let i = 0; i < iterations; i++) {
    const outcome = runQuery(org, soql(i), { all: false, version: 'v59.0' })
    examined += outcome.examined
    found += outcome.rows.length
  }
  const micros = ((performance.now() - start) * 1000) / iterations
  record(
    name,
    micros,
    'µs/query',
    `rows examined/query ${(examined / iterations).toFixed(1)}, found ${(found / iterations).toFixed(1)}`,
  )
}

const ids = (i: number, n: number, field: string): string =>
  Array.from({ length: n }, (_, k) => quote(pick(i * n + k)[field])).join(',')
lookup('Id =', 2000, (i) => `SELECT Id, Email FROM Lead WHERE Id = ${quote(pick(i)['Id'])}`)
lookup('Id IN (100)', 200, (i) => `SELECT Id, Email FROM Lead WHERE Id IN (${ids(i, 100, 'Id')})`)
lookup(
  'Email =',
  2000,
  (i) =>
    `SELECT Id FROM Lead WHERE Email = ${quote(String(pick(i)['Email']).toUpperCase())} AND IsConverted = false`,
)
lookup('Email IN (100)', 200, (i) => `SELECT Id, Email FROM Lead WHERE Email IN (${ids(i, 100, 'Email')})`)
lookup(
  'HubSpot_Id__c =',
  2000,
  (i) => `SELECT Id FROM Lead WHERE HubSpot_Id__c = ${quote(pick(i)['HubSpot_Id__c'])}`,
)
lookup(
  'HubSpot_Id__c IN (100)',
  200,
  (i) => `SELECT Id FROM Lead WHERE HubSpot_Id__c IN (${ids(i, 100, 'HubSpot_Id__c')})`,
)
lookup('SystemModstamp > x ORDER BY SystemModstamp LIMIT 2000', 200, (i) => {
  const stamp = new Date(Number(pick(i)['SystemModstamp'])).toISOString()
  return `SELECT Id, SystemModstamp FROM Lead WHERE SystemModstamp > ${stamp} ORDER BY SystemModstamp, Id LIMIT 2000`
})

await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
const instanceUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
const { Connection } = (await import('jsforce')).default
const conn = new Connection({ instanceUrl, accessToken: defaultAccessToken(app), version: '59.0' })

// Collection writes: 200-record creates, four calls in flight, as an engine with a small pool would send.
const CALLS = 100
t0 = performance.now()
let written = 0
for (let batch = 0; batch < CALLS; batch += 4) {
  const calls = Array.from({ length: 4 }, (_, c) =>
    conn.sobject('Lead').create(
      Array.from({ length: 200 }, (_, k) => ({
        LastName: `Bench${batch}-${c}-${k}`,
        Company: 'Bench Co',
        Email: `bench.${batch}.${c}.${k}@bench.example`,
      })),
      { allOrNone: false },
    ),
  )
  for (const result of await Promise.all(calls)) written += result.filter((r) => r.success).length
}
let seconds = (performance.now() - t0) / 1000
record(
  'collection create over HTTP (200/call)',
  written / seconds,
  'records/s',
  `${CALLS} calls, ${(CALLS / seconds).toFixed(1)} calls/s`,
)

const created = await conn.query<{ Id: string }>("SELECT Id FROM Lead WHERE Company = 'Bench Co'", {
  autoFetch: true,
  maxFetch: 100_000,
})
t0 = performance.now()
let updated = 0
for (let i = 0; i < created.records.length; i += 800) {
  const calls = [0, 200, 400, 600].map((offset) => {
    const slice = created.records
      .slice(i + offset, i + offset + 200)
      .map((r) => ({ Id: r.Id, Title: 'Updated' }))
    return slice.length ? conn.sobject('Lead').update(slice, { allOrNone: false }) : Promise.resolve([])
  })
  for (const result of await Promise.all(calls)) updated += result.filter((r) => r.success).length
}
seconds = (performance.now() - t0) / 1000
record('collection update over HTTP (200/call)', updated / seconds, 'records/s')

// Query rows: page through 200,000 rows of an incremental read, 2000 rows per page.
const PAGE_ROWS = 200_000
t0 = performance.now()
let page = await conn.query<Record<string, unknown>>(
  'SELECT Id, FirstName, LastName, Email, Company, Status, OwnerId, SystemModstamp FROM Lead WHERE SystemModstamp > 2000-01-01T00:00:00Z ORDER BY SystemModstamp, Id',
)
let fetched = page.records.length
while (!page.done && fetched < PAGE_ROWS) {
  page = await conn.queryMore(page.nextRecordsUrl!)
  fetched += page.records.length
}
seconds = (performance.now() - t0) / 1000
record(
  'query rows over HTTP (2000/page)',
  fetched / seconds,
  'rows/s',
  `${fetched} rows, first page includes the sort of ${RECORDS} rows`,
)

t0 = performance.now()
let lookups = 0
for (let i = 0; i < 200; i++) {
  const r = await conn.query(`SELECT Id, Email FROM Lead WHERE Email IN (${ids(i, 100, 'Email')})`)
  lookups += r.totalSize
}
seconds = (performance.now() - t0) / 1000
record('dedup look-ups over HTTP (100 emails/query)', 200 / seconds, 'queries/s', `${lookups} rows found`)

await app.close()

const width = Math.max(...results.map((r) => r.name.length))
console.log(`Salesforce sandbox benchmark (${RECORDS.toLocaleString('en')} leads, Node ${process.version})`)
for (const r of results)
  console.log(`${r.name.padEnd(width)}  ${String(r.value).padStart(12)} ${r.unit.padEnd(10)} ${r.note}`)
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'salesforce-sandbox.json')
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, `${JSON.stringify({ records: RECORDS, node: process.version, results }, null, 2)}\n`)
console.log(`wrote ${out}`)
