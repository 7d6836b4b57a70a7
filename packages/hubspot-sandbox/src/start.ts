import type { FastifyInstance } from 'fastify'

import { build } from './app.js'
import { DEFAULT_ACCESS_TOKEN, DEFAULT_PORTAL_ID, type SandboxOptions } from './options.js'

/** Options of `startHubSpotSandbox`: build options plus where to listen. */
export interface StartOptions extends SandboxOptions {
  /** (Default: 0, any free port) */
  readonly port?: number
  /** (Default: '127.0.0.1') */
  readonly host?: string
}

export interface RunningHubSpotSandbox {
  readonly app: FastifyInstance
  /** Pass as the client's `basePath`: the origin, no trailing slash. */
  readonly basePath: string
  readonly accessToken: string
  readonly portalId: number
  close(): Promise<void>
}

/** Builds the sandbox and listens; the composition root for the bin and `crmsync sandbox`. */
export async function startHubSpotSandbox(opts: StartOptions = {}): Promise<RunningHubSpotSandbox> {
  const app = await build(opts)
  const host = opts.host ?? '127.0.0.1'
  await app.listen({ port: opts.port ?? 0, host })
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : (opts.port ?? 0)
  return {
    app,
    basePath: `http://${host}:${port}`,
    accessToken: opts.accessToken ?? DEFAULT_ACCESS_TOKEN,
    portalId: opts.portalId ?? DEFAULT_PORTAL_ID,
    close: () => app.close(),
  }
}
