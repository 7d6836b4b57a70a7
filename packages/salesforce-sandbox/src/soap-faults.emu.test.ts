// SOAP faults as the partner API sends them: HTTP 500, `sf:CODE` with the sf prefix bound to
// urn:fault.partner.soap.sforce.com, and a typed detail (LoginFault for login, UnexpectedErrorFault else).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { failure, type Harness, startHarness } from './testing/harness.js'

const PASSWORD = 'right-password'
const USER = 'avery.lindqvist@acme-demo.com'
const LOGIN_MESSAGE = 'Invalid username, password, security token; or user locked out.'

let h: Harness
beforeAll(async () => {
  h = await startHarness({ oauth: { password: PASSWORD } })
})
afterAll(() => h.close())

function loginEnvelope(username: string, password: string): string {
  return (
    '<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Body>' +
    `<login xmlns="urn:partner.soap.sforce.com"><username>${username}</username>` +
    `<password>${password}</password></login></se:Body></se:Envelope>`
  )
}

async function soap(body: string): Promise<{ status: number; type: string | null; xml: string }> {
  const res = await fetch(`${h.instanceUrl}/services/Soap/u/59.0`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml', SOAPAction: '""' },
    body,
  })
  return { status: res.status, type: res.headers.get('content-type'), xml: await res.text() }
}

/** Namespace URIs by prefix, from every xmlns:p="…" in the document (the envelopes declare all on the root). */
function namespaces(xml: string): Map<string, string> {
  return new Map([...xml.matchAll(/xmlns:([\w.-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]))
}

/** Prefixes used in element names, attribute names or QName values (faultcode, xsi:type) but never declared. */
function unboundPrefixes(xml: string): string[] {
  const declared = namespaces(xml)
  const used = [
    ...xml.matchAll(/<\/?([\w.-]+):/g),
    ...xml.matchAll(/\s([\w.-]+):[\w.-]+=/g),
    ...xml.matchAll(/<faultcode>([\w.-]+):/g),
    ...xml.matchAll(/:type="([\w.-]+):/g),
  ].map((m) => m[1]!)
  return [...new Set(used)].filter((p) => p !== 'xmlns' && !declared.has(p))
}

describe('the SOAP login fault (raw HTTP)', () => {
  it('is a 500 INVALID_LOGIN fault with a declared sf prefix and a LoginFault detail', async () => {
    for (const body of [loginEnvelope(USER, 'wrong'), loginEnvelope('nobody@acme-demo.com', PASSWORD)]) {
      const { status, type, xml } = await soap(body)
      expect(status).toBe(500)
      expect(type).toMatch(/^text\/xml/)
      expect(unboundPrefixes(xml)).toEqual([])
      const ns = namespaces(xml)
      expect(ns.get('soapenv')).toBe('http://schemas.xmlsoap.org/soap/envelope/')
      expect(ns.get('sf')).toBe('urn:fault.partner.soap.sforce.com')
      expect(ns.get('xsi')).toBe('http://www.w3.org/2001/XMLSchema-instance')
      expect(xml).toContain(
        '<soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_LOGIN</faultcode>' +
          `<faultstring>INVALID_LOGIN: ${LOGIN_MESSAGE}</faultstring>` +
          '<detail><sf:LoginFault xsi:type="sf:LoginFault"><sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode>' +
          `<sf:exceptionMessage>${LOGIN_MESSAGE}</sf:exceptionMessage></sf:LoginFault></detail>` +
          '</soapenv:Fault></soapenv:Body>',
      )
    }
  })

  it('gives other faults the same shape with an UnexpectedErrorFault detail', async () => {
    const body =
      '<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Header>' +
      '<SessionHeader xmlns="urn:partner.soap.sforce.com"><sessionId>00Dnope!AQbad</sessionId></SessionHeader>' +
      '</se:Header><se:Body><getServerTimestamp xmlns="urn:partner.soap.sforce.com"/></se:Body></se:Envelope>'
    const { status, xml } = await soap(body)
    expect(status).toBe(500)
    expect(unboundPrefixes(xml)).toEqual([])
    expect(namespaces(xml).get('sf')).toBe('urn:fault.partner.soap.sforce.com')
    expect(xml).toMatch(
      /<faultcode>sf:INVALID_SESSION_ID<\/faultcode><faultstring>INVALID_SESSION_ID: [^<]+<\/faultstring><detail><sf:UnexpectedErrorFault xsi:type="sf:UnexpectedErrorFault"><sf:exceptionCode>INVALID_SESSION_ID<\/sf:exceptionCode><sf:exceptionMessage>[^<]+<\/sf:exceptionMessage><\/sf:UnexpectedErrorFault><\/detail>/,
    )
  })
})

describe('the SOAP login fault (jsforce)', () => {
  it('rejects login() with a wrong password with INVALID_LOGIN, and accepts the right one', async () => {
    const { Connection } = (await import('jsforce')).default
    const conn = new Connection({ loginUrl: h.instanceUrl, version: '59.0' })
    const err = await failure(conn.login(USER, 'wrong'))
    expect(err.message).toBe(`INVALID_LOGIN: ${LOGIN_MESSAGE}`)
    const info = await conn.login(USER, PASSWORD)
    expect(info.id).toMatch(/^005/)
  })

  it("parses the fault with jsforce's SOAP client into errorCode and message", async () => {
    const { Connection } = (await import('jsforce')).default
    const { SOAP } = await import('jsforce/lib/soap.js')
    const conn = new Connection({ instanceUrl: h.instanceUrl, version: '59.0' })
    const client = new SOAP(conn, { endpointUrl: `${h.instanceUrl}/services/Soap/u/59.0` })
    const err = await failure(client.invoke('login', { username: USER, password: 'wrong' }))
    expect(err.errorCode).toBe('sf:INVALID_LOGIN')
    expect(err.message).toBe(`INVALID_LOGIN: ${LOGIN_MESSAGE}`)
  })
})
