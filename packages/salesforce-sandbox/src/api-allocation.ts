// The org's API limits as Salesforce sets them ("API Request Limits and Allocations", B-API-5):
// - the daily allocation, a rolling 24 h pool for the whole org: 100,000 + calls per Salesforce licence
//   (1,000 for Enterprise and Professional, 5,000 for Unlimited and Performance) + purchased add-ons;
//   a Developer Edition org gets 15,000; a Group Edition org has no API at all;
// - long-running requests (20 s or longer): 25 at a time in production orgs and sandboxes, 5 in Developer
//   Edition and trial orgs; the next request is refused with REQUEST_LIMIT_EXCEEDED "ConcurrentPerOrgLongTxn
//   Limit exceeded" until fewer are running. Shorter requests have no concurrency limit.
import type { Edition } from './metadata/organization.js'

/** Calls every licensed org starts with, before its licences and add-ons. */
export const BASE_DAILY_API_REQUESTS = 100_000

const PER_LICENCE: Readonly<Record<Edition, number>> = {
  Group: 0,
  Professional: 1_000,
  Enterprise: 1_000,
  Unlimited: 5_000,
  Developer: 0,
}

/** The daily allocation of an org of this edition with this many Salesforce licences and add-on calls. */
export function dailyApiLimit(edition: Edition, licences: number, addOnCalls = 0): number {
  if (edition === 'Group') return 0
  if (edition === 'Developer') return 15_000 + addOnCalls
  return BASE_DAILY_API_REQUESTS + PER_LICENCE[edition] * licences + addOnCalls
}

/** Long-running requests the org lets run at once (Developer Edition 5, every other org 25). */
export function concurrentLongRunningLimit(edition: Edition): number {
  return edition === 'Developer' ? 5 : 25
}

/** How long a request runs before it counts as long-running, in real Salesforce. */
export const LONG_RUNNING_MS = 20_000

/**
 * The requests in flight with their start (wall-clock ms, not the sandbox clock: a request takes real time
 * whatever the org's clock says), so the sandbox can tell how many have run long.
 */
export class InFlightRequests {
  readonly #started = new Map<object, number>()

  start(request: object, at: number): void {
    this.#started.set(request, at)
  }

  end(request: object): void {
    this.#started.delete(request)
  }

  /** Requests running for at least `thresholdMs` at `now`. */
  longRunning(now: number, thresholdMs: number): number {
    let n = 0
    for (const at of this.#started.values()) if (now - at >= thresholdMs) n++
    return n
  }

  get size(): number {
    return this.#started.size
  }
}
