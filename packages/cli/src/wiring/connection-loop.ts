import type { Connection } from '@crmsync/core'
import type { Engine, EngineLogger } from '@crmsync/engine'

import type { CliIo } from '../cli-io.js'
import { safeJson } from '../format/safe-json.js'

/**
 * One connection's long-running loop, as `crmsync run` runs it for one connection or for every connection
 * of the file: a cycle every settings.capture.pollSeconds until io.shutdown aborts, one JSON summary line per
 * cycle that did something. Resolves when stopped; rejects on an error only a person can fix.
 */
export async function runConnectionLoop(
  connection: Connection,
  engine: Engine,
  io: CliIo,
  logger: EngineLogger,
): Promise<void> {
  // Loaded here, not at the top: the engine costs seconds that `--help` does not need (program.ts).
  const { startInProcessRuntime } = await import('@crmsync/engine')
  const pollSeconds = connection.settings.capture.pollSeconds
  logger.info({ connection: connection.id, pollSeconds }, 'crmsync run: started')
  const loop = startInProcessRuntime({
    engine,
    pollSeconds,
    signal: io.shutdown,
    logger,
    onCycle: (summary) => {
      if (Object.keys(summary.objects).length > 0 || summary.errors.length > 0)
        io.stdout.write(`${safeJson(summary)}\n`)
    },
  })
  await loop.run()
  logger.info({ connection: connection.id }, 'crmsync run: stopped')
}
