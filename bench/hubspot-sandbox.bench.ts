/**
 * HubSpot sandbox throughput (not a test): `node --import tsx bench/hubspot-sandbox.bench.ts`.
 * 1. Loads 1,000,000 contacts in-process and times look-ups by id, email and unique property plus a
 *    last-modified search, through `app.inject` (full request path, no socket), so the indexes show.
 * 2. Listens and, through @hubspot/api-client over HTTP, measures batch writes (100 per call) and search
 *    rows per second. Prints a table and writes bench/results/hubspot-sandbox.json.
 * BENCH_HS_CONTACTS overrides the record count (default 1,000,000).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { Client } from '@hubspot/api-client'
import { build, DEFAULT_ACCESS_TOKEN } from 'hubspot-sandbox'

for (const name of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy'])
  delete process.env[name]

const CONTACTS = Number(process.env['BENCH_HS_CONTACTS'] ?? 1_000_000)
const here = dirname(fileURLToPath(import.meta.url))
const auth = { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}` }

interface Row {
  readonly name: string
  readonly operations: number
  readonly totalMs: number
  readonly perOpMs: number
  readonly perSecond: number
  readonly unit: string
}
const rows: Row[] = []

function record(name: string, operations: number, totalMs: number, unit = 'ops'): void {
  rows.push({
    name,
    operations,
    totalMs,
    perOpMs: totalMs / operations,
    perSecond: (operations / totalMs) * 1000,
    unit,
  })
}

async function timed(
  name: string,
  count: number,
  run: (i: number) => Promise<void>,
  unit = 'ops',
): Promise<void> {
  const started = performance.now()
  for (let i = 0; i < count; i += 1) await run(i)
  record(name, count, performance.now() - started, unit)
}

const loadStarted = performance.now()
const app = await build({
  seed: { contacts: CONTACTS, engagements: false, salesforceIds: true, seed: 7 },
  rateLimits: { tier: 'unlimited' },
})
const loadMs = performance.now() - loadStarted
record(`load ${CONTACTS.toLocaleString('en-US')} contacts`, CONTACTS, loadMs, 'records')
const heapMb = process.memoryUsage().heapUsed / 1024 / 1024

// Ids run from 1001 upwards in insertion order; emails end in ".<n>@domain" (see seed-portal.ts).
const firstPage = (
  await app.inject({ method: 'GET', url: '/crm/v3/objects/contacts?limit=1&properties=email', headers: auth })
).json<{
  results: Array<{ id: string }>
}>()
const firstId = Number(firstPage.results[0]?.id ?? 1001)
const pickId = (i: number) => firstId + ((i * 7919) % CONTACTS)

async function inject(
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
): Promise<Record<string, unknown>> {
  const response = await app.inject({
    method,
    url,
    headers: auth,
    ...(payload === undefined ? {} : { payload: payload as object }),
  })
  if (response.statusCode !== 200)
    throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`)
  return response.json<Record<string, unknown>>()
}

const emails: string[] = []
for (let i = 0; i < 200; i += 1) {
  const json = await inject('GET', `/crm/v3/objects/contacts/${pickId(i)}?properties=email`)
  emails.push(String((json['properties'] as Record<string, string>)['email']))
}
await timed('in-process get by id', 2000, async (i) => {
  await inject('GET', `/crm/v3/objects/contacts/${pickId(i)}`)
})
await timed('in-process get by email (idProperty)', 2000, async (i) => {
  await inject(
    'GET',
    `/crm/v3/objects/contacts/${encodeURIComponent(emails[i % emails.length] ?? '')}?idProperty=email`,
  )
})
await timed('in-process get by unique property', 2000, async (i) => {
  const id = `003SB${String(((i * 7919) % CONTACTS) + 1).padStart(10, '0')}`
  await inject('GET', `/crm/v3/objects/contacts/${id}?idProperty=crmsync_salesforce_id`)
})
const day = 86_400_000
await timed('in-process search lastmodifieddate GTE (200 rows)', 200, async (i) => {
  const watermark = Date.now() - ((i % 300) + 1) * day
  const json = await inject('POST', '/crm/v3/objects/contacts/search', {
    filterGroups: [
      { filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(watermark) }] },
    ],
    sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
    properties: ['email', 'lastmodifieddate'],
    limit: 200,
  })
  if ((json['results'] as unknown[]).length === 0) throw new Error('empty search page')
})

await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
const basePath = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`
const client = new Client({ accessToken: DEFAULT_ACCESS_TOKEN, basePath })

const BATCHES = 100
const created: string[] = []
await timed('HTTP batch create (100 per call)', BATCHES, async (b) => {
  const inputs = Array.from({ length: 100 }, (_, i) => ({
    properties: { email: `bench.${b}.${i}@bench.example`, firstname: 'Bench' },
    associations: [],
  }))
  const result = await client.crm.contacts.batchApi.create({ inputs })
  created.push(...result.results.map((r) => r.id))
})
const createRow = rows.at(-1)
if (createRow !== undefined)
  rows[rows.length - 1] = {
    ...createRow,
    operations: BATCHES * 100,
    perSecond: (BATCHES * 100 * 1000) / createRow.totalMs,
    perOpMs: createRow.totalMs / (BATCHES * 100),
    unit: 'records',
  }
await timed('HTTP batch update (100 per call)', BATCHES, async (b) => {
  const inputs = created
    .slice(b * 100, b * 100 + 100)
    .map((id) => ({ id, properties: { lastname: `Updated ${b}` } }))
  await client.crm.contacts.batchApi.update({ inputs })
})
const updateRow = rows.at(-1)
if (updateRow !== undefined)
  rows[rows.length - 1] = {
    ...updateRow,
    operations: BATCHES * 100,
    perSecond: (BATCHES * 100 * 1000) / updateRow.totalMs,
    perOpMs: updateRow.totalMs / (BATCHES * 100),
    unit: 'records',
  }

let searched = 0
const searchStarted = performance.now()
let after: string | undefined
do {
  const page = await client.crm.contacts.searchApi.doSearch({
    filterGroups: [
      {
        filters: [
          { propertyName: 'lastmodifieddate', operator: 'GTE', value: String(Date.now() - 200 * day) },
        ],
      },
    ],
    sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
    properties: ['email', 'firstname', 'lastname', 'lastmodifieddate'],
    limit: 200,
    ...(after === undefined ? {} : { after }),
  } as never)
  searched += page.results.length
  after = page.paging?.next?.after
} while (after !== undefined)
record('HTTP search rows (200 per page, to the 10k cap)', searched, performance.now() - searchStarted, 'rows')
await app.close()

const pad = (value: string, width: number) => value.padEnd(width)
console.log(
  `\nHubSpot sandbox, ${CONTACTS.toLocaleString('en-US')} contacts, heap after load ${heapMb.toFixed(0)} MB\n`,
)
console.log(`${pad('measure', 52)}${pad('count', 12)}${pad('ms/op', 12)}per second`)
for (const row of rows) {
  console.log(
    `${pad(row.name, 52)}${pad(String(row.operations), 12)}${pad(row.perOpMs.toFixed(4), 12)}${Math.round(row.perSecond).toLocaleString('en-US')} ${row.unit}/s`,
  )
}
mkdirSync(join(here, 'results'), { recursive: true })
writeFileSync(
  join(here, 'results', 'hubspot-sandbox.json'),
  `${JSON.stringify({ contacts: CONTACTS, heapAfterLoadMb: Math.round(heapMb), node: process.version, rows }, null, 2)}\n`,
)
