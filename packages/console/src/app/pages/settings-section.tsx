import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useMemo, useState } from 'react'

import { connectionPath, saveConfig } from '../api/api-client'
import { useApi } from '../api/api-context'
import type { ConfigSaveResult, SettingsChange, SettingsView } from '../api/api-types'
import { ErrorNotice, Loading } from '../components/query-state'
import { SaveResult } from '../components/save-result'
import { changedSettings, flattenSettings, parseSettingInput } from '../settings-values'

/** The configuration's switches: booleans as checkboxes, numbers and text as inputs, others shown as JSON. */
export function SettingsSection({ connectionId }: { connectionId: string }) {
  const api = useApi()
  const queryClient = useQueryClient()
  const settings = useQuery<SettingsView>({
    queryKey: ['settings', connectionId],
    queryFn: () => api.get(connectionPath(connectionId, 'settings')),
  })
  const save = useMutation<ConfigSaveResult, Error, SettingsChange>({
    mutationFn: (change) => saveConfig(api.send('PATCH', connectionPath(connectionId, 'settings'), change)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['settings', connectionId] }),
  })
  return (
    <div data-testid="settings">
      <h2>Settings</h2>
      {settings.isPending ? (
        <Loading what="the settings" />
      ) : settings.isError ? (
        <ErrorNotice error={settings.error} />
      ) : (
        // Keyed by the values so a save that changed them resets the form to what the server now has.
        <SettingsForm
          key={JSON.stringify(settings.data.values)}
          view={settings.data}
          busy={save.isPending}
          onSave={(changes) => save.mutate({ changes })}
        />
      )}
      {save.isSuccess && <SaveResult result={save.data} />}
      {save.isError && <ErrorNotice error={save.error} testId="save-error" />}
    </div>
  )
}

function SettingsForm({
  view,
  busy,
  onSave,
}: {
  view: SettingsView
  busy: boolean
  onSave: (changes: Record<string, unknown>) => void
}) {
  const original = useMemo(() => flattenSettings(view.values), [view.values])
  const [edited, setEdited] = useState(() => new Map(original))
  const changes = changedSettings(original, edited)
  const set = (path: string, value: unknown) => setEdited((old) => new Map(old).set(path, value))

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    onSave(changes)
  }

  return (
    <form onSubmit={submit} className="settings-form">
      {[...original.entries()].map(([path, value]) => {
        const id = `setting-${path}`
        const current = edited.get(path)
        if (typeof value === 'boolean') {
          return (
            <div key={path} className="setting">
              <input
                id={id}
                type="checkbox"
                role="switch"
                checked={current === true}
                onChange={(event) => set(path, event.target.checked)}
                data-testid={id}
              />
              <label htmlFor={id}>{path}</label>
            </div>
          )
        }
        if (typeof value === 'number' || typeof value === 'string') {
          return (
            <div key={path} className="setting">
              <label htmlFor={id}>{path}</label>
              <input
                id={id}
                type={typeof value === 'number' ? 'number' : 'text'}
                value={typeof current === 'number' || typeof current === 'string' ? String(current) : ''}
                onChange={(event) => set(path, parseSettingInput(value, event.target.value))}
                data-testid={id}
              />
            </div>
          )
        }
        return (
          <div key={path} className="setting">
            <span>{path}</span> <code>{JSON.stringify(value)}</code>{' '}
            <span className="muted">(edit in the configuration file)</span>
          </div>
        )
      })}
      <button type="submit" disabled={busy || Object.keys(changes).length === 0} data-testid="settings-save">
        Save settings
      </button>
    </form>
  )
}
