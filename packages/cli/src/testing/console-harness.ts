// What the console's emulator tests over a real engine share: both sandboxes, a config file in a temp dir, one
// connection's runtime and the EngineSlot a loop and the console would share, connected by a first cycle.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { CrmsyncConfig } from '@crmsync/core'
import { Client } from '@hubspot/api-client'

import { loadConfig } from '../config/load-config.js'
import {
  type LocalSandboxes,
  sandboxConfigYaml,
  sandboxTokenEnv,
  startLocalSandboxes,
} from '../demo/local-sandboxes.js'
import { type ConnectionRuntime, createConnectionRuntime } from '../wiring/create-connection-runtime.js'
import { EngineSlot } from '../wiring/engine-slot.js'

export interface ConsoleHarness {
  readonly sandboxes: LocalSandboxes
  /** The config file, as `file` of the harness's options made it. */
  readonly file: string
  /** The text first written to `file`. */
  readonly written: string
  /** The sandboxes' tokens, as the config was loaded with. */
  readonly env: Record<string, string>
  readonly config: CrmsyncConfig
  /** The file's one connection (id `local`). */
  readonly runtime: ConnectionRuntime
  readonly slot: EngineSlot
  /** The official HubSpot client against the sandbox, for edits a test makes as a user would. */
  readonly hubspot: Client
  /** Closes the runtime and the sandboxes and removes the temp dir (close the console first). */
  close(): Promise<void>
}

/**
 * Starts the sandboxes and the connection of `file(sandboxYaml)`, where `sandboxYaml` is the sandboxes'
 * one-connection config with its store in the temp dir. The first cycle has run: it starts the cursors and
 * copies nothing (B-INST-6), so what a test creates afterwards is what the next cycle syncs.
 */
export async function startConsoleHarness(options: {
  readonly prefix: string
  readonly file: (sandboxYaml: string) => string
}): Promise<ConsoleHarness> {
  const sandboxes = await startLocalSandboxes()
  const dir = mkdtempSync(join(tmpdir(), `crmsync-${options.prefix}-`))
  const file = join(dir, 'crmsync.yaml')
  const written = options.file(sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'state.db')}`))
  writeFileSync(file, written)
  const env = sandboxTokenEnv(sandboxes)
  const config = await loadConfig({ file, env })
  const runtime = await createConnectionRuntime({ connection: config.connections[0]! })
  const slot = new EngineSlot(runtime.engine)
  await slot.asEngine().syncOnce()
  return {
    sandboxes,
    file,
    written,
    env,
    config,
    runtime,
    slot,
    hubspot: new Client({ accessToken: sandboxes.hubspot.accessToken, basePath: sandboxes.hubspot.basePath }),
    close: async () => {
      await runtime.close()
      await sandboxes.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
