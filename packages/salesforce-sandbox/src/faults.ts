// Fault injection: errors a real org produces under load, at a configurable rate.

export type FaultKind =
  | 'REQUEST_LIMIT_EXCEEDED'
  | 'SERVER_UNAVAILABLE'
  | 'UNKNOWN_EXCEPTION'
  | 'TIMEOUT'
  | 'UNABLE_TO_LOCK_ROW'
  | 'INVALID_SESSION_ID'

export interface FaultSpec {
  kind: FaultKind
  /** Probability (0..1) that a matching request (or record, for UNABLE_TO_LOCK_ROW) fails; default 1. */
  rate?: number
  /** Stop after this many injections; default unlimited. */
  count?: number
  /** Only requests whose URL matches this regular expression; default all API requests. */
  path?: string
  /** TIMEOUT only: how long the request hangs before the socket is closed; default 30000 ms. */
  delayMs?: number
}

/** Deterministic PRNG (mulberry32), so a fault run with the same seed fails the same calls. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class Faults {
  #specs: { spec: FaultSpec; used: number; re: RegExp | undefined }[] = []
  #random: () => number

  constructor(seed = 1) {
    this.#random = mulberry32(seed)
  }

  set(specs: FaultSpec[], seed?: number): void {
    this.#specs = specs.map((spec) => ({ spec, used: 0, re: spec.path ? new RegExp(spec.path) : undefined }))
    if (seed !== undefined) this.#random = mulberry32(seed)
  }

  list(): FaultSpec[] {
    return this.#specs.map((s) => s.spec)
  }

  clear(): void {
    this.#specs = []
  }

  /** The request-level fault to inject for this URL, if any fires. */
  forRequest(url: string): FaultSpec | undefined {
    return this.#fire((s) => s.spec.kind !== 'UNABLE_TO_LOCK_ROW' && (!s.re || s.re.test(url)))
  }

  /** True when a record-level UNABLE_TO_LOCK_ROW fault fires for a write in this request. */
  lockFor(url: string): boolean {
    return this.#fire((s) => s.spec.kind === 'UNABLE_TO_LOCK_ROW' && (!s.re || s.re.test(url))) !== undefined
  }

  #fire(
    match: (s: { spec: FaultSpec; used: number; re: RegExp | undefined }) => boolean,
  ): FaultSpec | undefined {
    for (const s of this.#specs) {
      if (!match(s)) continue
      if (s.spec.count !== undefined && s.used >= s.spec.count) continue
      if (this.#random() < (s.spec.rate ?? 1)) {
        s.used++
        return s.spec
      }
    }
    return undefined
  }
}
