import { describe, expect, it } from 'vitest'

import { briefMessage } from './brief-text.js'

describe('briefMessage', () => {
  it('keeps a short message whole', () => {
    expect(briefMessage('LastName is required')).toBe('LastName is required')
  })

  it('cuts a long one and says where the rest is', () => {
    const long = `industry: Other was not one of the allowed options: [${'ACCOUNTING, '.repeat(200)}]`
    const brief = briefMessage(long)
    expect(brief.startsWith('industry: Other was not one of the allowed options: [ACCOUNTING')).toBe(true)
    expect(brief.length).toBeLessThan(260)
    expect(brief.endsWith('(crmsync errors shows all of it)')).toBe(true)
  })
})
