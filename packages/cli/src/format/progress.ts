import { Presets, SingleBar } from 'cli-progress'

import type { TextSink } from '../cli-io.js'

/** A progress display; does nothing when the sink is not a terminal (logs and pipes stay clean). */
export interface Progress {
  start(total: number, label: string): void
  update(done: number): void
  stop(): void
}

function isTerminal(sink: TextSink): sink is TextSink & NodeJS.WritableStream & { isTTY: true } {
  return 'isTTY' in sink && (sink as { isTTY?: unknown }).isTTY === true
}

/** A cli-progress bar on `sink` (stderr, so stdout keeps the summary) when it is a TTY. */
export function createProgress(sink: TextSink): Progress {
  if (!isTerminal(sink)) return { start: () => undefined, update: () => undefined, stop: () => undefined }
  const bar = new SingleBar(
    {
      stream: sink,
      format: '{label} [{bar}] {value}/{total} records | {eta_formatted} left',
      hideCursor: true,
    },
    Presets.shades_classic,
  )
  return {
    start: (total, label) => bar.start(total, 0, { label }),
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  }
}
