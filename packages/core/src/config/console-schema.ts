import { z } from 'zod'

import { yamlInt } from './primitives.js'

export const DEFAULT_CONSOLE_PORT = 8080
export const DEFAULT_CONSOLE_HOST = '127.0.0.1'

/**
 * The web console `crmsync run` serves (one per process, so it sits at the top level in both forms of the
 * file, never inside a connection). Its password comes from CRMSYNC_CONSOLE_PASSWORD, never from the file.
 */
export const consoleSchema = z
  .strictObject({
    port: yamlInt({ min: 0, max: 65_535 })
      .default(DEFAULT_CONSOLE_PORT)
      .describe(`TCP port of the console; 0 picks a free one. (Default: ${String(DEFAULT_CONSOLE_PORT)})`),
    host: z
      .string()
      .trim()
      .min(1)
      .default(DEFAULT_CONSOLE_HOST)
      .describe(
        `Address the console listens on; 0.0.0.0 serves every interface. (Default: ${DEFAULT_CONSOLE_HOST}, this machine only)`,
      ),
  })
  .prefault({})
  .describe('The web console of `crmsync run` (login with CRMSYNC_CONSOLE_PASSWORD).')

export type ConsoleConfig = z.output<typeof consoleSchema>
