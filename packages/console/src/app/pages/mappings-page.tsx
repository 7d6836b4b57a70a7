import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, type ReactNode, useState } from 'react'

import { connectionPath, saveConfig } from '../api/api-client'
import { useApi } from '../api/api-context'
import type { ConfigSaveResult, MappingChange, MappingsView, MappingView, SyncedKind } from '../api/api-types'
import { ErrorNotice, Loading } from '../components/query-state'
import { SaveResult } from '../components/save-result'
import { usePageTitle } from '../components/use-page-title'
import { useConnection } from '../connection-context'
import { formatSalesforceField } from '../format'
import { SettingsSection } from './settings-section'

/** The mapping table per object (B-MAP-5/6/7/9) and the settings switches, saved into the config file. */
export function MappingsPage() {
  usePageTitle('Mappings & settings')
  const api = useApi()
  const queryClient = useQueryClient()
  const { connection } = useConnection()
  const mappingsKey = ['mappings', connection.id]
  const mappings = useQuery<MappingsView>({
    queryKey: mappingsKey,
    queryFn: () => api.get(connectionPath(connection.id, 'mappings')),
  })
  const save = useMutation<
    ConfigSaveResult,
    Error,
    { kind: SyncedKind; change: MappingChange } | { kind: SyncedKind; remove: string }
  >({
    mutationFn: (input) =>
      saveConfig(
        'remove' in input
          ? api.send('DELETE', connectionPath(connection.id, 'mappings', input.kind, input.remove))
          : api.send('PUT', connectionPath(connection.id, 'mappings', input.kind), input.change),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: mappingsKey }),
  })

  return (
    <section>
      <h1>Mappings &amp; settings</h1>
      {mappings.isPending ? (
        <Loading what="the mappings" />
      ) : mappings.isError ? (
        <ErrorNotice error={mappings.error} />
      ) : (
        <>
          {!mappings.data.writable && (
            <p className="notice notice-warn" data-testid="mappings-read-only">
              The configuration file cannot be written from here: a save shows the YAML to commit instead.
            </p>
          )}
          {(Object.entries(mappings.data.objects) as [SyncedKind, readonly MappingView[] | undefined][]).map(
            ([kind, rows]) =>
              rows === undefined ? null : (
                <MappingTable
                  key={kind}
                  kind={kind}
                  rows={rows}
                  rules={mappings.data.rules}
                  busy={save.isPending}
                  onChange={(change) => save.mutate({ kind, change })}
                  onRemove={(hubspot) => save.mutate({ kind, remove: hubspot })}
                >
                  {/* The answer shows under the table that was changed, where the reader is looking. */}
                  {save.variables?.kind === kind && save.isSuccess && <SaveResult result={save.data} />}
                  {save.variables?.kind === kind && save.isError && (
                    <ErrorNotice error={save.error} testId="save-error" />
                  )}
                </MappingTable>
              ),
          )}
        </>
      )}
      <SettingsSection connectionId={connection.id} />
    </section>
  )
}

function MappingTable({
  kind,
  rows,
  rules,
  busy,
  onChange,
  onRemove,
  children,
}: {
  kind: SyncedKind
  rows: readonly MappingView[]
  rules: readonly string[]
  busy: boolean
  onChange: (change: MappingChange) => void
  onRemove: (hubspot: string) => void
  children: ReactNode
}) {
  return (
    <div className="mapping-kind" data-testid={`mappings-${kind}`}>
      <h2>{kind} mappings</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">HubSpot property</th>
            <th scope="col">Salesforce field</th>
            <th scope="col">Rule</th>
            <th scope="col">Kind</th>
            <th scope="col">Remove</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.hubspot} data-testid={`mapping-row-${kind}-${row.hubspot}`}>
              <th scope="row">{row.hubspot}</th>
              <td>{formatSalesforceField(row.salesforce)}</td>
              <td>
                <select
                  aria-label={`Rule for ${row.hubspot}`}
                  value={row.rule}
                  disabled={row.locked || busy}
                  onChange={(event) =>
                    onChange({ hubspot: row.hubspot, salesforce: row.salesforce, rule: event.target.value })
                  }
                  data-testid="mapping-rule"
                >
                  {(rules.includes(row.rule) ? rules : [row.rule, ...rules]).map((rule) => (
                    <option key={rule} value={rule}>
                      {rule}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {row.locked ? (
                  <span className="badge" data-testid="mapping-locked">
                    locked default
                  </span>
                ) : row.default ? (
                  <span className="badge" data-testid="mapping-default">
                    default
                  </span>
                ) : (
                  'custom'
                )}
              </td>
              <td>
                {row.default ? (
                  <span className="muted">a default stays</span>
                ) : (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => onRemove(row.hubspot)}
                    aria-label={`Remove the mapping of ${row.hubspot}`}
                    data-testid="mapping-remove"
                  >
                    Remove
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {children}
      <AddMappingForm kind={kind} rules={rules} busy={busy} onAdd={onChange} />
    </div>
  )
}

function AddMappingForm({
  kind,
  rules,
  busy,
  onAdd,
}: {
  kind: SyncedKind
  rules: readonly string[]
  busy: boolean
  onAdd: (change: MappingChange) => void
}) {
  const [hubspot, setHubspot] = useState('')
  const [salesforce, setSalesforce] = useState('')
  const [rule, setRule] = useState(rules[0] ?? '')
  const id = (name: string) => `add-${kind}-${name}`

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    onAdd({ hubspot: hubspot.trim(), salesforce: salesforce.trim(), rule })
  }

  return (
    <form className="inline-form" onSubmit={submit} data-testid={`mapping-add-${kind}`}>
      <strong>Add a {kind} mapping:</strong>
      <label htmlFor={id('hubspot')}>HubSpot property</label>
      <input
        id={id('hubspot')}
        required
        value={hubspot}
        onChange={(event) => setHubspot(event.target.value)}
        data-testid="mapping-add-hubspot"
      />
      <label htmlFor={id('salesforce')}>Salesforce field</label>
      <input
        id={id('salesforce')}
        required
        value={salesforce}
        onChange={(event) => setSalesforce(event.target.value)}
        data-testid="mapping-add-salesforce"
      />
      <label htmlFor={id('rule')}>Rule</label>
      <select
        id={id('rule')}
        value={rule}
        onChange={(event) => setRule(event.target.value)}
        data-testid="mapping-add-rule"
      >
        {rules.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <button type="submit" disabled={busy} data-testid="mapping-add-submit">
        Add
      </button>
    </form>
  )
}
