import { Link } from 'react-router'

/** The URL of a record's sync card, by one of its sides. */
export function recordCardPath(kind: string, side: string, id: string): string {
  return `/records/${encodeURIComponent(kind)}/${encodeURIComponent(side)}/${encodeURIComponent(id)}`
}

export function RecordLink({
  kind,
  side,
  id,
  testId,
}: {
  kind: string
  side: string
  id: string
  testId?: string
}) {
  return (
    <Link to={recordCardPath(kind, side, id)} data-testid={testId}>
      {id}
    </Link>
  )
}
