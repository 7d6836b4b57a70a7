import { createLogUpdate } from 'log-update'

import type { TextSink } from '../cli-io.js'
import { safeLines } from '../format/safe-text.js'

/** Where the demo's live summary goes: redrawn in place on a terminal, appended as blocks elsewhere. */
export interface SummaryScreen {
  /** Shows the summary now (replacing the last one on a terminal). */
  show(lines: readonly string[]): void
  /** Leaves the last summary on screen as ordinary output, so later lines print below it. */
  done(): void
}

/**
 * A stream that says it is a terminal (process.stdout when not piped) and knows its size: log-update cuts its
 * text to the terminal's rows, so a terminal that reports none (a bare pseudo-terminal) would show nothing.
 */
function asTerminal(sink: TextSink): NodeJS.WriteStream | undefined {
  const stream = sink as Partial<NodeJS.WriteStream>
  const sized = (stream.rows ?? 0) > 0 && (stream.columns ?? 0) > 0
  return stream.isTTY === true && sized ? (sink as NodeJS.WriteStream) : undefined
}

/**
 * On a terminal (stdout is a TTY with a size) the summary refreshes in place; otherwise (a pipe, a file, a test) each
 * refresh prints one block, which is what scripts and tests read. The cursor stays visible: a second Ctrl-C
 * ends the process at once, with no chance to show a hidden cursor again.
 */
export function createSummaryScreen(stdout: TextSink): SummaryScreen {
  const terminal = asTerminal(stdout)
  if (terminal === undefined) {
    return { show: (lines) => void stdout.write(safeLines(lines)), done: () => undefined }
  }
  const update = createLogUpdate(terminal, { showCursor: true })
  return {
    // safeLines ends every line with a newline; log-update adds its own.
    show: (lines) => update(safeLines(lines).replace(/\n$/, '')),
    done: () => update.done(),
  }
}
