import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

import { Client } from '@hubspot/api-client'
import jsforce from 'jsforce'
import { afterEach, describe, expect, it } from 'vitest'

const bin = fileURLToPath(new URL('../../bin/crmsync.js', import.meta.url))

interface Portal {
  basePath: string
  accessToken: string
  portalId: number
}

interface ReadyLine {
  salesforce: { instanceUrl: string; accessToken: string }
  hubspot: Portal
  hubspotPortals?: Portal[]
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

  it('B-MULTI-1: --hubspot-portals 2 starts two portals with their own ids and tokens; each refuses the other token', async () => {
    child = spawn(
      process.execPath,
      [
        bin,
        'sandbox',
        '--hubspot-portals',
        '2',
        '--hubspot-portal-id',
        '4400100',
        '--hubspot-token',
        'pat-na1-emea',
      ],
      { env: process.env },
    )
    const ready = JSON.parse(await readFirstLine(child)) as ReadyLine
    expect(ready.hubspot).toMatchObject({ portalId: 4400100, accessToken: 'pat-na1-emea' })
    expect(ready.hubspotPortals).toHaveLength(2)
    const [first, second] = ready.hubspotPortals ?? []
    expect(first).toEqual(ready.hubspot)
    expect(second).toMatchObject({ portalId: 4400101, accessToken: 'pat-na1-emea-2' })
    expect(second?.basePath).not.toBe(first?.basePath)

    for (const portal of [first, second]) {
      const client = new Client({ accessToken: portal!.accessToken, basePath: portal!.basePath })
      const account = await client.apiRequest({ method: 'GET', path: '/account-info/v3/details' })
      expect(await account.json()).toMatchObject({ portalId: portal!.portalId })
    }
    const crossed = new Client({ accessToken: first!.accessToken, basePath: second!.basePath })
    await expect(crossed.crm.contacts.basicApi.getPage(1)).rejects.toMatchObject({ code: 401 })

    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    const [code] = (await exited) as [number | null]
    expect(code).toBe(0)
  })

  it('rejects --hubspot-portals 0 and a bad --hubspot-portal-id with exit code 2', async () => {
    for (const [flags, message] of [
      [['--hubspot-portals', '0'], '--hubspot-portals must be a whole number from 1 to 10 (got 0)'],
      [['--hubspot-portal-id', 'abc'], '--hubspot-portal-id must be a whole number from 1 to'],
    ] as const) {
      child = spawn(process.execPath, [bin, 'sandbox', ...flags], { env: process.env })
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
      const [code] = (await once(child, 'exit')) as [number | null]
      expect(code).toBe(2)
      expect(stderr).toContain(message)
    }
  })
})
