import type { EngineLogger } from '@crmsync/engine'
import type { CycleObserver, DemoHooks } from '@crmsync/server'

import type { Env } from '../config/substitute-env.js'
import { startConsoleHost } from '../wiring/console-host.js'
import type { ConnectionRuntime } from '../wiring/create-connection-runtime.js'
import type { EngineSlot } from '../wiring/engine-slot.js'

/** The demo's console, listening. */
export interface DemoConsole {
  /** e.g. `http://127.0.0.1:8080` (no trailing slash: the console line prints it as is). */
  readonly url: string
  /** Told every cycle the demo's loop runs. */
  readonly observer: CycleObserver
  close(): Promise<void>
}

export interface DemoConsoleOptions {
  readonly runtime: ConnectionRuntime
  /** The slot the demo's loop runs: the console's resyncs and saved mappings take turns with its cycles. */
  readonly slot: EngineSlot
  /** The demo's configuration file (in its temp directory), which the console's editor edits. */
  readonly file: string
  /** What the file was loaded with (the sandboxes' tokens). */
  readonly env: Env
  readonly password: string
  readonly host: string
  /** 0: any free port. */
  readonly port: number
  readonly demo: DemoHooks
  readonly logger: EngineLogger
  /** Whether the engine loop runs yet (for /readyz). */
  readonly ready: () => boolean
}

/** Whether starting the console failed because its port is in use (the demo then exits 2, naming the flag). */
export function isPortTaken(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'EADDRINUSE'
}

/**
 * The console over the demo's one connection (startConsoleHost, as `crmsync run` has it): its store, both
 * connectors (the Try-it page reads through them), the engine slot, the demo's config file (a saved mapping
 * swaps the engine before the next cycle) and the demo's hooks. Throws what listen throws (isPortTaken).
 */
export async function startDemoConsole(options: DemoConsoleOptions): Promise<DemoConsole> {
  const { runtime, slot } = options
  const host = await startConsoleHost({
    connections: [{ runtime, slot }],
    password: options.password,
    port: options.port,
    host: options.host,
    logger: options.logger,
    configFile: { file: options.file, env: options.env, connections: [runtime.connection] },
    demo: options.demo,
    ready: options.ready,
  })
  return { url: host.url.replace(/\/$/, ''), observer: host.observer, close: () => host.close() }
}
