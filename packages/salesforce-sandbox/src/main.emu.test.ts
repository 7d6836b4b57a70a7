import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

const BIN = fileURLToPath(new URL('../bin/salesforce-sandbox.js', import.meta.url))

describe('salesforce-sandbox bin', () => {
  it('prints one JSON ready line, serves jsforce, and exits on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, '--port', '0', '--seed', 'none'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.setEncoding('utf8')
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        out += chunk
        if (out.includes('\n')) resolve(out.split('\n')[0]!)
      })
      child.once('exit', (code) => reject(new Error(`exited early with ${String(code)}`)))
    })
    const ready = JSON.parse(line) as { salesforce: { instanceUrl: string; accessToken: string } }
    expect(ready.salesforce.instanceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const { Connection } = (await import('jsforce')).default
    const conn = new Connection({ ...ready.salesforce, version: '59.0' })
    const users = await conn.query('SELECT Id FROM User WHERE IsActive = true')
    expect(users.totalSize).toBe(7)
    child.kill('SIGTERM')
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(0)
  })
})
