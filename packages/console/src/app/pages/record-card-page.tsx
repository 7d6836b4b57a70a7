import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'

import { connectionPath } from '../api/api-client'
import { useApi } from '../api/api-context'
import type { RecordCard, SideName } from '../api/api-types'
import { LocalTime } from '../components/local-time'
import { ErrorNotice, Loading } from '../components/query-state'
import { ResyncButton } from '../components/resync-button'
import { usePageTitle } from '../components/use-page-title'
import { useConnection } from '../connection-context'
import { formatNumber, formatValue } from '../format'

const statusText: Record<string, string> = {
  synced: 'Synced',
  'not-syncing': 'Not syncing',
  error: 'Error',
}

/** The sync card (B-ERR-8): `crmsync explain` in the browser, at /records/:kind/:side/:recordId. */
export function RecordCardPage() {
  const api = useApi()
  const { connection } = useConnection()
  const { kind = '', side = '', recordId = '' } = useParams()
  usePageTitle(`Record ${recordId}`)
  const card = useQuery<RecordCard>({
    queryKey: ['record', connection.id, kind, side, recordId],
    queryFn: () => api.get(connectionPath(connection.id, 'records', kind, side, recordId)),
  })

  return (
    <section>
      <p>
        <Link to="/records">← Records</Link>
      </p>
      {card.isPending ? (
        <Loading what="the record" />
      ) : card.isError ? (
        <>
          <h1>Record {recordId}</h1>
          <ErrorNotice error={card.error} />
        </>
      ) : (
        <CardBody card={card.data} connectionId={connection.id} side={side} recordId={recordId} />
      )}
    </section>
  )
}

function CardBody({
  card,
  connectionId,
  side,
  recordId,
}: {
  card: RecordCard
  connectionId: string
  side: string
  recordId: string
}) {
  return (
    <>
      <h1 data-testid="record-label">{card.label}</h1>
      <dl className="ids">
        <dt>Object</dt>
        <dd>{card.objectKind}</dd>
        <dt>HubSpot</dt>
        <dd data-testid="record-hubspot-id">{card.hubspotId ?? '—'}</dd>
        <dt>Salesforce</dt>
        <dd data-testid="record-salesforce-id">
          {card.salesforceId ?? '—'}
          {card.salesforceType !== null && <span className="muted"> ({card.salesforceType})</span>}
        </dd>
      </dl>

      <div className={`card status-${card.status.state}`} data-testid="record-status">
        <h2>
          Sync status:{' '}
          <span data-testid="record-status-state">{statusText[card.status.state] ?? card.status.state}</span>
        </h2>
        {card.status.detail !== '' && <p>{card.status.detail}</p>}
        {card.status.errors.length > 0 && (
          <ul data-testid="record-errors">
            {card.status.errors.map((error) => (
              <li key={String(error.id)}>
                <strong>{error.code}</strong> on {error.side}: {error.message}
                <br />
                What to do: {error.action} (attempts: {formatNumber(error.attempts)}, last seen{' '}
                <LocalTime ms={error.lastSeenAt} />)
              </li>
            ))}
          </ul>
        )}
        <ResyncButton
          connectionId={connectionId}
          request={{ record: { objectKind: card.objectKind, side: side as SideName, id: recordId } }}
          label="Resync this record"
          testId="record-resync"
        />
      </div>

      {card.valuesFrom === 'store' && (
        <p className="notice notice-warn" role="note" data-testid="record-values-from-store">
          The CRMs could not be reached: these are the values from the store (the last ones synced), not the
          CRMs' values now.
        </p>
      )}

      <h2>Fields</h2>
      <table data-testid="record-fields">
        <thead>
          <tr>
            <th scope="col">HubSpot property</th>
            <th scope="col">HubSpot value</th>
            <th scope="col">Salesforce field</th>
            <th scope="col">Salesforce value</th>
            <th scope="col">Rule</th>
            <th scope="col">Last agreed value</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {card.fields.map((field) => (
            <tr
              key={field.hubspot}
              data-testid={`record-field-${field.hubspot}`}
              className={`field-${field.status}`}
            >
              <th scope="row">{field.hubspot}</th>
              <td data-testid="record-field-hubspot-value">{formatValue(field.hubspotValue)}</td>
              <td>{field.salesforce}</td>
              <td data-testid="record-field-salesforce-value">{formatValue(field.salesforceValue)}</td>
              <td>{field.rule}</td>
              <td>{formatValue(field.ancestor)}</td>
              <td data-testid="record-field-status">{field.status}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>History of decisions</h2>
      {card.history.length === 0 ? (
        <p className="muted">No decision recorded for this record yet.</p>
      ) : (
        <table data-testid="record-history">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Field</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Direction</th>
              <th scope="col">Rule</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {card.history.map((decision, index) => (
              <tr key={`${decision.at}:${decision.field}:${index}`} data-testid="record-history-row">
                <td>
                  <LocalTime ms={decision.at} />
                </td>
                <td>{decision.field}</td>
                <td>{formatValue(decision.oldValue)}</td>
                <td>{formatValue(decision.newValue)}</td>
                <td>{decision.direction}</td>
                <td>{decision.rule}</td>
                <td>{decision.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
