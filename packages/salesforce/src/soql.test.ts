import { parseQuery } from '@jetstreamapp/soql-parser-js'
import { describe, expect, it } from 'vitest'

import {
  accountIdChunks,
  assertApiName,
  assertSalesforceId,
  buildAccountContactsQuery,
  buildCaptureQuery,
  buildEmailQuery,
  buildIdListQuery,
  chunk,
  emailChunks,
  MAX_QUERY_URL_CHARS,
  selectList,
  soqlDateTime,
  soqlString,
} from './soql.js'

/** Reverses SOQL string escaping, the way Salesforce reads a literal. */
function unescapeSoql(literal: string): string {
  const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }
  return literal.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => map[c] ?? c)
}

describe('soqlString', () => {
  it.each([
    ["o'brien@example.com", "'o\\'brien@example.com'"],
    ['back\\slash@example.com', "'back\\\\slash@example.com'"],
    ["both'\\@example.com", "'both\\'\\\\@example.com'"],
    ['line\nbreak', "'line\\nbreak'"],
    ['say "hi"', '\'say \\"hi\\"\''],
  ])('escapes %j', (value, expected) => {
    expect(soqlString(value)).toBe(expected)
    expect(unescapeSoql(soqlString(value))).toBe(value)
  })

  it('cannot be broken out of: an injected clause stays inside the literal', () => {
    const hostile = "x' OR Email != '"
    const soql = buildEmailQuery('Contact', [hostile])
    const where = parseQuery(soql).where
    expect(where?.left).toMatchObject({ field: 'Email', operator: 'IN' })
    const values = (where?.left as { value: string[] }).value
    expect(values.map(unescapeSoql)).toEqual([hostile])
  })
})

describe('soqlDateTime', () => {
  it('writes second precision in UTC without quotes', () => {
    expect(soqlDateTime(Date.UTC(2024, 4, 1, 10, 0, 0, 999))).toBe('2024-05-01T10:00:00Z')
  })
})

describe('buildCaptureQuery', () => {
  const from = Date.UTC(2024, 4, 1, 10, 0, 0)

  it('reads SystemModstamp >= from, ordered by SystemModstamp, Id, 2000 rows', () => {
    const soql = buildCaptureQuery({ type: 'Lead', fields: ['Id', 'SystemModstamp', 'Email'], from })
    expect(soql).toBe(
      'SELECT Id, SystemModstamp, Email FROM Lead WHERE SystemModstamp >= 2024-05-01T10:00:00Z ' +
        'ORDER BY SystemModstamp, Id LIMIT 2000',
    )
    expect(() => parseQuery(soql)).not.toThrow()
  })

  it('resumes after a keyset position', () => {
    const soql = buildCaptureQuery({
      type: 'Contact',
      fields: ['Id'],
      from,
      after: { modstamp: from + 5000, id: '003000000000001AAA' },
    })
    expect(soql).toContain('WHERE SystemModstamp >= 2024-05-01T10:00:00Z AND ')
    expect(soql).toContain(
      "(SystemModstamp > 2024-05-01T10:00:05Z OR (SystemModstamp = 2024-05-01T10:00:05Z AND Id > '003000000000001AAA'))",
    )
    expect(() => parseQuery(soql)).not.toThrow()
  })

  it('refuses an id or type that is not one', () => {
    expect(() =>
      buildCaptureQuery({ type: 'Lead', fields: ['Id'], from, after: { modstamp: from, id: "x' OR ''='" } }),
    ).toThrow(/not a Salesforce id/)
    expect(() => buildCaptureQuery({ type: 'Lead WHERE', fields: ['Id'], from })).toThrow(/not an API name/)
  })
})

describe('buildEmailQuery', () => {
  it('excludes converted leads and orders by CreatedDate, Id (B-CON-8)', () => {
    const soql = buildEmailQuery('Lead', ['a@x.com', 'b@x.com'])
    expect(soql).toBe(
      "SELECT Id, Email FROM Lead WHERE Email IN ('a@x.com', 'b@x.com') AND IsConverted = false ORDER BY CreatedDate, Id",
    )
    expect(buildEmailQuery('Contact', ['a@x.com'])).not.toContain('IsConverted')
    expect(() => parseQuery(soql)).not.toThrow()
  })
})

