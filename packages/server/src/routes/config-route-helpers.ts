import type { FastifyReply } from 'fastify'

import type { ConfigSaveResult } from '../api-types.js'
import type { ConfigFileAccess } from '../server-deps.js'

/** Whether saves can write the file; false without one. */
export async function isWritable(configFile: ConfigFileAccess | undefined): Promise<boolean> {
  return configFile === undefined ? false : configFile.writable()
}

/** A process started without a configuration file (tests of read-only pages) has nothing to edit. */
export const NO_CONFIG_FILE: ConfigSaveResult = {
  ok: false,
  problems: [{ path: '(file)', message: 'this console was started without a configuration file to edit' }],
}

/** A refusal is 400 (409 without a file), everything else 200. */
export function sendSaveResult(reply: FastifyReply, result: ConfigSaveResult, status?: number) {
  return reply.code(status ?? (result.ok ? 200 : 400)).send(result)
}
