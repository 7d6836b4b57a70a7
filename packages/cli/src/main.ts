// The crmsync executable (bin/crmsync.js loads this through tsx): the only place that reads the process.
import { runCli } from './program.js'

const shutdown = new AbortController()

/**
 * The first SIGINT/SIGTERM asks the running command to stop cleanly (io.shutdown); a second one exits at once.
 * One listener that stays, not `once` and the default action: when a busy event loop delivers both signals in
 * one turn, the second would reach no listener and be lost.
 */
function onSignal(): void {
  if (!shutdown.signal.aborted) return shutdown.abort()
  // A progress bar may have hidden the cursor: give it back, and leave the prompt on a line of its own.
  if (process.stderr.isTTY) process.stderr.write('\u001b[?25h\n')
  process.exit(130)
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

process.exitCode = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  shutdown: shutdown.signal,
})
