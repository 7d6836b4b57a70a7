import { describe, expect, it } from 'vitest'

import { isFreeMailDomain } from '../model/free-mail-domains.js'
import { companyNameFromDomain, domainOf } from './auto-associate-company.js'

describe('auto-association helpers (B-CMP-5)', () => {
  it('reads the domain of an address or a website URL', () => {
    expect(domainOf('Ann@Acme.com')).toBe('acme.com')
    expect(domainOf('https://www.Hooli.com/about?x=1')).toBe('hooli.com')
    expect(domainOf('hooli.com:8080')).toBe('hooli.com')
    expect(domainOf('localhost')).toBeUndefined()
    expect(domainOf(undefined)).toBeUndefined()
  })

  it('names a company after its domain, as HubSpot fills it from its company data', () => {
    expect(companyNameFromDomain('acme.com')).toBe('Acme')
    expect(companyNameFromDomain('info.example.com')).toBe('Example')
    expect(companyNameFromDomain('acme.co.uk')).toBe('Acme')
    expect(companyNameFromDomain('big-corp.io')).toBe('Big Corp')
  })

  it('knows the common free-mail domains', () => {
    for (const domain of ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'aol.com'])
      expect(isFreeMailDomain(domain)).toBe(true)
    expect(isFreeMailDomain('acme.com')).toBe(false)
  })
})
