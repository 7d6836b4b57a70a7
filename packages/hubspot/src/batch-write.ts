import type { HubSpotWriteResult, SyncErrorCode } from '@crmsync/core'
import { SyncError } from '@crmsync/core'

import {
  duplicateEmailOf,
  existingIdOf,
  type HubSpotFailure,
  type PropertyProblem,
  propertyProblems,
  toFailure,
} from './errors.js'

/** One input of a batch write: `key` names it in the results, `properties` is what is sent. */
export interface WriteItem<I> {
  readonly key: string
  readonly input: I
  readonly properties: Readonly<Record<string, string>>
}

/** A result row of batch update or upsert (client BatchResponse...). */
export interface WrittenObject {
  readonly id: string
  readonly properties: Readonly<Record<string, string | null | undefined>>
  readonly objectWriteTraceId?: string | undefined
  readonly _new?: boolean | undefined
  readonly new?: boolean | undefined
}

export interface BatchReply {
  readonly results: readonly WrittenObject[]
  /** The 207 form: errors such as OBJECT_NOT_FOUND with `context.ids`. */
  readonly errors?: ReadonlyArray<{ readonly category?: string; readonly context?: Record<string, string[]> }>
}

/** Sends one call of at most 100 inputs, retried per the table; throws a SyncError for the whole call. */
export type SendBatch<I> = (items: ReadonlyArray<WriteItem<I>>) => Promise<BatchReply>

/** Codes a whole batch gets when only some of its inputs are wrong (HubSpot validates all-or-nothing). */
const PER_RECORD: ReadonlySet<SyncErrorCode> = new Set<SyncErrorCode>([
  'HS_VALIDATION',
  'HS_UNKNOWN_PROPERTY',
  'HS_READ_ONLY_PROPERTY',
  'HS_DUPLICATE_EMAIL',
  'HS_CONFLICT',
  'HS_LIFECYCLE_BACKWARDS',
  // An update naming a deleted contact: HubSpot answers 207 per id, but a whole-batch 404 is handled too.
  'HS_NOT_FOUND',
])

/** Whether a whole-batch error may be caused by some inputs only (so the batch is split, not failed whole). */
export function isPerRecordCode(code: SyncErrorCode): boolean {
  return PER_RECORD.has(code)
}

const PROBLEM_CODE: Readonly<Record<string, SyncErrorCode>> = {
  READ_ONLY_VALUE: 'HS_READ_ONLY_PROPERTY',
  PROPERTY_DOESNT_EXIST: 'HS_UNKNOWN_PROPERTY',
}

type Outcome = Extract<HubSpotWriteResult, { outcome: 'exists' | 'failed' }>

function failed(key: string, code: SyncErrorCode, message: string): Outcome {
  return { outcome: 'failed', key, code, message }
}

/** The inputs a problem list points at: by property name, and by value where the message quotes it. */
function culpritsOfProblems<I>(items: ReadonlyArray<WriteItem<I>>, problems: readonly PropertyProblem[]) {
  const found = new Map<string, Outcome>()
  for (const problem of problems) {
    const byName = PROBLEM_CODE[problem.code] !== undefined
    for (const item of items) {
      const value = item.properties[problem.name]
      if (value === undefined) continue
      if (!byName && (value === '' || !problem.message.includes(value))) continue
      const code = PROBLEM_CODE[problem.code] ?? 'HS_VALIDATION'
      found.set(item.key, failed(item.key, code, `${problem.name}: ${problem.message}`))
    }
  }
  return found
}

/**
 * Which inputs made HubSpot reject the whole batch, from what the error names: the duplicate email of a
 * 409, the properties and values of a 400, the stage of a backward lifecycle move. Empty when it cannot
 * tell; the caller then halves the batch.
 */
export function attributeFailure<I>(
  items: ReadonlyArray<WriteItem<I>>,
  failure: HubSpotFailure,
  code: SyncErrorCode,
  noun = 'contact',
): Map<string, Outcome> {
  if (code === 'HS_DUPLICATE_EMAIL') {
    const email = duplicateEmailOf(failure)
    const existingId = existingIdOf(failure) ?? ''
    const holders = items.filter((item) => {
      const own = (item.properties['email'] ?? '').toLowerCase()
      const extra = (item.properties['hs_additional_emails'] ?? '').toLowerCase().split(';')
      return email !== undefined && (own === email || extra.includes(email))
    })
    return new Map(holders.map((item) => [item.key, { outcome: 'exists', key: item.key, existingId }]))
  }
  if (code === 'HS_LIFECYCLE_BACKWARDS') {
    const target = /to (\S+?);/.exec(failure.message)?.[1]
    const movers = items.filter(
      (item) => target !== undefined && item.properties['lifecyclestage'] === target,
    )
    return new Map(movers.map((item) => [item.key, failed(item.key, code, failure.message)]))
  }
  if (code === 'HS_NOT_FOUND') {
    const ids = new Set(notFoundIds(failure.body))
    const gone = items.filter((item) => ids.has(item.key))
    return new Map(
      gone.map((item) => [item.key, failed(item.key, code, `HubSpot has no ${noun} ${item.key}`)]),
    )
  }
  return culpritsOfProblems(items, propertyProblems(failure.body))
}

