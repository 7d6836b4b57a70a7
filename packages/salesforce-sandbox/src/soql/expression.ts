// Turns the parser's WHERE output (a right-leaning chain with parenthesis counts) into a proper tree,
// with AND binding tighter than OR and NOT tightest, as SOQL does.
import type { WhereClause } from '@jetstreamapp/soql-parser-js'

import { SfError } from '../errors.js'

export type LiteralKind = 'string' | 'number' | 'boolean' | 'null' | 'date' | 'datetime' | 'dateLiteral'

export interface Literal {
  kind: LiteralKind
  /** Unquoted, unescaped text (strings), the number, the boolean, or the raw date/datetime text. */
  value: string | number | boolean | null
  /** For LIKE: the string's escaped body, so `\%` and `\_` stay literal. */
  raw?: string
}

export type Operator =
  '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'NOT IN' | 'LIKE' | 'INCLUDES' | 'EXCLUDES'

export type Expr =
  | { kind: 'and' | 'or'; items: Expr[] }
  | { kind: 'not'; item: Expr }
  | { kind: 'cond'; field: string; op: Operator; values: Literal[]; list: boolean }

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | Expr

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
}

/** Removes the quotes and resolves backslash escapes (`\%` and `\_` keep their backslash for LIKE). */
export function unquote(text: string): { value: string; raw: string } {
  const raw = text.startsWith("'") && text.endsWith("'") ? text.slice(1, -1) : text
  const value = raw.replace(
    /\\(.)/g,
    (_m, c: string) => ESCAPES[c] ?? (c === '%' || c === '_' ? `\\${c}` : c),
  )
  return { value, raw }
}

function literal(kind: string, text: string): Literal {
  switch (kind) {
    case 'STRING': {
      const { value, raw } = unquote(text)
      return { kind: 'string', value, raw }
    }
    case 'INTEGER':
    case 'DECIMAL':
    case 'INTEGER_WITH_CURRENCY_PREFIX':
    case 'DECIMAL_WITH_CURRENCY_PREFIX':
      return { kind: 'number', value: Number(text.replace(/^[A-Z]{3}/, '')) }
    case 'BOOLEAN':
      return { kind: 'boolean', value: text.toLowerCase() === 'true' }
    case 'NULL':
      return { kind: 'null', value: null }
    case 'DATE':
      return { kind: 'date', value: text }
    case 'DATETIME':
      return { kind: 'datetime', value: text }
    case 'DATE_LITERAL':
    case 'DATE_N_LITERAL':
      return { kind: 'dateLiteral', value: text.toUpperCase() }
    default:
      throw new SfError(400, 'MALFORMED_QUERY', `unsupported literal: ${text}`)
  }
}

function condition(node: Record<string, unknown>): Expr {
  if (!('field' in node) || typeof node['field'] !== 'string') {
    throw new SfError(400, 'MALFORMED_QUERY', 'only field conditions are supported in WHERE')
  }
  if ('valueQuery' in node) throw new SfError(400, 'MALFORMED_QUERY', 'semi-joins are not supported')
  const op = String(node['operator']).toUpperCase() as Operator
  const raw = node['value']
  const kinds = node['literalType']
  const list = Array.isArray(raw)
  const texts = (list ? raw : [raw]) as string[]
  const values = texts.map((text, i) =>
    literal(String(Array.isArray(kinds) ? kinds[i] : kinds), String(text)),
  )
  return { kind: 'cond', field: node['field'], op, values, list }
}

function tokenize(node: WhereClause | undefined, out: Token[]): void {
  let current: Record<string, unknown> | undefined = node as unknown as Record<string, unknown> | undefined
  while (current) {
    const left = current['left'] as Record<string, unknown> | null
    const op = current['operator'] as string | undefined
    if (left === null && op === 'NOT') {
      out.push('NOT')
    } else if (left) {
      for (let i = 0; i < Number(left['openParen'] ?? 0); i++) out.push('(')
      out.push(condition(left))
      for (let i = 0; i < Number(left['closeParen'] ?? 0); i++) out.push(')')
      if (op) out.push(op.toUpperCase() as 'AND' | 'OR')
    }
    current = current['right'] as Record<string, unknown> | undefined
  }
}

/** Builds the WHERE tree, or undefined when there is no WHERE clause. */
export function whereToExpr(where: WhereClause | undefined): Expr | undefined {
  if (!where) return undefined
  const tokens: Token[] = []
  tokenize(where, tokens)
  let pos = 0
  const fail = (): never => {
    throw new SfError(400, 'MALFORMED_QUERY', 'unexpected token in WHERE clause')
  }
  const parseOr = (): Expr => {
    const items = [parseAnd()]
    while (tokens[pos] === 'OR') {
      pos++
      items.push(parseAnd())
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items }
  }
  const parseAnd = (): Expr => {
    const items = [parseUnary()]
    while (tokens[pos] === 'AND') {
      pos++
      items.push(parseUnary())
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items }
  }
  const parseUnary = (): Expr => {
    const token = tokens[pos++]
    if (token === 'NOT') return { kind: 'not', item: parseUnary() }
    if (token === '(') {
      const inner = parseOr()
      if (tokens[pos++] !== ')') fail()
      return inner
    }
    if (token === undefined || typeof token === 'string') return fail()
    return token
  }
  const expr = parseOr()
  if (pos !== tokens.length) fail()
  return expr
}
