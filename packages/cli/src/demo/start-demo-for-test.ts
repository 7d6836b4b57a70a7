import { type ChildProcess, spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The crmsync executable, run as `npm start` runs it (through tsx, no build step). */
const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'crmsync.js')

/** `crmsync demo` running as a child process, for the browser tests. */
export interface DemoForTest {
  /** The console's URL as the demo printed it, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string
  /** The password the demo generated and printed: never hard-coded in a test. */
  readonly password: string
  /** Everything the demo wrote so far. */
  stdout(): string
  stderr(): string
  /** The first line of stdout matching `pattern` (waits for it), e.g. the sandboxes' or the config's line. */
  line(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>
  /** SIGTERM (Ctrl-C), then waits for the exit; SIGKILL after `timeoutMs`. Answers the exit code. */
  stop(timeoutMs?: number): Promise<number | null>
}

/** "Console: http://127.0.0.1:PORT  password: SECRET", the line the demo prints first. */
const CONSOLE_LINE = /Console:\s+(https?:\/\/\S+?)\/?\s+password:\s+(\S+)/

/**
 * Starts `crmsync demo --console-port 0` and waits for its console line. The child gets a clean environment
 * for the demo: no proxy (the sandboxes are on 127.0.0.1) and no CRMSYNC_CONSOLE_PASSWORD (the demo makes one).
 */
export async function startDemoForTest(
  options: { readonly args?: readonly string[]; readonly timeoutMs?: number } = {},
): Promise<DemoForTest> {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of Object.keys(env)) {
    if (/^(https?|all|no)_proxy$/i.test(name) || name === 'CRMSYNC_CONSOLE_PASSWORD') delete env[name]
  }
  const child = spawn(process.execPath, [BIN, 'demo', '--console-port', '0', ...(options.args ?? [])], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let errText = ''
  const waiters = new Set<() => void>()
  const wake = () => waiters.forEach((w) => w())
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk
    wake()
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    errText += chunk
    wake()
  })
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      resolve(code)
      wake()
    }),
  )

  const line = (pattern: RegExp, timeoutMs = options.timeoutMs ?? 60_000) =>
    waitForMatch(
      child,
      () => out,
      pattern,
      timeoutMs,
      waiters,
      () => errText,
    )
  const stop = async (timeoutMs = 20_000): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    try {
      return await exited
    } finally {
      clearTimeout(timer)
    }
  }
  try {
    const [, url, password] = await line(CONSOLE_LINE)
    return { url: url ?? '', password: password ?? '', stdout: () => out, stderr: () => errText, line, stop }
  } catch (err) {
    await stop()
    throw err
  }
}

function waitForMatch(
  child: ChildProcess,
  text: () => string,
  pattern: RegExp,
  timeoutMs: number,
  waiters: Set<() => void>,
  stderr: () => string,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const done = () => {
      waiters.delete(check)
      clearTimeout(timer)
    }
    const check = () => {
      const match = text().match(pattern)
      if (match !== null) {
        done()
        resolve(match)
      } else if (child.exitCode !== null || child.signalCode !== null) {
        done()
        reject(new Error(`crmsync demo exited before printing ${pattern}:\n${text()}\n${stderr()}`))
      }
    }
    const timer = setTimeout(() => {
      done()
      reject(new Error(`crmsync demo did not print ${pattern} in ${timeoutMs} ms:\n${text()}\n${stderr()}`))
    }, timeoutMs)
    waiters.add(check)
    check()
  })
}
