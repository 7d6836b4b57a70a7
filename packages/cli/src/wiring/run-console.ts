import type { CrmsyncConfig } from '@crmsync/core'
import type { EngineLogger } from '@crmsync/engine'

import type { CliIo } from '../cli-io.js'
import { CONSOLE_PASSWORD_VARIABLE, type ConsoleHost, type HostedConnection } from './console-host.js'

/** What `crmsync run` was asked for about the console. */
export interface RunConsoleRequest {
  /** False with --no-console. */
  readonly enabled: boolean
  readonly config: CrmsyncConfig
  /** --config, which the mapping editor writes back. */
  readonly file: string
}

/** The message when the console is on and has no password; undefined when it can start (or is off). */
export function missingConsolePassword(io: Pick<CliIo, 'env'>, enabled: boolean): string | undefined {
  if (!enabled || (io.env[CONSOLE_PASSWORD_VARIABLE] ?? '') !== '') return undefined
  return (
    `the web console needs a password: set ${CONSOLE_PASSWORD_VARIABLE} in the environment, ` +
    'or run with --no-console'
  )
}

/** Thrown when the console's port is taken: a usage error (exit 2) that names the key to change. */
export class ConsolePortTakenError extends Error {}

/**
 * Starts the console of `crmsync run` over the connections it runs, at console.host:console.port of the file,
 * or nothing with --no-console. The password was checked before anything started (missingConsolePassword).
 */
export async function startRunConsole(
  request: RunConsoleRequest,
  connections: readonly HostedConnection[],
  io: Pick<CliIo, 'env'>,
  logger: EngineLogger,
): Promise<ConsoleHost | undefined> {
  if (!request.enabled) return undefined
  const { startConsoleHost } = await import('./console-host.js')
  const { port, host } = request.config.console
  try {
    return await startConsoleHost({
      connections,
      password: io.env[CONSOLE_PASSWORD_VARIABLE] ?? '',
      port,
      host,
      logger,
      configFile: {
        file: request.file,
        env: io.env,
        connections: request.config.connections,
        console: request.config.console,
      },
    })
  } catch (err) {
    if ((err as { code?: unknown } | null)?.code === 'EADDRINUSE')
      throw new ConsolePortTakenError(
        `the console's port ${String(port)} on ${host} is in use: set console.port in the file, or run with --no-console`,
      )
    throw err
  }
}
