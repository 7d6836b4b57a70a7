import type { TryItEdit, TryItEditResult } from './api/api-types'

/** The edit-status URL of one saved edit: the edit's fields plus when it was saved. */
export function tryItStatusPath(edit: TryItEdit, result: TryItEditResult): string {
  const params = new URLSearchParams({
    connectionId: edit.connectionId,
    hubspotId: edit.hubspotId,
    side: edit.side,
    field: edit.field,
    value: edit.value,
    editedAt: String(result.editedAt),
  })
  return `/api/try-it/edit-status?${params.toString()}`
}

/** The side an edit crosses to, as the page names it. */
export function otherSideName(side: TryItEdit['side']): string {
  return side === 'hubspot' ? 'Salesforce' : 'HubSpot'
}
