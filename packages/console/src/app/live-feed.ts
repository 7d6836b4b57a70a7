import type { LiveEvent } from './api/api-types'

/** How many events the Live page keeps: enough to read back a few cycles, bounded so a busy sync stays cheap. */
export const LIVE_FEED_LIMIT = 200

export interface FeedItem {
  /** Arrival order, for React keys (events have no id of their own). */
  readonly seq: number
  readonly event: LiveEvent
}

/** Adds an event at the top (newest first) and drops the oldest beyond the limit. */
export function pushLiveEvent(
  feed: readonly FeedItem[],
  item: FeedItem,
  limit = LIVE_FEED_LIMIT,
): readonly FeedItem[] {
  return [item, ...feed].slice(0, limit)
}

/** A server-sent event's data as a LiveEvent, or null when it is not one (the feed skips it). */
export function parseLiveEvent(data: string): LiveEvent | null {
  try {
    const parsed = JSON.parse(data) as unknown
    if (typeof parsed !== 'object' || parsed === null || !('type' in parsed)) return null
    if (parsed.type !== 'cycle' && parsed.type !== 'change') return null
    return parsed as LiveEvent
  } catch {
    return null
  }
}
