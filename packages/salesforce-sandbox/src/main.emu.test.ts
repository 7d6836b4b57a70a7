import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { startHarness } from './testing/harness.js'

const BIN = fileURLToPath(new URL('../bin/salesforce-sandbox.js', import.meta.url))

type Ready = { salesforce: { instanceUrl: string; accessToken: string } }

/** Starts the bin with these arguments and resolves with its ready line once it is listening. */
async function spawnBin(args: string[]): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, [BIN, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.setEncoding('utf8')
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk
      if (out.includes('\n')) resolve(out.split('\n')[0]!)
    })
    child.once('exit', (code) => reject(new Error(`exited early with ${String(code)}`)))
  })
  return { child, ready: JSON.parse(line) as Ready }
}

async function stop(child: ChildProcess): Promise<number | null> {
  child.kill('SIGTERM')
  const [code] = (await once(child, 'exit')) as [number | null]
  return code
}

describe('salesforce-sandbox bin', () => {
  it('prints one JSON ready line, serves jsforce, and exits on SIGTERM', async () => {
    const { child, ready } = await spawnBin(['--seed', 'none'])
    expect(ready.salesforce.instanceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const { Connection } = (await import('jsforce')).default
    const conn = new Connection({ ...ready.salesforce, version: '59.0' })
    const users = await conn.query('SELECT Id FROM User WHERE IsActive = true')
    expect(users.totalSize).toBe(7)
    expect(await stop(child)).toBe(0)
  })

  it('B-PA-1: --person-accounts turns the setting on; the small seed then holds 5 person accounts, the same in every run', async () => {
    const { child, ready } = await spawnBin(['--seed', 'small', '--person-accounts'])
    const { Connection } = (await import('jsforce')).default
    const conn = new Connection({ ...ready.salesforce, version: '59.0' })
    const soql =
      'SELECT Id, Name, PersonEmail, PersonContact.Email, PersonContact.AccountId FROM Account WHERE IsPersonAccount = true ORDER BY Id'
    const persons = (await conn.query<Record<string, unknown>>(soql)).records
    expect(await stop(child)).toBe(0)
    expect(persons).toHaveLength(5)
    for (const p of persons) {
      expect(p['PersonContact']).toMatchObject({ Email: p['PersonEmail'], AccountId: p['Id'] })
    }
    const h = await startHarness({ seed: 'small', personAccounts: true })
    try {
      expect((await h.conn.query<Record<string, unknown>>(soql)).records).toEqual(persons)
      const business = await h.conn.query('SELECT COUNT() FROM Account WHERE IsPersonAccount = false')
      expect(business.totalSize).toBe(100)
      const contacts = await h.conn.query('SELECT COUNT() FROM Contact WHERE IsPersonAccount = false')
      expect(contacts.totalSize).toBe(300)
    } finally {
      await h.close()
    }
  })
})
