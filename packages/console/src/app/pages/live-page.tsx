import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'

import type { LiveEvent } from '../api/api-types'
import { sessionKey } from '../api/queries'
import { LocalTime } from '../components/local-time'
import { usePageTitle } from '../components/use-page-title'
import { useConnection } from '../connection-context'
import { formatDuration, formatNumber, formatValue } from '../format'
import { type FeedItem, LIVE_FEED_LIMIT, parseLiveEvent, pushLiveEvent } from '../live-feed'

type StreamState = 'connecting' | 'open' | 'reconnecting'

/** What is syncing now: the server's event stream (GET /api/live), newest first. */
export function LivePage() {
  usePageTitle('Live')
  const { connection } = useConnection()
  const queryClient = useQueryClient()
  const [feed, setFeed] = useState<readonly FeedItem[]>([])
  const [stream, setStream] = useState<StreamState>('connecting')
  const [onlyThis, setOnlyThis] = useState(true)
  const seq = useRef(0)

  useEffect(() => {
    const source = new EventSource('/api/live')
    const onEvent = (message: MessageEvent<string>) => {
      const event = parseLiveEvent(message.data)
      if (event === null) return
      seq.current += 1
      const item = { seq: seq.current, event }
      setFeed((old) => pushLiveEvent(old, item))
    }
    source.addEventListener('cycle', onEvent)
    source.addEventListener('change', onEvent)
    source.addEventListener('message', onEvent)
    source.onopen = () => setStream('open')
    source.onerror = () => {
      setStream('reconnecting')
      // EventSource cannot show the status: a closed stream may be a lost session, which the session says.
      if (source.readyState === EventSource.CLOSED) void queryClient.refetchQueries({ queryKey: sessionKey })
    }
    return () => source.close()
  }, [queryClient])

  const shown = onlyThis ? feed.filter((item) => item.event.connectionId === connection.id) : feed

  return (
    <section>
      <h1>Live</h1>
      <p role="status" data-testid="live-status">
        {stream === 'open'
          ? 'Connected: new events appear at the top.'
          : stream === 'connecting'
            ? 'Connecting…'
            : 'Connection lost, reconnecting…'}
      </p>
      <label>
        <input type="checkbox" checked={onlyThis} onChange={(event) => setOnlyThis(event.target.checked)} />{' '}
        Only connection {connection.id}
      </label>
      <p className="muted">The newest {formatNumber(LIVE_FEED_LIMIT)} events are kept.</p>
      {shown.length === 0 ? (
        <p className="muted" data-testid="live-empty">
          Nothing yet: events show when a cycle runs or a record changes.
        </p>
      ) : (
        <ol className="feed" data-testid="live-feed" aria-live="polite">
          {shown.map((item) => (
            <li key={item.seq} data-testid={`live-event-${item.event.type}`}>
              <LiveEventText event={item.event} />
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

function LiveEventText({ event }: { event: LiveEvent }) {
  if (event.type === 'cycle') {
    const { cycle } = event
    const written = Object.values(cycle.records).reduce(
      (sum, counts) => sum + (counts === undefined ? 0 : counts.toHubspot + counts.toSalesforce),
      0,
    )
    return (
      <>
        <LocalTime ms={cycle.at} /> <strong>cycle</strong> on {event.connectionId}: {formatNumber(written)}{' '}
        {written === 1 ? 'record' : 'records'} written, {formatNumber(cycle.errors)} errors, API calls
        Salesforce {formatNumber(cycle.apiCalls.salesforce)} / HubSpot {formatNumber(cycle.apiCalls.hubspot)},
        took {formatDuration(cycle.durationMs)}
      </>
    )
  }
  const id = event.hubspotId ?? event.salesforceId ?? '?'
  return (
    <>
      <LocalTime ms={event.at} /> <strong>change</strong> {event.objectKind} {id}: {event.field} ={' '}
      <q>{formatValue(event.newValue)}</q> ({event.direction})
    </>
  )
}
