import { useQuery } from '@tanstack/react-query'
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table'
import { useMemo, useState } from 'react'

import { connectionPath } from '../api/api-client'
import { useApi } from '../api/api-context'
import type { HealthReport, HealthRowView, SyncedKind } from '../api/api-types'
import { LocalTime } from '../components/local-time'
import { ErrorNotice, Loading } from '../components/query-state'
import { RecordLink } from '../components/record-link'
import { ResyncButton } from '../components/resync-button'
import { usePageTitle } from '../components/use-page-title'
import { useConnection } from '../connection-context'
import { formatNumber } from '../format'

const column = createColumnHelper<HealthRowView>()

/** Sync Health (B-ERR-1): open errors grouped by type, each record's error, resync one or all, CSV export. */
export function HealthPage() {
  usePageTitle('Sync health')
  const api = useApi()
  const { connection } = useConnection()
  const [type, setType] = useState<string | null>(null)
  const health = useQuery<HealthReport>({
    queryKey: ['health', connection.id],
    queryFn: () => api.get(connectionPath(connection.id, 'health')),
    refetchInterval: 10_000,
  })

  return (
    <section>
      <h1>Sync health</h1>
      <p>
        <a href={connectionPath(connection.id, 'health.csv')} download data-testid="health-csv">
          Export all open errors as CSV
        </a>
      </p>
      {health.isPending ? (
        <Loading what="the open errors" />
      ) : health.isError ? (
        <ErrorNotice error={health.error} />
      ) : (
        <HealthBody report={health.data} connectionId={connection.id} type={type} setType={setType} />
      )}
    </section>
  )
}

function HealthBody({
  report,
  connectionId,
  type,
  setType,
}: {
  report: HealthReport
  connectionId: string
  type: string | null
  setType: (type: string | null) => void
}) {
  if (report.errors === 0) {
    return (
      <p className="notice notice-ok" data-testid="health-empty">
        No open errors: every record syncs.
      </p>
    )
  }
  const rows = type === null ? report.rows : report.rows.filter((row) => row.type === type)
  return (
    <>
      <p data-testid="health-summary">
        {formatNumber(report.errors)} open errors on {formatNumber(report.records)} records.
      </p>
      <table data-testid="health-groups">
        <thead>
          <tr>
            <th scope="col">Error type</th>
            <th scope="col">Errors</th>
            <th scope="col">Records</th>
            <th scope="col">What to do</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {report.groups.map((group) => (
            <tr key={group.type} data-testid={`health-group-${group.type}`}>
              <th scope="row">{group.label}</th>
              <td className="num">{formatNumber(group.errors)}</td>
              <td className="num">{formatNumber(group.records)}</td>
              <td>{group.action}</td>
              <td className="actions">
                <button
                  type="button"
                  aria-pressed={type === group.type}
                  onClick={() => setType(type === group.type ? null : group.type)}
                  data-testid={`health-filter-${group.type}`}
                >
                  {type === group.type ? 'Show all' : 'Show only these'}
                </button>
                <ResyncButton
                  connectionId={connectionId}
                  request={{ errors: { type: group.type } }}
                  label="Resync all"
                  testId={`health-resync-all-${group.type}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>
        {type === null
          ? 'Every open error'
          : `Open errors: ${report.groups.find((group) => group.type === type)?.label ?? type}`}
      </h2>
      <HealthTable rows={rows} connectionId={connectionId} />
    </>
  )
}

function HealthTable({ rows, connectionId }: { rows: readonly HealthRowView[]; connectionId: string }) {
  const [sorting, setSorting] = useState<SortingState>([{ id: 'lastSeenAt', desc: true }])
  const columns = useMemo(
    () => [
      column.accessor('objectKind', { header: 'Object' }),
      column.accessor('recordId', {
        header: 'Record',
        cell: (info) => (
          <RecordLink
            kind={info.row.original.objectKind}
            side={info.row.original.side}
            id={info.getValue()}
            testId="health-record-link"
          />
        ),
      }),
      column.accessor('side', { header: 'Side' }),
      column.accessor('code', { header: 'Code' }),
      column.accessor('message', {
        header: 'Message',
        cell: (info) => <span className="message">{info.getValue()}</span>,
      }),
      column.accessor('action', { header: 'What to do' }),
      column.accessor('attempts', { header: 'Attempts', cell: (info) => formatNumber(info.getValue()) }),
      column.accessor('lastSeenAt', {
        header: 'Last seen',
        cell: (info) => <LocalTime ms={info.getValue()} />,
      }),
      column.display({
        id: 'resync',
        header: 'Resync',
        cell: (info) => (
          <ResyncButton
            connectionId={connectionId}
            request={{
              record: {
                objectKind: info.row.original.objectKind as SyncedKind,
                side: info.row.original.side,
                id: info.row.original.recordId,
              },
            }}
            label="Resync"
            testId="health-resync-record"
          />
        ),
      }),
    ],
    [connectionId],
  )
  const table = useReactTable({
    data: rows as HealthRowView[],
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (row) => String(row.id),
  })

  return (
    <table data-testid="health-rows">
      <thead>
        {table.getHeaderGroups().map((headerGroup) => (
          <tr key={headerGroup.id}>
            {headerGroup.headers.map((header) => {
              const sorted = header.column.getIsSorted()
              return (
                <th
                  key={header.id}
                  scope="col"
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                >
                  {header.column.getCanSort() ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={header.column.getToggleSortingHandler()}
                    >
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                    </button>
                  ) : (
                    flexRender(header.column.columnDef.header, header.getContext())
                  )}
                </th>
              )
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr
            key={row.id}
            data-testid="health-row"
            data-record-id={row.original.recordId}
            data-error-type={row.original.type}
          >
            {row.getVisibleCells().map((cell) => (
              <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
