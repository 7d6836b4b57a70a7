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

/** A stream that says it is a terminal (process.stdout when not piped). */
function asTerminal(sink: TextSink): NodeJS.WriteStream | undefined {
  const stream = sink as Partial<NodeJS.WriteStream>
  return stream.isTTY === true ? (sink as NodeJS.WriteStream) : undefined
}

/**
 * On a terminal (stdout is a TTY) the summary refreshes in place; otherwise (a pipe, a file, a test) each
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