describe('helpers', () => {
  it('selectList puts required fields first and drops case-insensitive duplicates', () => {
    expect(selectList(['Id', 'SystemModstamp'], ['email', 'ID', 'Owner.Email', 'Email'])).toEqual([
      'Id',
      'SystemModstamp',
      'email',
      'Owner.Email',
    ])
  })

  it('accepts 15- and 18-character ids and API names with parents', () => {
    expect(assertSalesforceId('00Q000000000001')).toBe('00Q000000000001')
    expect(assertSalesforceId('00Q000000000001AAA')).toBe('00Q000000000001AAA')
    expect(() => assertSalesforceId('00Q00000000001')).toThrow()
    expect(assertApiName('Owner.Email')).toBe('Owner.Email')
    expect(() => assertApiName('Email, (SELECT')).toThrow()
  })

  it('chunk splits into pieces of at most n', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
    expect(chunk([], 2)).toEqual([])
  })
})

describe('emailChunks', () => {
  it('cuts IN lists by the encoded URL length, keeping every address once and in order', () => {
    const emails = Array.from({ length: 2000 }, (_, i) => `person.${i}@example-company.test`)
    const chunks = emailChunks('Lead', emails)
    expect(chunks.flat()).toEqual(emails)
    for (const part of chunks) {
      const url = `/query?q=${encodeURIComponent(buildEmailQuery('Lead', part))}`
      expect(url.length).toBeLessThanOrEqual(MAX_QUERY_URL_CHARS + '/query?q='.length)
    }
    // Full lists, not a fixed 200: 2000 addresses of 33 characters fit in a handful of queries.
    expect(chunks.length).toBeLessThanOrEqual(7)
    expect(chunks.slice(0, -1).every((p) => p.length > 200)).toBe(true)
  })

  it('counts quotes and escapes as they are encoded', () => {
    const odd = Array.from({ length: 300 }, (_, i) => `o'brien+${i}@x.test`)
    for (const part of emailChunks('Contact', odd)) {
      expect(encodeURIComponent(buildEmailQuery('Contact', part)).length).toBeLessThanOrEqual(
        MAX_QUERY_URL_CHARS,
      )
    }
  })
})

describe('contacts of accounts (B-CMP-4)', () => {
  const ids = Array.from({ length: 1500 }, (_, i) => `001${String(i).padStart(12, '0')}AAA`)

  it('selects Id, AccountId by AccountId IN; leaves out person contacts only when asked (B-PA-3)', () => {
    const plain = buildAccountContactsQuery(ids.slice(0, 2), false)
    expect(plain).toBe(
      `SELECT Id, AccountId FROM Contact WHERE AccountId IN ('${ids[0]}', '${ids[1]}') ORDER BY AccountId, Id`,
    )
    const parsed = parseQuery(buildAccountContactsQuery(ids.slice(0, 2), true))
    expect(parsed.where?.left).toMatchObject({ field: 'AccountId', operator: 'IN' })
    const right = (parsed.where as { right?: { left?: unknown } } | undefined)?.right
    expect(right?.left).toMatchObject({
      field: 'IsPersonAccount',
      operator: '=',
      literalType: 'BOOLEAN',
    })
  })

  it('refuses anything that is not an id, so nothing can break out of the literal', () => {
    expect(() => buildAccountContactsQuery(["001' OR Name != '"], false)).toThrow(/not a Salesforce id/)
  })

  it('cuts IN lists by the encoded URL length, keeping every id once and in order', () => {
    for (const person of [false, true]) {
      const chunks = accountIdChunks(ids, person)
      expect(chunks.flat()).toEqual(ids)
      expect(chunks.length).toBeGreaterThan(1)
      expect(chunks.length).toBeLessThanOrEqual(4)
      for (const part of chunks)
        expect(encodeURIComponent(buildAccountContactsQuery(part, person)).length).toBeLessThanOrEqual(
          MAX_QUERY_URL_CHARS,
        )
    }
  })
})

describe('buildIdListQuery', () => {
  it('orders by Id for the query locator, with an optional filter', () => {
    expect(buildIdListQuery('Account')).toBe('SELECT Id FROM Account ORDER BY Id')
    expect(buildIdListQuery('Lead', 'IsConverted = false')).toBe(
      'SELECT Id FROM Lead WHERE IsConverted = false ORDER BY Id',
    )
  })
})
