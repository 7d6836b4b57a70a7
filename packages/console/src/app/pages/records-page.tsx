import { useQuery } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link, useSearchParams } from 'react-router'

import { connectionPath } from '../api/api-client'
import { useApi } from '../api/api-context'
import type { RecordHit } from '../api/api-types'
import { ErrorNotice, Loading } from '../components/query-state'
import { recordCardPath } from '../components/record-link'
import { usePageTitle } from '../components/use-page-title'
import { useConnection } from '../connection-context'

/** A hit's card URL: by its HubSpot id when it has one (every synced kind has), else by its Salesforce id. */
function hitPath(hit: RecordHit): string | null {
  if (hit.hubspotId !== null) return recordCardPath(hit.objectKind, 'hubspot', hit.hubspotId)
  if (hit.salesforceId !== null) return recordCardPath(hit.objectKind, 'salesforce', hit.salesforceId)
  return null
}

/** Search by email, name or id; the query lives in the URL (?q=) so a search can be linked and reloaded. */
export function RecordsPage() {
  usePageTitle('Records')
  const api = useApi()
  const { connection } = useConnection()
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const [draft, setDraft] = useState(q)
  const hits = useQuery<RecordHit[]>({
    queryKey: ['records', connection.id, q],
    queryFn: () => api.get(`${connectionPath(connection.id, 'records')}?q=${encodeURIComponent(q)}`),
    enabled: q.trim() !== '',
  })

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setParams(draft.trim() === '' ? {} : { q: draft.trim() })
  }

  return (
    <section>
      <h1>Records</h1>
      <form role="search" onSubmit={submit} className="inline-form">
        <label htmlFor="record-search">Find a record by email, name or id</label>
        <input
          id="record-search"
          type="search"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          data-testid="record-search"
        />
        <button type="submit" data-testid="record-search-submit">
          Search
        </button>
      </form>
      {q.trim() === '' ? null : hits.isPending ? (
        <Loading what="the matches" />
      ) : hits.isError ? (
        <ErrorNotice error={hits.error} />
      ) : hits.data.length === 0 ? (
        <p data-testid="record-no-hits">No record matches “{q}”.</p>
      ) : (
        <table data-testid="record-hits">
          <thead>
            <tr>
              <th scope="col">Record</th>
              <th scope="col">Object</th>
              <th scope="col">HubSpot id</th>
              <th scope="col">Salesforce id</th>
              <th scope="col">Link</th>
            </tr>
          </thead>
          <tbody>
            {hits.data.map((hit) => {
              const path = hitPath(hit)
              return (
                <tr
                  key={`${hit.objectKind}:${hit.hubspotId ?? ''}:${hit.salesforceId ?? ''}`}
                  data-testid="record-hit"
                >
                  <th scope="row">
                    {path === null ? (
                      hit.label
                    ) : (
                      <Link to={path} data-testid="record-hit-link">
                        {hit.label}
                      </Link>
                    )}
                  </th>
                  <td>{hit.objectKind}</td>
                  <td>{hit.hubspotId ?? '—'}</td>
                  <td>
                    {hit.salesforceId ?? '—'}
                    {hit.salesforceType !== null && <span className="muted"> ({hit.salesforceType})</span>}
                  </td>
                  <td>{hit.linkState ?? 'not linked'}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
