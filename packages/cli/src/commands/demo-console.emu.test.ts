import type { TryItContact, TryItEditResult, TryItStatus } from '@crmsync/server'
import { describe, expect, it } from 'vitest'

import { runCli } from '../program.js'
import { ConsoleSession } from '../testing/console-session.js'
import { holdPort } from '../testing/free-port.js'

/** The line the demo prints first (docs/console.md "The demo and Try it"). */
const CONSOLE_LINE = /^Console: (http:\/\/127\.0\.0\.1:\d+) {2}password: (\S+)$/m

/** Runs `crmsync demo` in this process until the returned stop() (io.shutdown, as SIGINT does in main.ts). */
function startDemo(argv: readonly string[]) {
  const shutdown = new AbortController()
  const out = { stdout: '', stderr: '' }
  const waiters: (() => void)[] = []
  const changed = () => waiters.splice(0).forEach((w) => w())
  const done = runCli({
    argv: ['demo', ...argv],
    env: {},
    stdout: { write: (text: string) => ((out.stdout += text), changed()) },
    stderr: { write: (text: string) => ((out.stderr += text), changed()) },
    shutdown: shutdown.signal,
  })
  void done.finally(changed)
  /** Resolves once stdout matches (re-checked on every write), or fails when the demo ends first. */
  async function until(pattern: RegExp): Promise<RegExpExecArray> {
    let ended = false
    void done.finally(() => (ended = true))
    for (;;) {
      const match = pattern.exec(out.stdout)
      if (match !== null) return match
      if (ended) throw new Error(`the demo ended before ${pattern}:\n${out.stdout}\n${out.stderr}`)
      await new Promise<void>((resolve) => waiters.push(resolve))
    }
  }
  return { out, done, until, stop: () => shutdown.abort() }
}

describe('crmsync demo with the console', () => {
  it('prints the console URL and password first, and a Try-it edit in HubSpot crosses to Salesforce', async () => {
    const demo = startDemo(['--console-port', '0', '--poll', '1', '--refresh', '2'])
    try {
      const [, url, password] = await demo.until(CONSOLE_LINE)
      // The console line comes before the imports, so the console is usable while they run.
      expect(demo.out.stdout).not.toMatch(/Imported/)
      expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/)
      const session = new ConsoleSession(url!)
      expect((await session.request('GET', '/api/try-it/contacts')).status).toBe(401)
      expect((await session.login(password!)).demo).toBe(true)
      // Links exist once the imports are done: the first summary follows them.
      await demo.until(/^--- crmsync demo, /m)

      const contacts = await session.json<TryItContact[]>('GET', '/api/try-it/contacts')
      const contact = contacts.find((c) => c.fields.some((f) => f.hubspot === 'jobtitle'))
      expect(contact).toBeDefined()
      const field = contact!.fields.find((f) => f.hubspot === 'jobtitle')!
      expect(field).toMatchObject({ salesforce: 'Title', rule: 'two-way' })
      // A field that is not offered and an over-long value are refused.
      const edit = { connectionId: contact!.connectionId, hubspotId: contact!.hubspotId, side: 'hubspot' }
      expect(
        (await session.request('POST', '/api/try-it/edit', { ...edit, field: 'email', value: 'x' })).status,
      ).toBe(400)
      const long = { ...edit, field: 'jobtitle', value: 'x'.repeat(500) }
      expect((await session.request('POST', '/api/try-it/edit', long)).status).toBe(400)

      const value = `Try-it ${Date.now().toString(36)}`
      const { editedAt } = await session.json<TryItEditResult>('POST', '/api/try-it/edit', {
        ...edit,
        field: 'jobtitle',
        value,
      })
      const query = new URLSearchParams({
        connectionId: contact!.connectionId,
        hubspotId: contact!.hubspotId,
        side: 'hubspot',
        field: 'jobtitle',
        value,
        editedAt: String(editedAt),
      })
      let status: TryItStatus
      for (;;) {
        status = await session.json<TryItStatus>('GET', `/api/try-it/edit-status?${query.toString()}`)
        if (status.crossed) break
        expect(Date.now() - editedAt, 'the edit should cross within 30 s').toBeLessThan(30_000)
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
      expect(status.otherSideValue).toBe(value)
      expect(status.latencyMs).toBeGreaterThanOrEqual(0)
      expect(status.latencyMs).toBeLessThan(30_000)
    } finally {
      demo.stop()
    }
    expect(await demo.done).toBe(0)
    expect(demo.out.stdout).toMatch(/Stopped: \d+ linked contact\(s\)/)
    // The password is printed once, on the console line, and nowhere else (no log, no summary).
    const [, , password] = CONSOLE_LINE.exec(demo.out.stdout)!
    expect(demo.out.stdout.split(password!).length - 1).toBe(1)
    expect(demo.out.stderr).not.toContain(password!)
  }, 90_000)

  it('never echoes CRMSYNC_CONSOLE_PASSWORD, and says where the password comes from', async () => {
    const secret = 'a-password-from-the-environment'
    const shutdown = new AbortController()
    let stdout = ''
    let stderr = ''
    const code = await runCli({
      argv: ['demo', '--console-port', '0', '--poll', '1', '--refresh', '1'],
      env: { CRMSYNC_CONSOLE_PASSWORD: secret },
      stdout: {
        write: (text: string) => {
          stdout += text
          // Stopped as soon as the line is out: before the imports, which this test does not need.
          if (text.startsWith('Console:')) shutdown.abort()
        },
      },
      stderr: { write: (text: string) => (stderr += text) },
      shutdown: shutdown.signal,
    })
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Console: http:\/\/127\.0\.0\.1:\d+ {2}password: from CRMSYNC_CONSOLE_PASSWORD$/m)
    expect(stdout + stderr).not.toContain(secret)
  }, 90_000)

  it('exits 2 and names --console-port when the console port is taken', async () => {
    const taken = await holdPort()
    try {
      let stderr = ''
      const code = await runCli({
        argv: ['demo', '--console-port', String(taken.port)],
        env: {},
        stdout: { write: () => true },
        stderr: { write: (text: string) => (stderr += text) },
      })
      expect(code).toBe(2)
      expect(stderr).toContain(`port ${taken.port} on 127.0.0.1 is taken`)
      expect(stderr).toContain('--console-port')
    } finally {
      await taken.close()
    }
  }, 60_000)
})
