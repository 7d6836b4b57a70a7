/** Endpoint call counts as the sandbox reports them: `METHOD /route/pattern` → calls. */
export interface CounterSnapshot {
  readonly total: number
  readonly endpoints: Readonly<
    Record<string, { readonly calls: number; readonly statuses: Record<string, number> }>
  >
}

/**
 * The HubSpot sandbox's test-only admin API (`/__sandbox/`, design.md 4.3) over plain fetch, for the
 * connector's emulator tests. Not exported from the package.
 */
export class SandboxAdmin {
  readonly #basePath: string

  constructor(basePath: string) {
    this.#basePath = basePath
  }

  async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.#basePath}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`)
    return text === '' ? undefined : JSON.parse(text)
  }

  /** Freezes the sandbox clock at `epochMs` (every write then shares one lastmodifieddate). */
  async freezeAt(epochMs: number): Promise<void> {
    await this.request('POST', '/__sandbox/clock', { freeze: true })
    await this.request('POST', '/__sandbox/clock', { set: epochMs })
  }

  /**
   * Lets the clock run again from real time. The sandbox's Date header is real time (Node sets it), so the
   * sandbox clock must follow real time whenever a test depends on server time.
   */
  async thaw(): Promise<void> {
    await this.request('POST', '/__sandbox/clock', { freeze: false })
    await this.request('POST', '/__sandbox/clock', { set: Date.now() })
  }

  async knobs(knobs: Record<string, unknown>): Promise<void> {
    await this.request('PATCH', '/__sandbox/knobs', knobs)
  }

  async faults(faults: ReadonlyArray<Record<string, unknown>>): Promise<void> {
    await this.request('PUT', '/__sandbox/faults', { faults })
  }

  async counters(): Promise<CounterSnapshot> {
    return (await this.request('GET', '/__sandbox/counters')) as CounterSnapshot
  }

  async resetCounters(): Promise<void> {
    await this.request('DELETE', '/__sandbox/counters')
  }

  /** Calls counted for one route pattern, e.g. `POST /crm/v3/objects/:type/batch/update`. */
  async callsTo(route: string): Promise<number> {
    return (await this.counters()).endpoints[route]?.calls ?? 0
  }

  /** An edit made "in the HubSpot UI" by a user (history says CRM_UI). */
  async editAsUser(id: string, properties: Record<string, string>): Promise<void> {
    await this.request('PATCH', `/__sandbox/objects/contacts/${id}`, { properties })
  }
}