/** The ids a not-found error names, in `context.ids` at the top or inside `errors[]`. */
function notFoundIds(body: Readonly<Record<string, unknown>>): string[] {
  const contexts = [
    body['context'],
    ...(Array.isArray(body['errors']) ? body['errors'] : []).map(
      (e) => (e as Record<string, unknown> | null)?.['context'],
    ),
  ]
  return contexts.flatMap((context) => {
    const ids = (context as Record<string, unknown> | undefined)?.['ids']
    return Array.isArray(ids) ? ids.map(String) : []
  })
}

/** A whole-batch per-record error for a batch of one input. */
function outcomeOfOne(key: string, error: SyncError): Outcome {
  const failure = toFailure(error.cause)
  const existingId = error.code === 'HS_DUPLICATE_EMAIL' ? existingIdOf(failure) : undefined
  if (existingId !== undefined) return { outcome: 'exists', key, existingId }
  return failed(key, error.code, error.message)
}

/** Matches reply rows to inputs by the echoed objectWriteTraceId, else by `matchKey` (id or Salesforce id). */
function mapReply<I>(
  items: ReadonlyArray<WriteItem<I>>,
  reply: BatchReply,
  matchKey: (row: WrittenObject) => string | undefined,
  noun: string,
): HubSpotWriteResult[] {
  const rows = new Map<string, WrittenObject>()
  for (const row of reply.results) rows.set(row.objectWriteTraceId ?? matchKey(row) ?? row.id, row)
  return items.map((item): HubSpotWriteResult => {
    const row = rows.get(item.key)
    if (row === undefined) return failed(item.key, 'HS_NOT_FOUND', `HubSpot has no ${noun} ${item.key}`)
    const stage = item.properties['lifecyclestage']
    const kept = row.properties['lifecyclestage']
    const notApplied =
      stage !== undefined && stage !== '' && kept != null && kept !== stage ? ['lifecyclestage'] : []
    const properties: Record<string, string | null> = {}
    for (const [name, value] of Object.entries(row.properties)) properties[name] = value ?? null
    const created = row.new ?? row._new ?? false
    return { outcome: 'written', key: item.key, id: row.id, created, properties, notApplied }
  })
}

/**
 * Writes one chunk (at most 100 inputs) with per-record results. HubSpot rejects a whole batch when one
 * input is bad (api-surface 8.5), so on such an error the bad inputs are named from the error body and the
 * rest re-sent in one call; when the body does not say which, the chunk is halved. One bad record in 100
 * therefore costs 2 calls, not 100. `noun` names the object type in messages.
 */
export async function writeChunk<I>(
  items: ReadonlyArray<WriteItem<I>>,
  send: SendBatch<I>,
  matchKey: (row: WrittenObject) => string | undefined,
  noun = 'contact',
): Promise<HubSpotWriteResult[]> {
  if (items.length === 0) return []
  try {
    return mapReply(items, await send(items), matchKey, noun)
  } catch (err) {
    if (!(err instanceof SyncError) || !PER_RECORD.has(err.code)) throw err
    const only = items.length === 1 ? items[0] : undefined
    if (only !== undefined) return [outcomeOfOne(only.key, err)]
    const culprits = attributeFailure(items, toFailure(err.cause), err.code, noun)
    const rest = items.filter((item) => !culprits.has(item.key))
    if (culprits.size > 0 && rest.length < items.length) {
      const written = await writeChunk(rest, send, matchKey, noun)
      const byKey = new Map<string, HubSpotWriteResult>([
        ...written.map((r) => [r.key, r] as const),
        ...culprits,
      ])
      return items.map((item) => byKey.get(item.key) ?? failed(item.key, err.code, err.message))
    }
    const half = Math.ceil(items.length / 2)
    return [
      ...(await writeChunk(items.slice(0, half), send, matchKey, noun)),
      ...(await writeChunk(items.slice(half), send, matchKey, noun)),
    ]
  }
}

/** Splits into calls of `size` (HubSpot: 100) and writes them in order. */
export async function writeInChunks<I>(
  items: ReadonlyArray<WriteItem<I>>,
  size: number,
  send: SendBatch<I>,
  matchKey: (row: WrittenObject) => string | undefined,
  noun = 'contact',
): Promise<HubSpotWriteResult[]> {
  const results: HubSpotWriteResult[] = []
  for (let index = 0; index < items.length; index += size) {
    results.push(...(await writeChunk(items.slice(index, index + size), send, matchKey, noun)))
  }
  return results
}

/** Splits a list into chunks of `size`. */
export function chunk<T>(list: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let index = 0; index < list.length; index += size) chunks.push(list.slice(index, index + size))
  return chunks
}
