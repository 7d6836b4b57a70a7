import { describe, expect, it } from 'vitest'

import { checksumSuffix, IdGenerator, makeId, normalizeId } from './ids.js'

describe('Salesforce ids', () => {
  it('computes the case-safe suffix of known ids', () => {
    // Worked by hand: '001A0' has an upper-case letter at position 3 (8 -> I), '00000' none (A),
    // 'Ds0Ex' at positions 0 and 3 (1 + 8 = 9 -> J); lower-case letters never set a bit.
    expect(checksumSuffix('001A000000Ds0Ex')).toBe('IAJ')
    expect(checksumSuffix('00Q000000000000')).toBe('EAA')
    expect(checksumSuffix('003ZZZZZ00000zz')).toBe('YHA')
    expect(checksumSuffix('ZZZZZZZZZZZZZZZ')).toBe('555')
  })

  it('normalises 15-character ids to 18 and rejects wrong suffixes and junk', () => {
    const id = makeId('00Q', 12345)
    expect(id).toHaveLength(18)
    expect(normalizeId(id.slice(0, 15))).toBe(id)
    expect(normalizeId(id)).toBe(id)
    expect(normalizeId(`${id.slice(0, 15)}ZZZ`)).toBeUndefined()
    expect(normalizeId('not-an-id')).toBeUndefined()
  })

  it('hands out distinct, increasing ids per prefix with the right key prefix', () => {
    const ids = new IdGenerator()
    const a = ids.next('003')
    const b = ids.next('003')
    expect(a.slice(0, 3)).toBe('003')
    expect(a).not.toBe(b)
    expect(ids.next('00K').startsWith('00K')).toBe(true)
  })
})
