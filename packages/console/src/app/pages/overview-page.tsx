import { useQuery } from '@tanstack/react-query'

import { connectionPath } from '../api/api-client'
import { useApi } from '../api/api-context'
import type { ConnectionStateView, CycleView, Overview } from '../api/api-types'
import { ApiUsageChart } from '../components/api-usage-chart'
import { LocalTime } from '../components/local-time'
import { ErrorNotice, Loading } from '../components/query-state'
import { usePageTitle } from '../components/use-page-title'
import { useConnection } from '../connection-context'
import { formatDuration, formatNumber, formatPercent } from '../format'

export function OverviewPage() {
  usePageTitle('Overview')
  const api = useApi()
  const { connection } = useConnection()
  const overview = useQuery<Overview>({
    queryKey: ['overview', connection.id],
    queryFn: () => api.get(connectionPath(connection.id, 'overview')),
    refetchInterval: 3000,
  })

  return (
    <section>
      <h1>Overview</h1>
      {overview.isPending ? (
        <Loading what="the overview" />
      ) : overview.isError ? (
        <ErrorNotice error={overview.error} />
      ) : (
        <OverviewBody overview={overview.data} />
      )}
    </section>
  )
}

function OverviewBody({ overview }: { overview: Overview }) {
  const { salesforce, hubspot } = overview.apiUsage
  return (
    <>
      <ConnectionState state={overview.state} />
      <h2>Records</h2>
      <table data-testid="overview-objects">
        <thead>
          <tr>
            <th scope="col">Object</th>
            <th scope="col">Linked</th>
            <th scope="col">In sync</th>
            <th scope="col">Pending</th>
            <th scope="col">Failing</th>
          </tr>
        </thead>
        <tbody>
          {overview.objects.map((object) => (
            <tr key={object.kind} data-testid={`overview-object-${object.kind}`}>
              <th scope="row">{object.kind}</th>
              <td className="num">{formatNumber(object.linked)}</td>
              <td className="num">{formatNumber(object.inSync)}</td>
              <td className="num">{formatNumber(object.pending)}</td>
              <td className={`num${object.failing > 0 ? ' bad' : ''}`}>{formatNumber(object.failing)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="cards">
        <div className="card" data-testid="overview-last-cycle">
          <h2>Last cycle</h2>
          <LastCycle cycle={overview.lastCycle} />
        </div>
        <div className="card" data-testid="overview-latency">
          <h2>Change-to-sync latency</h2>
          {overview.latency.samples === 0 ? (
            <p className="muted">No record synced since the process started.</p>
          ) : (
            <dl>
              <dt>p50</dt>
              <dd>{overview.latency.p50Ms === null ? '—' : formatDuration(overview.latency.p50Ms)}</dd>
              <dt>p95</dt>
              <dd>{overview.latency.p95Ms === null ? '—' : formatDuration(overview.latency.p95Ms)}</dd>
              <dt>Records measured</dt>
              <dd>{formatNumber(overview.latency.samples)}</dd>
            </dl>
          )}
        </div>
      </div>

      <h2>API calls, last 24 hours</h2>
      <dl className="usage" data-testid="overview-api-usage">
        <dt>Salesforce</dt>
        <CallsAgainstLimit
          used={salesforce.used24h}
          limit={salesforce.allocation}
          limitName="allocation"
          withoutLimit="no allocation set: salesforce.apiCallAllocation"
          meterLabel="Salesforce calls against the allocation"
        />
        <dt>HubSpot</dt>
        <CallsAgainstLimit
          used={hubspot.used24h}
          limit={hubspot.dailyLimit}
          limitName="daily limit"
          withoutLimit="daily limit not reported yet"
          meterLabel="HubSpot calls against the daily limit"
        />
      </dl>
      <ApiUsageChart usage={overview.apiUsage} />
    </>
  )
}

function ConnectionState({ state }: { state: ConnectionStateView }) {
  return (
    <p data-testid="overview-state">
      State: <strong className={`state state-${state.state}`}>{state.state}</strong>
      {state.reason !== undefined && <> ({state.reason})</>}
      {state.message !== undefined && <> — {state.message}</>}
      {state.nextProbeAt !== undefined && (
        <>
          {' '}
          Next probe: <LocalTime ms={state.nextProbeAt} />
        </>
      )}
    </p>
  )
}

function LastCycle({ cycle }: { cycle: CycleView | null }) {
  if (cycle === null) return <p className="muted">No cycle has run in this process yet.</p>
  const written = Object.entries(cycle.records).filter(
    (entry): entry is [string, { toSalesforce: number; toHubspot: number }] => entry[1] !== undefined,
  )
  return (
    <dl>
      <dt>When</dt>
      <dd>
        <LocalTime ms={cycle.at} /> ({formatDuration(cycle.durationMs)})
      </dd>
      <dt>Records written</dt>
      <dd>
        {written.length === 0
          ? 'none'
          : written
              .map(
                ([kind, counts]) =>
                  `${kind}: ${formatNumber(counts.toSalesforce)} to Salesforce, ${formatNumber(counts.toHubspot)} to HubSpot`,
              )
              .join('; ')}
      </dd>
      <dt>Errors</dt>
      <dd>{formatNumber(cycle.errors)}</dd>
      <dt>API calls</dt>
      <dd>
        Salesforce {formatNumber(cycle.apiCalls.salesforce)}, HubSpot {formatNumber(cycle.apiCalls.hubspot)}
      </dd>
    </dl>
  )
}

/** One CRM's calls in the last 24 hours, against its limit with a meter once the limit is known. */
function CallsAgainstLimit(props: {
  used: number
  limit: number | null
  limitName: string
  /** Said in parentheses while the limit is unknown. */
  withoutLimit: string
  meterLabel: string
}) {
  const { used, limit } = props
  return (
    <dd>
      {formatNumber(used)}
      {limit !== null
        ? ` of the ${props.limitName} of ${formatNumber(limit)} (${formatPercent(used, limit)})`
        : ` (${props.withoutLimit})`}
      {limit !== null && (
        <meter min={0} max={limit} high={limit * 0.8} value={used} aria-label={props.meterLabel} />
      )}
    </dd>
  )
}
