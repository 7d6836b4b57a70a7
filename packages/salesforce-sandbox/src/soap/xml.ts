import { text } from '../text.js'

// A small XML reader for the SOAP requests jsforce sends (elements, text, entities; no DTDs),
// and helpers to write the responses.

export interface XmlNode {
  /** Local name without the namespace prefix. */
  name: string
  attributes: Record<string, string>
  children: XmlNode[]
  text: string
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16))
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)))
    return ENTITIES[e] ?? m
  })
}

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]!};`,
  )
}

/** Parses a document into its root element; throws on unbalanced tags. */
export function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' }
  const stack = [root]
  const re =
    /<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|([^<]+)/g
  let m: RegExpExecArray | null
  while ((m = re.exec(xml)) !== null) {
    const top = stack[stack.length - 1]!
    if (m[1] !== undefined) top.text += m[1]
    else if (m[6] !== undefined) top.text += decode(m[6])
    else if (m[3] !== undefined) {
      const name = m[3].replace(/^[\w.-]+:/, '')
      if (m[2] === '/') {
        if (stack.length < 2 || top.name !== name) throw new Error(`unbalanced tag </${m[3]}>`)
        stack.pop()
        continue
      }
      const attributes: Record<string, string> = {}
      for (const a of (m[4] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        attributes[a[1]!] = decode(a[2] ?? a[3] ?? '')
      }
      const node: XmlNode = { name, attributes, children: [], text: '' }
      top.children.push(node)
      if (m[5] !== '/') stack.push(node)
    }
  }
  if (stack.length !== 1 || !root.children[0]) throw new Error('malformed XML')
  return root.children[0]
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name)
}

export function childText(node: XmlNode | undefined, name: string): string | undefined {
  const c = child(node, name)
  if (!c || c.attributes['xsi:nil'] === 'true') return undefined
  return c.text.trim()
}

/** Serialises a value tree: objects become elements, arrays repeat the element, null/undefined are left out. */
export function toXml(name: string, value: unknown): string {
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map((v) => toXml(name, v)).join('')
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => toXml(k, v))
      .join('')
    return `<${name}>${inner}</${name}>`
  }
  return `<${name}>${escapeXml(text(value))}</${name}>`
}

export function envelope(body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  )
}

/** The typed detail of a fault: `LoginFault` for login, `UnexpectedErrorFault` for everything else. */
export type FaultType = 'LoginFault' | 'UnexpectedErrorFault'

/**
 * A SOAP fault as the partner API sends it (with HTTP 500): the `sf` prefix of the fault code and of the
 * detail is declared (urn:fault.partner.soap.sforce.com), as is `xsi` for the detail's type, so
 * namespace-aware parsers (zeep, .NET, Java) read it, not only regex-based ones.
 */
export function fault(code: string, message: string, type: FaultType = 'UnexpectedErrorFault'): string {
  const c = escapeXml(code)
  const m = escapeXml(message)
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<soapenv:Body><soapenv:Fault><faultcode>sf:${c}</faultcode><faultstring>${c}: ${m}</faultstring>` +
    `<detail><sf:${type} xsi:type="sf:${type}"><sf:exceptionCode>${c}</sf:exceptionCode>` +
    `<sf:exceptionMessage>${m}</sf:exceptionMessage></sf:${type}></detail>` +
    '</soapenv:Fault></soapenv:Body></soapenv:Envelope>'
  )
}
