// The configuration file as the console edits it (ConfigFileAccess): the whole new text is validated exactly as
// every command loads the file, written atomically, and handed to the running engines, so the file stays the
// only source of truth.
import { randomUUID } from 'node:crypto'
import { constants } from 'node:fs'
import { access, chmod, chown, readFile, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'

import { type Connection, type CrmsyncConfig, formatConfigPath } from '@crmsync/core'
import type { ConfigFileAccess, ConfigSaveResult } from '@crmsync/server'
import { parseDocument } from 'yaml'

import { parseConfigText } from '../config/load-config.js'
import type { Env } from '../config/substitute-env.js'
import type { ConnectionRuntime } from './create-connection-runtime.js'
import type { EngineSlot } from './engine-slot.js'

export interface ConfigFileAccessOptions {
  /** The file `crmsync run` loaded (--config). */
  readonly file: string
  /** Variables for `${NAME}` substitution, as the file was loaded with (process.env). */
  readonly env: Env
  /** The connections the process runs now: a save may not change what only a restart can take (see below). */
  readonly connections: readonly Connection[]
  /**
   * The `console:` block the server listens with: a save that changes it is refused too (a restart takes it).
   * (Default: not compared)
   */
  readonly console?: CrmsyncConfig['console'] | undefined
  /**
   * Called with every connection of the newly written file, in file order, once it is on disk: `crmsync run`
   * swaps each connection's engine before its next cycle (swapEngines).
   */
  readonly onSaved: (connections: readonly Connection[]) => void | Promise<void>
}

/**
 * Keys of a connection the running process built its connectors, store and notifier from: a change of them
 * takes a restart, so a save that changes one is refused (the file is not written), as is a connection added
 * or removed.
 */
const RESTART_KEYS = ['store', 'salesforce', 'hubspot', 'notifications'] as const

type Problem = { readonly path: string; readonly message: string }

/** What a save may not change while the engines run; `multi`: the file uses the `connections:` form. */
export function restartProblems(
  running: readonly Connection[],
  saved: readonly Connection[],
  multi: boolean,
): Problem[] {
  const problems: Problem[] = []
  const runningIds = running.map((c) => c.id).join(', ')
  const savedIds = saved.map((c) => c.id).join(', ')
  if ([...running.map((c) => c.id)].sort().join() !== [...saved.map((c) => c.id)].sort().join()) {
    const message = `the connections change (${runningIds} -> ${savedIds}): that takes a restart of crmsync run`
    problems.push({ path: multi ? 'connections' : 'id', message })
    return problems
  }
  saved.forEach((connection, index) => {
    const before = running.find((c) => c.id === connection.id)
    for (const key of RESTART_KEYS) {
      if (isDeepStrictEqual(before?.[key], connection[key])) continue
      const path = multi ? `connections[${index}].${key}` : key
      problems.push({
        path,
        message: `${key} changes take a restart of crmsync run: change it in the file and restart`,
      })
    }
  })
  return problems
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** Why the file cannot be written, or undefined: not writable to this user, or read-only by its own mode. */
async function whyNotWritable(file: string): Promise<string | undefined> {
  try {
    const real = await realpath(file)
    const { mode } = await stat(real)
    // Root may write anything: a file whose mode says read-only is still one its owner means to keep as it is.
    if ((mode & 0o200) === 0) return `${file} is read-only`
    await access(real, constants.W_OK)
    await access(dirname(real), constants.W_OK)
    return undefined
  } catch (err) {
    return `${file} cannot be written: ${errorText(err)}`
  }
}

/**
 * Writes through a temporary file in the same folder and a rename, so a reader (or a crash) never sees half a
 * file; the file keeps its mode and, where allowed, its owner. A symbolic link is followed, not replaced.
 */
async function writeAtomically(file: string, text: string): Promise<void> {
  const real = await realpath(file)
  const { mode, uid, gid } = await stat(real)
  const temporary = join(dirname(real), `.${basename(real)}.${randomUUID()}.tmp`)
  try {
    await writeFile(temporary, text, { flag: 'wx', mode: mode & 0o7777 })
    await chmod(temporary, mode & 0o7777)
    await chown(temporary, uid, gid).catch(() => undefined)
    await rename(temporary, real)
  } catch (err) {
    await unlink(temporary).catch(() => undefined)
    throw err
  }
}

/**
 * The console's access to the configuration file. `save(text)` validates the whole text as load-config does
 * (YAML, `${NAME}` substitution, the schema): problems come back with their path and nothing is written. A valid
 * text that changes what only a restart can take (store, credentials, instance URL, notifications, the list of
 * connections) is refused too. Otherwise the file is written and `onSaved` gets the new connections; when the
 * file cannot be written (read-only, EACCES, EROFS...) the answer carries the YAML to commit instead and the
 * running engines stay as they are.
 */
export function createConfigFileAccess(options: ConfigFileAccessOptions): ConfigFileAccess {
  let running = options.connections
  return {
    path: options.file,
    read: () => readFile(options.file, 'utf8'),
    writable: async () => (await whyNotWritable(options.file)) === undefined,
    async save(text: string): Promise<ConfigSaveResult> {
      const parsed = parseConfigText(text, options.env)
      if (!parsed.ok) {
        const problems = parsed.issues.map((issue) => ({
          path: formatConfigPath(issue.path),
          message: issue.line === undefined ? issue.message : `${issue.message} (line ${issue.line})`,
        }))
        return { ok: false, problems }
      }
      const saved = parsed.config.connections
      const multi = parseDocument(text).has('connections')
      const refused = restartProblems(running, saved, multi)
      if (options.console !== undefined && !isDeepStrictEqual(options.console, parsed.config.console))
        refused.push({
          path: 'console',
          message: 'console changes take a restart of crmsync run: change it in the file and restart',
        })
      if (refused.length > 0) return { ok: false, problems: refused }
      const reason = await whyNotWritable(options.file)
      if (reason !== undefined) return { ok: true, written: false, reason, yaml: text }
      try {
        await writeAtomically(options.file, text)
      } catch (err) {
        return {
          ok: true,
          written: false,
          reason: `${options.file} cannot be written: ${errorText(err)}`,
          yaml: text,
        }
      }
      running = saved
      await options.onSaved(saved)
      return { ok: true, written: true, file: options.file }
    },
  }
}

/** One connection `crmsync run` serves: the runtime its engines are built over and the slot the loop runs. */
export interface SwappableConnection {
  readonly runtime: ConnectionRuntime
  readonly slot: EngineSlot
  /** Told the connection's saved configuration, e.g. so ConsoleConnection.connection() returns it from now. */
  readonly adopt?: ((connection: Connection) => void) | undefined
}

/**
 * The `onSaved` of `crmsync run`: each connection's slot gets an engine built from its saved configuration over
 * the same store and connectors (runtime.engineFor). Resolves once every swap is done, which waits for a cycle
 * under way to finish: the loop's next cycle runs the new engine.
 */
export async function swapEngines(
  running: ReadonlyMap<string, SwappableConnection>,
  connections: readonly Connection[],
): Promise<void> {
  await Promise.all(
    connections.map(async (connection) => {
      const entry = running.get(connection.id)
      if (entry === undefined) return
      await entry.slot.replace(entry.runtime.engineFor(connection), connection)
      entry.adopt?.(connection)
    }),
  )
}
