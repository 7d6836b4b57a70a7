import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useEffect, useState } from 'react'

import { useApi } from '../api/api-context'
import type { SideName, TryItContact, TryItEdit, TryItEditResult, TryItStatus } from '../api/api-types'
import { useSession } from '../api/queries'
import { ErrorNotice, Loading } from '../components/query-state'
import { usePageTitle } from '../components/use-page-title'
import { formatDuration, formatValue } from '../format'
import { otherSideName, tryItStatusPath } from '../try-it-status'

/** How long the page waits for an edit to cross before it says so (the engine polls every few seconds). */
const GIVE_UP_MS = 120_000

/** Demo only: edit a contact as if in HubSpot or Salesforce and watch the other side follow. */
export function TryItPage() {
  usePageTitle('Try it')
  const session = useSession()
  if (session.data?.demo !== true) {
    return (
      <section>
        <h1>Try it</h1>
        <p>The Try-it page is part of the demo (npm start) only.</p>
      </section>
    )
  }
  return <TryIt />
}

function TryIt() {
  const api = useApi()
  const contacts = useQuery<TryItContact[]>({
    queryKey: ['try-it-contacts'],
    queryFn: () => api.get('/api/try-it/contacts'),
  })
  return (
    <section>
      <h1>Try it</h1>
      <p>
        Pick a contact and a field, change the value as if you were in HubSpot or in Salesforce (the page
        edits the sandbox through its own API), and watch the other side follow.
      </p>
      {contacts.isPending ? (
        <Loading what="the contacts" />
      ) : contacts.isError ? (
        <ErrorNotice error={contacts.error} />
      ) : contacts.data.length === 0 ? (
        <p data-testid="try-it-no-contacts">No linked contact yet: wait for the first cycle to link them.</p>
      ) : (
        <TryItForm contacts={contacts.data} />
      )}
    </section>
  )
}

function TryItForm({ contacts }: { contacts: readonly TryItContact[] }) {
  const api = useApi()
  const queryClient = useQueryClient()
  const [contactId, setContactId] = useState(contacts[0]?.hubspotId ?? '')
  const contact = contacts.find((item) => item.hubspotId === contactId) ?? contacts[0]
  const [field, setField] = useState(contact?.fields[0]?.hubspot ?? '')
  const [side, setSide] = useState<SideName>('hubspot')
  const [value, setValue] = useState('')
  const [saved, setSaved] = useState<{ edit: TryItEdit; result: TryItEditResult } | null>(null)
  const edit = useMutation<TryItEditResult, Error, TryItEdit>({
    mutationFn: (input) => api.send('POST', '/api/try-it/edit', input),
    onSuccess: (result, input) => setSaved({ edit: input, result }),
  })
  const mapped = contact?.fields.find((item) => item.hubspot === field) ?? contact?.fields[0]

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (contact === undefined || mapped === undefined) return
    setSaved(null)
    edit.mutate({
      connectionId: contact.connectionId,
      hubspotId: contact.hubspotId,
      side,
      field: mapped.hubspot,
      value,
    })
  }

  return (
    <>
      <form onSubmit={submit} className="try-it-form" data-testid="try-it-form">
        <label htmlFor="try-it-contact">Contact</label>
        <select
          id="try-it-contact"
          value={contact?.hubspotId ?? ''}
          onChange={(event) => {
            setContactId(event.target.value)
            setSaved(null)
          }}
          data-testid="try-it-contact"
        >
          {contacts.map((item) => (
            <option key={item.hubspotId} value={item.hubspotId}>
              {item.label} (HubSpot {item.hubspotId}, {item.salesforceType} {item.salesforceId})
            </option>
          ))}
        </select>

        <label htmlFor="try-it-field">Field</label>
        <select
          id="try-it-field"
          value={mapped?.hubspot ?? ''}
          onChange={(event) => setField(event.target.value)}
          data-testid="try-it-field"
        >
          {(contact?.fields ?? []).map((item) => (
            <option key={item.hubspot} value={item.hubspot}>
              {item.hubspot} ↔ {item.salesforce} ({item.rule})
            </option>
          ))}
        </select>

        <fieldset>
          <legend>Edit as if in</legend>
          <label>
            <input
              type="radio"
              name="try-it-side"
              value="hubspot"
              checked={side === 'hubspot'}
              onChange={() => setSide('hubspot')}
              data-testid="try-it-side-hubspot"
            />{' '}
            HubSpot
          </label>
          <label>
            <input
              type="radio"
              name="try-it-side"
              value="salesforce"
              checked={side === 'salesforce'}
              onChange={() => setSide('salesforce')}
              data-testid="try-it-side-salesforce"
            />{' '}
            Salesforce
          </label>
        </fieldset>

        {mapped !== undefined && (
          <p className="muted" data-testid="try-it-current">
            Now: HubSpot {mapped.hubspot} = “{formatValue(mapped.hubspotValue)}”, Salesforce{' '}
            {mapped.salesforce} = “{formatValue(mapped.salesforceValue)}”
          </p>
        )}

        <label htmlFor="try-it-value">New value</label>
        <input
          id="try-it-value"
          required
          maxLength={40}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          data-testid="try-it-value"
        />
        <button type="submit" disabled={edit.isPending} data-testid="try-it-save">
          {edit.isPending ? 'Saving…' : 'Save'}
        </button>
      </form>
      {edit.isError && <ErrorNotice error={edit.error} />}
      {saved !== null && (
        <EditProgress
          key={saved.result.editedAt}
          edit={saved.edit}
          result={saved.result}
          onCrossed={() => void queryClient.invalidateQueries({ queryKey: ['try-it-contacts'] })}
        />
      )}
    </>
  )
}

function EditProgress({
  edit,
  result,
  onCrossed,
}: {
  edit: TryItEdit
  result: TryItEditResult
  onCrossed: () => void
}) {
  const api = useApi()
  // A timer, not a comparison at render: once polling stops nothing else would render the page again.
  const [gaveUp, setGaveUp] = useState(false)
  useEffect(() => {
    const timer = setTimeout(() => setGaveUp(true), GIVE_UP_MS)
    return () => clearTimeout(timer)
  }, [])
  const status = useQuery<TryItStatus>({
    queryKey: ['try-it-status', edit, result.editedAt],
    queryFn: async () => {
      const answer = await api.get<TryItStatus>(tryItStatusPath(edit, result))
      if (answer.crossed) onCrossed()
      return answer
    },
    refetchInterval: (query) => (query.state.data?.crossed === true || gaveUp ? false : 500),
  })
  const other = otherSideName(edit.side)

  if (status.isError) return <ErrorNotice error={status.error} testId="try-it-error" />
  if (status.data?.crossed === true) {
    return (
      <p role="status" className="notice notice-ok" data-testid="try-it-crossed">
        Crossed to {other}
        {status.data.latencyMs !== null && <> in {formatDuration(status.data.latencyMs)}</>}: {other} now has
        “<span data-testid="try-it-other-value">{formatValue(status.data.otherSideValue)}</span>”.
      </p>
    )
  }
  return (
    <p role="status" className="notice" data-testid="try-it-waiting">
      {gaveUp
        ? `Not in ${other} after ${formatDuration(GIVE_UP_MS)}: see Sync health for an error on this contact.`
        : `Saved. Waiting for the next cycle to carry it to ${other}…`}
    </p>
  )
}
