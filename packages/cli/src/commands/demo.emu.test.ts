import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { runCli } from '../program.js'

const bin = fileURLToPath(new URL('../../bin/crmsync.js', import.meta.url))

describe('crmsync demo (the real binary)', () => {
  it('imports both seeded sides, syncs live traffic, and exits 0 by itself after --duration-seconds', async () => {
    const child = spawn(
      process.execPath,
      [bin, 'demo', '--duration-seconds', '8', '--poll', '2', '--refresh', '3', '--console-port', '0'],
      {
        env: process.env,
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(stderr).toBe('')
    expect(code).toBe(0)
    // The console's address and password come first, before the imports (the password is generated).
    const consoleLine = /^Console: http:\/\/127\.0\.0\.1:(\d+) {2}password: [A-Za-z0-9_-]{24}$/m.exec(stdout)
    expect(Number(consoleLine?.[1])).toBeGreaterThan(0)
    expect(consoleLine!.index).toBeLessThan(stdout.indexOf('Imported'))
    const imported = /Imported salesforce contacts: (\d+) record\(s\) found/.exec(stdout)
    expect(Number(imported?.[1])).toBeGreaterThan(0)
    // Company sync is on in the demo: the seeded accounts are imported and become companies.
    const accounts = /Imported salesforce accounts: (\d+) record\(s\) found/.exec(stdout)
    expect(Number(accounts?.[1])).toBeGreaterThan(0)
    // Deal sync is on too: the seeded opportunities are imported and become deals.
    const opportunities = /Imported salesforce opportunities: (\d+) record\(s\) found/.exec(stdout)
    expect(Number(opportunities?.[1])).toBeGreaterThan(0)
    expect(stdout).toMatch(/--- crmsync demo, \d+ s/)
    expect(stdout).toMatch(/deal -> hubspot/)
    const stopped =
      /Stopped: (\d+) linked contact\(s\), (\d+) linked company\(ies\), (\d+) linked deal\(s\), (\d+) traffic change\(s\) synced/.exec(
        stdout,
      )
    expect(Number(stopped?.[1])).toBeGreaterThan(Number(imported?.[1]))
    expect(Number(stopped?.[2])).toBeGreaterThanOrEqual(Number(accounts?.[1]))
    expect(Number(stopped?.[3])).toBeGreaterThanOrEqual(Number(opportunities?.[1]))
    expect(Number(stopped?.[4])).toBeGreaterThan(0)
  }, 120_000)

  it('a second SIGINT exits at once (130) while the first is still stopping the demo', async () => {
    const child = spawn(process.execPath, [bin, 'demo', '--console-port', '0'], { env: process.env })
    let stdout = ''
    let sent = false
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8')
      if (sent || !stdout.includes('Console: ')) return
      sent = true
      // Both during the imports: the first asks for a clean stop, the second does not wait for it. A pause
      // between them as between two key presses: two signals sent at once are delivered as one.
      child.kill('SIGINT')
      setTimeout(() => child.kill('SIGINT'), 200)
    })
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(130)
    expect(stdout).not.toContain('Stopped:')
  }, 60_000)

  it('stops cleanly when io.shutdown is aborted (SIGINT/SIGTERM in main.ts), after the first summary; --no-console starts none', async () => {
    const shutdown = new AbortController()
    let stdout = ''
    const code = await runCli({
      argv: ['demo', '--poll', '1', '--refresh', '2', '--no-console'],
      env: {},
      stdout: {
        write: (text: string) => {
          stdout += text
          if (text.startsWith('--- crmsync demo')) shutdown.abort()
        },
      },
      stderr: { write: () => true },
      shutdown: shutdown.signal,
    })
    expect(code).toBe(0)
    expect(stdout).toMatch(/Stopped: \d+ linked contact\(s\)/)
    expect(stdout).not.toMatch(/Console:|console:/)
  }, 120_000)
})
