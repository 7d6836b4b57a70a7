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
        <dd>
          {formatNumber(salesforce.used24h)}
          {salesforce.allocation !== null
            ? ` of the allocation of ${formatNumber(salesforce.allocation)} (${formatPercent(salesforce.used24h, salesforce.allocation)})`
            : ' (no allocation set: salesforce.apiCallAllocation)'}
          {salesforce.allocation !== null && (
            <meter
              min={0}
              max={salesforce.allocation}
              high={salesforce.allocation * 0.8}
              value={salesforce.used24h}
              aria-label="Salesforce calls against the allocation"
            />
          )}
        </dd>
        <dt>HubSpot</dt>
        <dd>
          {formatNumber(hubspot.used24h)}
          {hubspot.dailyLimit !== null
            ? ` of the daily limit of ${formatNumber(hubspot.dailyLimit)} (${formatPercent(hubspot.used24h, hubspot.dailyLimit)})`
            : ' (daily limit not reported yet)'}
          {hubspot.dailyLimit !== null && (
            <meter
              min={0}
              max={hubspot.dailyLimit}
              high={hubspot.dailyLimit * 0.8}
              value={hubspot.used24h}
              aria-label="HubSpot calls against the daily limit"
            />
          )}
        </dd>
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
