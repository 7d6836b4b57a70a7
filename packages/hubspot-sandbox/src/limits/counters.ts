/** API calls per endpoint (`METHOD /route/pattern`) with a count per status, for benchmarks. */
export class CallCounters {
  readonly #byRoute = new Map<string, { calls: number; statuses: Record<string, number> }>()

  record(method: string, route: string, status: number): void {
    const key = `${method} ${route}`
    let entry = this.#byRoute.get(key)
    if (entry === undefined) this.#byRoute.set(key, (entry = { calls: 0, statuses: {} }))
    entry.calls += 1
    entry.statuses[String(status)] = (entry.statuses[String(status)] ?? 0) + 1
  }

  snapshot(): {
    total: number
    endpoints: Record<string, { calls: number; statuses: Record<string, number> }>
  } {
    let total = 0
    const endpoints: Record<string, { calls: number; statuses: Record<string, number> }> = {}
    for (const [key, entry] of [...this.#byRoute].sort(([a], [b]) => a.localeCompare(b))) {
      total += entry.calls
      endpoints[key] = { calls: entry.calls, statuses: { ...entry.statuses } }
    }
    return { total, endpoints }
  }

  reset(): void {
    this.#byRoute.clear()
  }
}
