import { formatIso, formatLocalTime } from '../format'

/** A moment in the browser's local time, with ISO 8601 (UTC) on hover. */
export function LocalTime({ ms, testId }: { ms: number; testId?: string }) {
  const iso = formatIso(ms)
  return (
    <time dateTime={iso} title={iso} data-testid={testId}>
      {formatLocalTime(ms)}
    </time>
  )
}
