import type { ConfigIssue, ConfigPath } from '@crmsync/core'
import {
  type Document,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type YAMLError,
} from 'yaml'

export interface ParsedYaml {
  /** The document as plain data; undefined when there were problems. */
  readonly value: unknown
  readonly issues: ReadonlyArray<ConfigIssue>
  /** Line and column (1-based) of the deepest existing key on a path, for messages. */
  readonly locate: (path: ConfigPath) => { line: number; column: number } | undefined
}

/**
 * Aliases expanded per document before it counts as an alias bomb (the `yaml` library's default): ample for
 * connections sharing settings blocks, far below what a "billion laughs" file needs.
 */
const MAX_ALIAS_COUNT = 100

type Position = { line: number; col: number }

function issueAt(position: Position | undefined, message: string): ConfigIssue {
  const where = position === undefined ? '' : ` at line ${position.line}, column ${position.col}`
  return { code: 'yaml-syntax', path: [], message: `YAML syntax error${where}: ${message}` }
}

/** The library's message, shortened to one line, or ours where its words would puzzle a reader. */
function describeYamlError(error: YAMLError): string {
  const text = error.message.split('\n')[0] ?? ''
  if (error.code === 'TAG_RESOLVE_FAILED') {
    const tag = /^Unresolved tag: (.*)$/.exec(text)?.[1] ?? text
    return `tag ${tag.replace(/^tag:yaml\.org,2002:/, '!!')} is not supported: write plain strings, numbers, booleans, lists and mappings`
  }
  if (error.code === 'RESOURCE_EXHAUSTION') return 'the document nests too deeply'
  return text
}

/**
 * Problems of the document tree that the library lets through: keys that are not plain scalars (it would
 * turn `? [a, b]` into the key "[ a, b ]" and warn on the process), aliases with no anchor before them, and
 * aliases inside the node they name (a circular document, which would overflow the stack further on).
 * Walks the tree in file order without expanding aliases, with an explicit stack, so a hostile file costs
 * its own size.
 */
function treeIssues(document: Document, position: (offset: number) => Position): ConfigIssue[] {
  const issues: ConfigIssue[] = []
  const at = (node: unknown) => {
    const offset = (node as Node | null)?.range?.[0]
    return offset === undefined ? undefined : position(offset)
  }
  // An alias names the last node with that anchor before it; `open` holds the nodes being walked into.
  const latest = new Map<string, unknown>()
  const open = new Set<unknown>()
  const stack: Array<{ node: unknown } | { leave: unknown }> = [{ node: document.contents }]
  while (stack.length > 0) {
    const entry = stack.pop()
    if (entry === undefined) break
    if ('leave' in entry) {
      open.delete(entry.leave)
      continue
    }
    const { node } = entry
    if (isAlias(node)) {
      const target = latest.get(node.source)
      if (target === undefined) {
        issues.push(issueAt(at(node), `alias *${node.source} has no anchor &${node.source} before it`))
      } else if (open.has(target)) {
        issues.push(issueAt(at(node), `alias *${node.source} is inside the node it names`))
      }
      continue
    }
    const anchor = (node as { anchor?: unknown } | null)?.anchor
    if (typeof anchor === 'string') latest.set(anchor, node)
    if (!isCollection(node)) continue
    open.add(node)
    stack.push({ leave: node })
    // Pushed in reverse so items are visited in file order, as anchors must come before their aliases.
    for (const item of [...node.items].reverse()) {
      if (isMap(node) && isPair(item)) {
        stack.push({ node: item.value })
        if (isScalar(item.key) || isAlias(item.key)) stack.push({ node: item.key })
        else {
          const where = at(item.key) ?? at(item.value)
          issues.push(issueAt(where, 'a key must be a plain name, not a list or a mapping'))
        }
      } else stack.push({ node: item })
    }
  }
  return issues
}

/** What `toJS` throws, in words for the person editing the file. */
function describeThrown(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err)
  if (/excessive alias count/i.test(text)) {
    return (
      `the aliases expand to more than ${MAX_ALIAS_COUNT} copies (a "billion laughs" file?): ` +
      'use fewer aliases or write the values out'
    )
  }
  if (/merge sources/i.test(text)) return 'a merge key (<<) takes a mapping or an alias of one'
  return text
}

/**
 * Parses YAML text. Every YAML problem comes back as an issue, never as an exception: syntax errors and
 * duplicate keys (with line and column), tags (only plain data is read: `!!binary`, `!!set`, custom tags
 * are refused), keys that are not scalars, dangling aliases, and alias bombs.
 */
export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter()
  // merge: the `<<: *shared` key lets several connections share settings, as in docker-compose files.
  // resolveKnownTags off: !!binary, !!set, !!timestamp would hand Buffers, Sets and Dates to the schema.
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    merge: true,
    resolveKnownTags: false,
  })
  const locate = (path: ConfigPath) => {
    let node: unknown = document.contents
    let offset: number | undefined
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => isScalar(item.key) && String(item.key.value) === String(segment),
        )
        if (pair === undefined) break
        offset = (pair.key as Node).range?.[0]
        node = pair.value
      } else if (isSeq(node) && typeof segment === 'number') {
        const item: unknown = node.items[segment]
        if (item === undefined) break
        offset = (item as Node).range?.[0]
        node = item
      } else break
    }
    if (offset === undefined) return undefined
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  const failed = (issues: ConfigIssue[]): ParsedYaml => ({ value: undefined, issues, locate })
  // The library's warnings (unresolved tags, ambiguous aliases) are problems too: the file means something
  // other than what it seems to.
  const problems = [...document.errors, ...document.warnings]
  if (problems.length > 0) {
    const messages = new Set<string>()
    const issues: ConfigIssue[] = []
    for (const error of problems) {
      // linePos is filled only with prettyErrors, whose multi-line text does not fit one issue line.
      const position = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0])
      const message = describeYamlError(error)
      // A too-deep document reports the same exhaustion once per level it unwinds.
      const key =
        error.code === 'RESOURCE_EXHAUSTION' ? message : `${position.line}:${position.col} ${message}`
      if (messages.has(key)) continue
      messages.add(key)
      issues.push(issueAt(position, message))
    }
    return failed(issues)
  }
  const tree = treeIssues(document, (offset) => lineCounter.linePos(offset))
  if (tree.length > 0) return failed(tree)
  try {
    return { value: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown, issues: [], locate }
  } catch (err) {
    return failed([issueAt(undefined, describeThrown(err))])
  }
}
