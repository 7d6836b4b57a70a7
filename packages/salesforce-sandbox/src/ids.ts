// Salesforce ids: 3-character key prefix, 12 characters, then a 3-character case-safe suffix.

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[A-Z0-5]{3})?$/

/** The 3-character suffix that makes a 15-character id unique when compared case-insensitively. */
export function checksumSuffix(id15: string): string {
  let suffix = ''
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i)
      if (c >= 65 && c <= 90) bits |= 1 << i
    }
    suffix += SUFFIX_ALPHABET[bits]
  }
  return suffix
}

/** Turns a 15- or 18-character id into the canonical 18-character form, or undefined when it is not an id. */
export function normalizeId(id: string): string | undefined {
  if (!ID_PATTERN.test(id)) return undefined
  const id15 = id.slice(0, 15)
  const id18 = id15 + checksumSuffix(id15)
  if (id.length === 18 && id18 !== id) return undefined
  return id18
}

/** Builds the 18-character id for a key prefix and a sequence number (deterministic, increasing). */
export function makeId(prefix: string, seq: number): string {
  let n = seq
  let body = ''
  for (let i = 0; i < 7; i++) {
    body = BASE62[n % 62]! + body
    n = Math.floor(n / 62)
  }
  const id15 = `${prefix}5g0${'00'}${body}`
  return id15 + checksumSuffix(id15)
}

/** Hands out ids per key prefix from counters, so a given sequence of writes always gets the same ids. */
export class IdGenerator {
  readonly #next = new Map<string, number>()

  next(prefix: string): string {
    const seq = (this.#next.get(prefix) ?? 0) + 1
    this.#next.set(prefix, seq)
    return makeId(prefix, seq)
  }
}
