/**
 * An ordered index of (key, id) pairs, for range scans over a timestamp (the last-modified search path).
 *
 * Entries live in chunks of at most MAX_CHUNK sorted pairs, so an insert or a removal costs a binary search
 * over the chunks plus a splice inside one chunk: O(log n + MAX_CHUNK) instead of O(n) for one big array.
 * With 1,000,000 entries that is about 2,000 chunks. Pairs are ordered by key, then id.
 */
const MAX_CHUNK = 1024

interface Chunk {
  keys: number[]
  ids: number[]
}

/** True when (ak, ai) sorts before (bk, bi). Ids may be +/-Infinity as range sentinels. */
function before(ak: number, ai: number, bk: number, bi: number): boolean {
  return ak < bk || (ak === bk && ai < bi)
}

export class SortedIndex {
  #chunks: Chunk[] = []
  #size = 0

  get size(): number {
    return this.#size
  }

  insert(key: number, id: number): void {
    this.#size += 1
    if (this.#chunks.length === 0) {
      this.#chunks.push({ keys: [key], ids: [id] })
      return
    }
    const chunk = this.#chunks[this.#chunkFor(key, id)] as Chunk
    const at = this.#indexInChunk(chunk, key, id)
    chunk.keys.splice(at, 0, key)
    chunk.ids.splice(at, 0, id)
    if (chunk.keys.length > MAX_CHUNK * 2) this.#split(chunk)
  }

  /** Removes the pair; returns false when it was not there. */
  remove(key: number, id: number): boolean {
    if (this.#chunks.length === 0) return false
    const index = this.#chunkFor(key, id)
    const chunk = this.#chunks[index] as Chunk
    const at = this.#indexInChunk(chunk, key, id)
    if (chunk.keys[at] !== key || chunk.ids[at] !== id) return false
    chunk.keys.splice(at, 1)
    chunk.ids.splice(at, 1)
    if (chunk.keys.length === 0) this.#chunks.splice(index, 1)
    this.#size -= 1
    return true
  }

  /** How many pairs sort strictly before (key, id). Use id -Infinity / +Infinity for "before key" / "through key". */
  rank(key: number, id: number): number {
    let count = 0
    for (const chunk of this.#chunks) {
      const lastKey = chunk.keys[chunk.keys.length - 1] as number
      const lastId = chunk.ids[chunk.ids.length - 1] as number
      if (before(lastKey, lastId, key, id)) {
        count += chunk.keys.length
        continue
      }
      return count + this.#indexInChunk(chunk, key, id)
    }
    return count
  }

  /** Ids from global position `from` (inclusive) to `to` (exclusive), ascending or descending. */
  *ids(from: number, to: number, descending = false): Generator<number> {
    if (from >= to) return
    if (!descending) {
      let base = 0
      for (const chunk of this.#chunks) {
        const length = chunk.ids.length
        if (base + length > from) {
          for (let i = Math.max(0, from - base); i < length && base + i < to; i += 1)
            yield chunk.ids[i] as number
        }
        base += length
        if (base >= to) return
      }
      return
    }
    let base = this.#size
    for (let c = this.#chunks.length - 1; c >= 0; c -= 1) {
      const chunk = this.#chunks[c] as Chunk
      base -= chunk.ids.length
      if (base >= to) continue
      for (let i = Math.min(chunk.ids.length, to - base) - 1; i >= 0 && base + i >= from; i -= 1) {
        yield chunk.ids[i] as number
      }
      if (base <= from) return
    }
  }

  clear(): void {
    this.#chunks = []
    this.#size = 0
  }

  /** The chunk whose range should hold (key, id): the first whose last pair is not before it, else the last. */
  #chunkFor(key: number, id: number): number {
    let lo = 0
    let hi = this.#chunks.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      const chunk = this.#chunks[mid] as Chunk
      const last = chunk.keys.length - 1
      if (before(chunk.keys[last] as number, chunk.ids[last] as number, key, id)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** First position in the chunk whose pair is not before (key, id). */
  #indexInChunk(chunk: Chunk, key: number, id: number): number {
    let lo = 0
    let hi = chunk.keys.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (before(chunk.keys[mid] as number, chunk.ids[mid] as number, key, id)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  #split(chunk: Chunk): void {
    const index = this.#chunks.indexOf(chunk)
    const half = chunk.keys.length >> 1
    const tail: Chunk = { keys: chunk.keys.splice(half), ids: chunk.ids.splice(half) }
    this.#chunks.splice(index + 1, 0, tail)
  }
}
