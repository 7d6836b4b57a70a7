import type { FastifyInstance } from 'fastify'

import { build, type BuildOptions, defaultAccessToken } from './app.js'

export interface StartOptions extends BuildOptions {
  /** Port to listen on; default 0 (any free port). */
  port?: number
  /** Interface to bind; default 127.0.0.1. */
  host?: string
}

export interface RunningSandbox {
  app: FastifyInstance
  /** `http://HOST:PORT`, what jsforce takes as `instanceUrl`. */
  instanceUrl: string
  /** A non-expiring token of the integration user. */
  accessToken: string
  close(): Promise<void>
}

/** Builds the sandbox and listens; the caller closes it. */
export async function startSalesforceSandbox(opts: StartOptions = {}): Promise<RunningSandbox> {
  const app = await build(opts)
  const host = opts.host ?? '127.0.0.1'
  await app.listen({ port: opts.port ?? 0, host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : opts.port
  const urlHost = host.includes(':') ? `[${host}]` : host
  return {
    app,
    instanceUrl: `http://${urlHost}:${String(port)}`,
    accessToken: defaultAccessToken(app),
    close: () => app.close(),
  }
}
