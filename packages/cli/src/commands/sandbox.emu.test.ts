import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

import { Client } from '@hubspot/api-client'
import jsforce from 'jsforce'
import { afterEach, describe, expect, it } from 'vitest'

const bin = fileURLToPath(new URL('../../bin/crmsync.js', import.meta.url))

interface ReadyLine {
  salesforce: { instanceUrl: string; accessToken: string }
  hubspot: { basePath: string; accessToken: string }
}

function readFirstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8')
      const end = buffer.indexOf('\n')
      if (end >= 0) resolve(buffer.slice(0, end))
    })
    child.once('exit', (code) =>
      reject(new Error(`crmsync sandbox exited with ${String(code)} before it was ready`)),
    )
  })
}

describe('crmsync sandbox', () => {
  let child: ChildProcessWithoutNullStreams | undefined

  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL')
  })

  it('prints one JSON line that jsforce and @hubspot/api-client can use, and stops on SIGTERM', async () => {
    child = spawn(
      process.execPath,
      [bin, 'sandbox', '--seed', 'none', '--hubspot-time-zone', 'Europe/Oslo'],
      {
        env: process.env,
      },
    )
    const ready = JSON.parse(await readFirstLine(child)) as ReadyLine

    const conn = new jsforce.Connection({
      instanceUrl: ready.salesforce.instanceUrl,
      accessToken: ready.salesforce.accessToken,
      version: '59.0',
    })
    const users = await conn.query<{ Email: string }>('SELECT Email FROM User WHERE IsActive = true')
    expect(users.records.map((user) => user.Email)).toContain('avery.lindqvist@acme-demo.com')
    const leads = await conn.query('SELECT COUNT() FROM Lead')
    expect(leads.totalSize).toBe(0)

    const hubspot = new Client({ accessToken: ready.hubspot.accessToken, basePath: ready.hubspot.basePath })
    const owners = await hubspot.crm.owners.ownersApi.getPage()
    expect(owners.results.map((owner) => owner.email)).toContain('avery.lindqvist@acme-demo.com')
    const contacts = await hubspot.crm.contacts.basicApi.getPage(10)
    expect(contacts.results).toHaveLength(0)
    const account = await hubspot.apiRequest({ method: 'GET', path: '/account-info/v3/details' })
    expect(await account.json()).toMatchObject({ timeZone: 'Europe/Oslo' })

    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    const [code] = (await exited) as [number | null]
    expect(code).toBe(0)
  })

  it('rejects an unknown seed with exit code 2', async () => {
    child = spawn(process.execPath, [bin, 'sandbox', '--seed', 'huge'], { env: process.env })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(2)
    expect(stderr).toContain('--seed must be one of none, small, large (got huge)')
  })

  it('rejects an unknown --hubspot-time-zone with exit code 2', async () => {
    child = spawn(process.execPath, [bin, 'sandbox', '--hubspot-time-zone', 'Mars/Base'], {
      env: process.env,
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(2)
    expect(stderr).toContain('--hubspot-time-zone: unknown time zone Mars/Base')
  })
})
