import { useMutation, useQueryClient } from '@tanstack/react-query'

import { connectionPath } from '../api/api-client'
import { useApi } from '../api/api-context'
import type { ResyncRequest, ResyncResult } from '../api/api-types'
import { ErrorNotice } from './query-state'

/**
 * Asks the engine to resync one record or every record in error (it runs between cycles), then shows the
 * server's message and refreshes the pages that show errors.
 */
export function ResyncButton({
  connectionId,
  request,
  label,
  testId,
}: {
  connectionId: string
  request: ResyncRequest
  label: string
  testId: string
}) {
  const api = useApi()
  const queryClient = useQueryClient()
  const resync = useMutation<ResyncResult>({
    mutationFn: () => api.send('POST', connectionPath(connectionId, 'resync'), request),
    onSettled: () => queryClient.invalidateQueries(),
  })
  return (
    <span className="resync">
      <button type="button" onClick={() => resync.mutate()} disabled={resync.isPending} data-testid={testId}>
        {resync.isPending ? 'Resyncing…' : label}
      </button>
      {resync.isSuccess && (
        <span role="status" className="notice notice-ok" data-testid="resync-result">
          {resync.data.message}
        </span>
      )}
      {resync.isError && <ErrorNotice error={resync.error} testId="resync-error" />}
    </span>
  )
}
