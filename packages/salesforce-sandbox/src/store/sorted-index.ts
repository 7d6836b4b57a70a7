// A sorted index on a timestamp field: an array of [stamp, id] kept in stamp order.
// Writes stamp records with the clock's "now", which never goes back, so updates almost always append;
// superseded entries are left in place and skipped (lazy deletion) until a compaction drops them.

export class SortedIndex {
  #stamps: number[] = []
  #ids: string[] = []
  /** The current stamp of each indexed id; an entry is live when it matches. */
  readonly #current = new Map<string, number>()
  /** Stamps of entries still in the arrays that no longer match their id (revived by a rollback). */
  readonly #superseded = new Map<string, number[]>()
  #stale = 0

  get size(): number {
    return this.#current.size
  }

  set(id: string, stamp: number | undefined): void {
    const previous = this.#current.get(id)
    if (previous === stamp) return
    if (previous !== undefined) {
      this.#stale++
      const old = this.#superseded.get(id)
      if (old) old.push(previous)
      else this.#superseded.set(id, [previous])
    }
    if (stamp === undefined) {
      this.#current.delete(id)
    } else {
      this.#current.set(id, stamp)
      const old = this.#superseded.get(id)
      const revived = old ? old.indexOf(stamp) : -1
      if (revived >= 0) {
        // Back to a stamp whose entry is still here (a rolled-back update): it is live again.
        old!.splice(revived, 1)
        this.#stale--
      } else {
        const n = this.#stamps.length
        const at = n === 0 || this.#stamps[n - 1]! <= stamp ? n : this.#lowerBound(stamp + 1)
        // Appending is the common case; out-of-order stamps (seeds with past dates) splice, O(n) but rare.
        if (at === n) {
          this.#stamps.push(stamp)
          this.#ids.push(id)
        } else {
          this.#stamps.splice(at, 0, stamp)
          this.#ids.splice(at, 0, id)
        }
      }
    }
    if (this.#stale > 1024 && this.#stale > this.#stamps.length / 2) this.#compact()
  }

  /** Ids whose stamp lies in [from, to] (either bound optional), in ascending stamp order. */
  *range(from = -Infinity, to = Infinity, descending = false): Generator<string> {
    const start = this.#lowerBound(from)
    const end = this.#lowerBound(to === Infinity ? Infinity : to + 1)
    if (descending) {
      for (let i = end - 1; i >= start; i--) {
        if (this.#current.get(this.#ids[i]!) === this.#stamps[i]) yield this.#ids[i]!
      }
      return
    }
    for (let i = start; i < end; i++) {
      // The stamp check skips entries superseded by a later write to the same id.
      if (this.#current.get(this.#ids[i]!) === this.#stamps[i]) yield this.#ids[i]!
    }
  }

  clear(): void {
    this.#stamps = []
    this.#ids = []
    this.#current.clear()
    this.#superseded.clear()
    this.#stale = 0
  }

  /** The first position whose stamp is >= value. */
  #lowerBound(value: number): number {
    let lo = 0
    let hi = this.#stamps.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.#stamps[mid]! < value) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  #compact(): void {
    const stamps: number[] = []
    const ids: string[] = []
    for (let i = 0; i < this.#stamps.length; i++) {
      const id = this.#ids[i]!
      const stamp = this.#stamps[i]!
      if (this.#current.get(id) === stamp) {
        stamps.push(stamp)
        ids.push(id)
      }
    }
    this.#stamps = stamps
    this.#ids = ids
    this.#superseded.clear()
    this.#stale = 0
  }
}
