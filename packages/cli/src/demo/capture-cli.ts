import type { CliTuning } from '../cli-io.js'
import type { ExitCode } from '../exit-codes.js'
import { runCli } from '../program.js'

/** What one in-process command line printed and returned; for the operator commands' tests. */
export interface CapturedRun {
  readonly code: ExitCode
  readonly stdout: string
  readonly stderr: string
}

export async function runCaptured(
  argv: readonly string[],
  env: Readonly<Record<string, string>>,
  shutdown?: AbortSignal,
  tuning?: CliTuning,
): Promise<CapturedRun> {
  let stdout = ''
  let stderr = ''
  const code = await runCli({
    argv,
    env,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    ...(shutdown === undefined ? {} : { shutdown }),
    ...(tuning === undefined ? {} : { tuning }),
  })
  return { code, stdout, stderr }
}
