import type { Connection } from '@crmsync/core'
import type { Engine, EngineLogger } from '@crmsync/engine'
import type { CycleObserver } from '@crmsync/server'

import type { CliIo } from '../cli-io.js'
import { cycleDidWork, cycleLogFields } from './cycle-log-fields.js'

/**
 * One connection's long-running loop, as `crmsync run` runs it for one connection or for every connection
 * of the file: a cycle every settings.capture.pollSeconds until io.shutdown aborts. Each cycle that did work is
 * logged at info, an idle one at debug, and every cycle is told to the console (`observer`). Resolves when
 * stopped; rejects on an error only a person can fix. `engine` is the connection's EngineSlot.asEngine(), so
 * the console's resyncs take turns with the cycles.
 */
export async function runConnectionLoop(
  connection: Connection,
  engine: Engine,
  io: Pick<CliIo, 'shutdown'>,
  logger: EngineLogger,
  observer?: CycleObserver,
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
      if (cycleDidWork(summary)) logger.info(cycleLogFields(summary), 'crmsync run: cycle')
      else logger.debug(cycleLogFields(summary), 'crmsync run: idle cycle')
      observer?.observeCycle(connection.id, summary)
    },
  })
  await loop.run()
  logger.info({ connection: connection.id }, 'crmsync run: stopped')
}
