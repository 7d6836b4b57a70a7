import { randomBytes } from 'node:crypto'

import type { Env } from '../config/substitute-env.js'

/** The console password of the demo, and what the demo may print about it. */
export interface DemoPassword {
  readonly password: string
  /** The text after `password: ` on the console line: the generated password, or where it came from. */
  readonly shown: string
}

/**
 * CRMSYNC_CONSOLE_PASSWORD when set (never echoed: the operator knows it, a log or a screen share need not);
 * otherwise a fresh one per run, 18 random bytes as base64url (24 characters, 144 bits).
 */
export function demoPassword(env: Env): DemoPassword {
  const configured = env['CRMSYNC_CONSOLE_PASSWORD']
  if (configured !== undefined && configured !== '') {
    return { password: configured, shown: 'from CRMSYNC_CONSOLE_PASSWORD' }
  }
  const password = randomBytes(18).toString('base64url')
  return { password, shown: password }
}
