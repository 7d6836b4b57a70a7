import type { ConfigIssue, ConfigPath } from '@crmsync/core'
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml'

export interface ParsedYaml {
  /** The document as plain data; undefined when there were syntax errors. */
  readonly value: unknown
  readonly issues: ReadonlyArray<ConfigIssue>
  /** Line and column (1-based) of the deepest existing key on a path, for messages. */
  readonly locate: (path: ConfigPath) => { line: number; column: number } | undefined
}

/** Parses YAML text; syntax errors come back as issues with their line and column. */
export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter()
  // merge: the `<<: *shared` key lets several connections share settings, as in docker-compose files.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, merge: true })
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
  if (document.errors.length > 0) {
    const issues = document.errors.map((error): ConfigIssue => {
      // linePos is filled only with prettyErrors, whose multi-line text does not fit one issue line.
      const position = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0])
      const where = ` at line ${position.line}, column ${position.col}`
      return {
        code: 'yaml-syntax',
        path: [],
        message: `YAML syntax error${where}: ${error.message.split('\n')[0] ?? ''}`,
      }
    })
    return { value: undefined, issues, locate }
  }
  return { value: document.toJS() as unknown, issues: [], locate }
}
