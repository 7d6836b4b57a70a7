import type { Overview } from './api/api-types'

export interface HourRow {
  readonly hour: number
  readonly salesforce: number
  readonly hubspot: number
}

/** Both sides' hourly calls on one time axis (an hour one side did not call counts 0). */
export function mergeHourly(usage: Overview['apiUsage']): HourRow[] {
  const rows = new Map<number, { hour: number; salesforce: number; hubspot: number }>()
  const row = (hour: number) => {
    let found = rows.get(hour)
    if (found === undefined) {
      found = { hour, salesforce: 0, hubspot: 0 }
      rows.set(hour, found)
    }
    return found
  }
  for (const { hour, calls } of usage.salesforce.hourly) row(hour).salesforce += calls
  for (const { hour, calls } of usage.hubspot.hourly) row(hour).hubspot += calls
  return [...rows.values()].sort((a, b) => a.hour - b.hour)
}
