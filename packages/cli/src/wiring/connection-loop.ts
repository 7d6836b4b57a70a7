import type { Connection } from '@crmsync/core'
import type { EngineLogger } from '@crmsync/engine'
import type { CycleObserver } from '@crmsync/server'
import { cycleDidWork } from '@crmsync/server/cycle-view'

import type { CliIo } from '../cli-io.js'
import { cycleLogFields } from './cycle-log-fields.js'
import type { EngineSlot } from './engine-slot.js'

/**
 * One connection's long-running loop, as `crmsync run` runs it for one connection or for every connection
 * of the file: a cycle every settings.capture.pollSeconds until io.shutdown aborts. Each cycle that did work is
 * logged at info, an idle one at debug, and every cycle is told to the console (`observer`). Resolves when
 * stopped; rejects on an error only a person can fix. Cycles run through the connection's slot, so the
 * console's resyncs take turns with them; pollSeconds is read from the configuration of the slot's current
 * engine (a save in the console swaps both), so a new poll holds without a restart.
 */
export async function runConnectionLoop(
  connection: Connection,
  slot: EngineSlot,
  io: Pick<CliIo, 'shutdown'>,
  logger: EngineLogger,
  observer?: CycleObserver,
): Promise<void> {
  // Loaded here, not at the top: the engine costs seconds that `--help` does not need (program.ts).
  const { startInProcessRuntime } = await import('@crmsync/engine')
  let pollSeconds = connection.settings.capture.pollSeconds
  logger.info({ connection: connection.id, pollSeconds }, 'crmsync run: started')
  const currentPollSeconds = () => {
    const now = (slot.connection ?? connection).settings.capture.pollSeconds
    if (now !== pollSeconds)
      logger.info({ connection: connection.id, pollSeconds: now }, 'crmsync run: new poll')
    pollSeconds = now
    return now
  }
  const loop = startInProcessRuntime({
    engine: slot.asEngine(),
    pollSeconds: currentPollSeconds,
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
