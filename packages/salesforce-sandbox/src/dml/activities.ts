// Server-computed fields of activities: a task's closure, an event's start, end and duration.
import { formatDate } from '../clock.js'
import { RecordError } from '../errors.js'
import type { Org } from '../store/org.js'
import type { SfRecord } from '../store/table.js'

const MINUTE = 60_000
const DAY_MINUTES = 24 * 60

/** IsClosed follows Status; CompletedDateTime is stamped when the task closes and cleared when it reopens. */
export function deriveTask(
  record: Record<string, unknown>,
  previous: SfRecord | undefined,
  now: number,
): void {
  const closed = record['Status'] === 'Completed'
  record['IsClosed'] = closed
  if (!closed) record['CompletedDateTime'] = null
  else if (previous?.['IsClosed'] !== true || previous['CompletedDateTime'] == null)
    record['CompletedDateTime'] = now
  // A task made through the API without a subtype is a plain task (describe: TaskSubtype defaults to Task).
  if (previous === undefined && record['TaskSubtype'] == null) record['TaskSubtype'] = 'Task'
}

function missing(fields: string[]): RecordError {
  return new RecordError(
    'REQUIRED_FIELD_MISSING',
    `Required fields are missing: [${fields.join(', ')}]`,
    fields,
  )
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined
}

/**
 * Keeps an event's times consistent as Salesforce does: StartDateTime and ActivityDateTime are one value,
 * EndDateTime = start + DurationInMinutes (setting either recomputes the other; moving the start keeps the
 * duration), ActivityDate and EndDate are their dates. An all-day event starts at midnight of ActivityDate.
 */
export function deriveEvent(
  record: Record<string, unknown>,
  previous: SfRecord | undefined,
  changes: Record<string, unknown>,
): void {
  const allDay = record['IsAllDayEvent'] === true
  let start: number | undefined
  if (allDay) {
    const fromTimes = numberOf(changes['StartDateTime'] ?? changes['ActivityDateTime'])
    const date =
      typeof changes['ActivityDate'] === 'string'
        ? changes['ActivityDate']
        : fromTimes !== undefined
          ? formatDate(fromTimes)
          : (record['ActivityDate'] as string | null | undefined)
    if (typeof date !== 'string') throw missing(['ActivityDate'])
    start = Date.parse(`${date}T00:00:00Z`)
  } else {
    start = numberOf(changes['StartDateTime'] ?? changes['ActivityDateTime'])
    if (start === undefined && 'ActivityDate' in changes && typeof changes['ActivityDate'] === 'string') {
      // A new date alone moves the event to that day at the same time of day.
      const old = numberOf(record['StartDateTime'])
      if (old !== undefined) start = Date.parse(`${changes['ActivityDate']}T00:00:00Z`) + (old % 86_400_000)
    }
    start ??= numberOf(record['StartDateTime'] ?? record['ActivityDateTime'])
  }
  let duration: number | undefined
  const end = numberOf(changes['EndDateTime'])
  if (end !== undefined && start !== undefined) duration = Math.round((end - start) / MINUTE)
  else if (numberOf(changes['DurationInMinutes']) !== undefined)
    duration = changes['DurationInMinutes'] as number
  else duration = numberOf(previous?.['DurationInMinutes']) ?? (allDay ? DAY_MINUTES : undefined)
  const absent = [
    ...(start === undefined ? ['ActivityDateTime'] : []),
    ...(duration === undefined ? ['DurationInMinutes'] : []),
  ]
  if (start === undefined || duration === undefined) throw missing(absent)
  if (duration < 0)
    throw new RecordError(
      'FIELD_INTEGRITY_EXCEPTION',
      'End Date Time: The end time must be later than the start time.',
      ['EndDateTime'],
    )
  const finish = start + duration * MINUTE
  record['StartDateTime'] = start
  record['ActivityDateTime'] = start
  record['EndDateTime'] = finish
  record['DurationInMinutes'] = duration
  record['ActivityDate'] = formatDate(start)
  // An all-day event ends at midnight after its last day, which is its EndDate.
  record['EndDate'] = formatDate(allDay ? finish - 1 : finish)
  if (previous === undefined && record['EventSubtype'] == null) record['EventSubtype'] = 'Event'
}

/**
 * AccountId of a Task or Event: the WhatId's account (an Account itself, an Opportunity's AccountId), else
 * the account of a Contact WhoId, else null (Task and Event object reference, AccountId).
 */
export function deriveActivityAccount(org: Org, record: Record<string, unknown>): void {
  const what = org.findById(record['WhatId'])
  const who = org.findById(record['WhoId'])
  let accountId: unknown = null
  if (what?.table.def.name === 'Account') accountId = what.record['Id']
  else if (what?.table.def.name === 'Opportunity') accountId = what.record['AccountId'] ?? null
  else if (who?.table.def.name === 'Contact') accountId = who.record['AccountId'] ?? null
  record['AccountId'] = accountId
}
