// The crmsync executable (bin/crmsync.js loads this through tsx): the only place that reads the process.
import { runCli } from './program.js'

const shutdown = new AbortController()
process.once('SIGINT', () => shutdown.abort())
process.once('SIGTERM', () => shutdown.abort())

process.exitCode = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  shutdown: shutdown.signal,
})
