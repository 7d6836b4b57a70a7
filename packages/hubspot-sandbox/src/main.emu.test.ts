import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

import { Client } from '@hubspot/api-client'
import { afterEach, describe, expect, it } from 'vitest'

import { apiError } from './testing/harness.js'

const bin = fileURLToPath(new URL('../bin/hubspot-sandbox.js', import.meta.url))

interface ReadyLine {
  hubspot: { basePath: string; accessToken: string; portalId: number }
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
      reject(new Error(`hubspot-sandbox exited with ${String(code)} before it was ready`)),
    )
  })
}

describe('the hubspot-sandbox binary', () => {
  let child: ChildProcessWithoutNullStreams | undefined
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL')
  })

  it('starts a portal with its own id, token, scopes, daily quota and a user who is no Super Admin', async () => {
    child = spawn(
      process.execPath,
      [
        bin,
        '--portal-id',
        '7300001',
        '--access-token',
        'pat-na1-own',
        '--scopes',
        'crm.objects.contacts.read, settings.users.read',
        '--daily-limit',
        '5',
        '--user-not-admin',
      ],
      { env: process.env },
    )
    const ready = JSON.parse(await readFirstLine(child)) as ReadyLine
    expect(ready.hubspot).toMatchObject({ portalId: 7300001, accessToken: 'pat-na1-own' })
    const client = new Client({ accessToken: 'pat-na1-own', basePath: ready.hubspot.basePath })
    const info = await client.oauth.accessTokensApi.get('pat-na1-own')
    expect(info).toMatchObject({
      hubId: 7300001,
      scopes: ['crm.objects.contacts.read', 'settings.users.read'],
    })
    expect((await client.settings.users.usersApi.getById(String(info.userId))).superAdmin).toBe(false)
    const page = await client.crm.contacts.basicApi.getPageWithHttpInfo(1)
    expect(page.headers['x-hubspot-ratelimit-daily']).toBe('5')
    expect((await apiError(client.crm.companies.basicApi.getPage(1))).code).toBe(403)

    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    const [code] = (await exited) as [number | null]
    expect(code).toBe(0)
  })

  it('refuses a portal id that is not a positive integer with exit code 2', async () => {
    child = spawn(process.execPath, [bin, '--portal-id', 'x1'], { env: process.env })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(2)
    expect(stderr).toContain('--portal-id must be a positive integer (got x1)')
  })
})
