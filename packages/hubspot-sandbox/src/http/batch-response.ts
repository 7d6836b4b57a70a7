/** The batch envelope; with errors it is the 207 multi-status form (api-surface.md 3.3). */
export function batchResponse(
  startedAt: number,
  finishedAt: number,
  results: unknown[],
  errors: readonly unknown[],
) {
  return {
    status: 'COMPLETE',
    results,
    ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
    startedAt: new Date(startedAt).toISOString(),
    completedAt: new Date(finishedAt).toISOString(),
  }
}
