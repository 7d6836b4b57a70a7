// Formula fields: a small subset of Salesforce's formula language, enough for fields computed from other
// fields of the same record: field names, number and string literals, parentheses, + - * / and & (text).
// A formula is evaluated whenever the field is read, never stored, so a recalculation is not an edit: it
// changes neither SystemModstamp nor LastModifiedDate.
import { RecordError } from '../errors.js'
import type { SfRecord } from '../store/table.js'
import { text } from '../text.js'

export interface Formula {
  /** The formula as written (describe's `calculatedFormula`). */
  readonly text: string
  /** The names of the fields it reads, in their canonical casing. */
  readonly inputs: readonly string[]
  evaluate(record: SfRecord): unknown
}

type Node =
  | { kind: 'literal'; value: number | string }
  | { kind: 'field'; name: string }
  | { kind: 'negate'; operand: Node }
  | { kind: 'binary'; op: string; left: Node; right: Node }

const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([A-Za-z_][A-Za-z0-9_]*)|([-+*/&()]))/y

function invalid(formula: string, detail: string): RecordError {
  return new RecordError('FIELD_INTEGRITY_EXCEPTION', `Formula: ${detail} in ${formula}`, ['formula'])
}

function tokenize(formula: string): string[] {
  const tokens: string[] = []
  TOKEN.lastIndex = 0
  while (TOKEN.lastIndex < formula.length) {
    if (formula.slice(TOKEN.lastIndex).trim() === '') break
    const at = TOKEN.lastIndex
    const m = TOKEN.exec(formula)
    if (!m) throw invalid(formula, `Syntax error at position ${at + 1}`)
    tokens.push(m[1] ?? (m[2] !== undefined ? `'${m[2]}` : m[3] !== undefined ? `'${m[3]}` : (m[4] ?? m[5]!)))
  }
  return tokens
}

/** Parses and checks a formula; `fieldName` maps a name in any casing to the field's canonical name. */
export function compileFormula(
  formula: string,
  fieldName: (name: string) => string | undefined,
  blankAsZero: boolean,
  resultIsText: boolean,
): Formula {
  const tokens = tokenize(formula)
  let pos = 0
  const inputs = new Set<string>()
  const expect = (token: string): void => {
    if (tokens[pos] !== token) throw invalid(formula, `Missing '${token}'`)
    pos++
  }
  const factor = (): Node => {
    const token = tokens[pos++]
    if (token === undefined) throw invalid(formula, 'Syntax error. Missing operand')
    if (token === '(') {
      const inner = expression()
      expect(')')
      return inner
    }
    if (token === '-') return { kind: 'negate', operand: factor() }
    if (token.startsWith("'")) return { kind: 'literal', value: token.slice(1) }
    if (/^\d/.test(token)) return { kind: 'literal', value: Number(token) }
    if (/^[A-Za-z_]/.test(token)) {
      const name = fieldName(token)
      if (!name) throw invalid(formula, `Field ${token} does not exist. Check spelling`)
      inputs.add(name)
      return { kind: 'field', name }
    }
    throw invalid(formula, `Syntax error. Found '${token}'`)
  }
  const term = (): Node => {
    let node = factor()
    while (tokens[pos] === '*' || tokens[pos] === '/') {
      const op = tokens[pos++]!
      node = { kind: 'binary', op, left: node, right: factor() }
    }
    return node
  }
  const expression = (): Node => {
    let node = term()
    while (tokens[pos] === '+' || tokens[pos] === '-' || tokens[pos] === '&') {
      const op = tokens[pos++]!
      node = { kind: 'binary', op, left: node, right: term() }
    }
    return node
  }
  const root = expression()
  if (pos !== tokens.length) throw invalid(formula, `Syntax error. Extra '${tokens[pos]}'`)

  const blank = (v: unknown): boolean => v === null || v === undefined || v === ''
  const evaluate = (node: Node, record: SfRecord): unknown => {
    switch (node.kind) {
      case 'literal':
        return node.value
      case 'field':
        return record[node.name] ?? null
      case 'negate': {
        const v = evaluate(node.operand, record)
        return blank(v) ? (blankAsZero ? 0 : null) : -Number(v)
      }
      case 'binary': {
        const left = evaluate(node.left, record)
        const right = evaluate(node.right, record)
        if (node.op === '&' || (node.op === '+' && (typeof left === 'string' || typeof right === 'string')))
          return text(left) + text(right)
        const l = blank(left) ? (blankAsZero ? 0 : null) : Number(left)
        const r = blank(right) ? (blankAsZero ? 0 : null) : Number(right)
        if (l === null || r === null) return null
        if (node.op === '+') return l + r
        if (node.op === '-') return l - r
        if (node.op === '*') return l * r
        return r === 0 ? null : l / r
      }
    }
  }
  return {
    text: formula,
    inputs: [...inputs],
    evaluate(record) {
      const value = evaluate(root, record)
      if (resultIsText) return blank(value) ? null : text(value)
      return typeof value === 'number' && Number.isFinite(value) ? value : null
    },
  }
}
