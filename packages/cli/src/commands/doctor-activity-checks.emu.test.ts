// `crmsync doctor` and the start of `sync --once` with activity sync on, through both sandboxes and the
// official clients: a missing Task key field or engagement crmsync_salesforce_id is a FAIL line naming
// `doctor --fix`, the start refuses without the field (exit 3, nothing written), and after --fix all pass.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { Client } from '@hubspot/api-client'
import jsforce from 'jsforce'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runCaptured } from '../demo/capture-cli.js'
import {
  type LocalSandboxes,
  sandboxConfigYaml,
  sandboxTokenEnv,
  startLocalSandboxes,
} from '../demo/local-sandboxes.js'
import { EXIT_CODES } from '../exit-codes.js'

const FIELD = 'crmsync_HubSpot_Activity_Id__c'

describe('crmsync doctor checks for activity sync (B-ACT-1, 5)', () => {
  let sandboxes: LocalSandboxes
  let env: Record<string, string>
  let sf: jsforce.Connection
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-doctor-activity-checks-'))

  const configWith = (name: string, activities: string | undefined): string => {
    const file = join(dir, `${name}.yaml`)
    writeFileSync(
      file,
      sandboxConfigYaml(sandboxes, `sqlite:${join(dir, `${name}.db`)}`) +
        (activities === undefined ? '' : ['    settings:', `      activities: ${activities}`, ''].join('\n')),
    )
    return file
  }
  const taskFields = async () => (await sf.sobject('Task').describe()).fields.map((f) => f.name)

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    env = sandboxTokenEnv(sandboxes)
    sf = new jsforce.Connection({
      instanceUrl: sandboxes.salesforce.instanceUrl,
      accessToken: sandboxes.salesforce.accessToken,
      version: '59.0',
    })
  })
  afterAll(() => sandboxes.close())

  it('B-ACT-1: activity sync off checks nothing of it and starts without the field', async () => {
    const config = configWith('off', undefined)
    const doctor = await runCaptured(['doctor', '--config', config], env)
    expect(doctor.stdout).not.toContain(FIELD)
    expect(doctor.stdout).not.toContain('crmsync_salesforce_id: missing')
    const sync = await runCaptured(['sync', '--once', '--config', config], env)
    expect(sync.stderr).not.toContain('ACTIVITY_KEY_FIELD_MISSING')
    expect(sync.code).toBe(EXIT_CODES.ok)
    expect(await taskFields()).not.toContain(FIELD)
  })

  it('B-ACT-1, B-ACT-5: missing -> FAIL lines naming doctor --fix and a refused start; after --fix all pass and it syncs', async () => {
    const config = configWith('on', '{ toSalesforce: [call], fromSalesforce: [task, meeting] }')
    const doctor = await runCaptured(['doctor', '--config', config], env)
    expect(doctor.code).toBe(EXIT_CODES.connection)
    expect(doctor.stdout).toContain(
      `FAIL salesforce: Activity key field ${FIELD}: missing on Task: run and sync --once refuse to start with activity sync on\n` +
        `     fix: Run crmsync doctor --fix (or create a Text(255) Activity field ${FIELD} in Setup).`,
    )
    for (const type of ['tasks', 'meetings'])
      expect(doctor.stdout).toContain(
        `FAIL hubspot: ${type} unique property crmsync_salesforce_id: missing: ${type} from Salesforce cannot be created\n` +
          '     fix: Run crmsync doctor --fix.',
      )
    // Only the engagement types a fromSalesforce switch writes.
    expect(doctor.stdout).not.toContain('calls unique property')
    // Plain doctor changes nothing.
    expect(await taskFields()).not.toContain(FIELD)

    const sync = await runCaptured(['sync', '--once', '--config', config], env)
    expect(sync.code).toBe(EXIT_CODES.connection)
    expect(sync.stderr).toContain('ACTIVITY_KEY_FIELD_MISSING')
    expect(sync.stderr).toContain('Run crmsync doctor --fix')
    const tasks = await sf.query<{ Id: string }>('SELECT Id FROM Task')
    expect(tasks.totalSize).toBe(0)
    const stop = new AbortController()
    stop.abort()
    const run = await runCaptured(['run', '--no-console', '--config', config], env, stop.signal)
    expect(run.code).toBe(EXIT_CODES.connection)
    expect(run.stderr).toContain('ACTIVITY_KEY_FIELD_MISSING')

    const fix = await runCaptured(['doctor', '--fix', '--config', config], env)
    // The checks after the fixes see what they created (the connector's describe cache is refreshed).
    expect(fix.stdout).toContain(`ok   salesforce: Activity key field ${FIELD}: on Task and Event`)
    expect(fix.code, fix.stdout).toBe(EXIT_CODES.ok)
    const again = await runCaptured(['doctor', '--config', config], env)
    expect(again.code, again.stdout).toBe(EXIT_CODES.ok)
    expect(again.stdout).toContain(`ok   salesforce: Activity key field ${FIELD}: on Task and Event`)
    for (const type of ['tasks', 'meetings'])
      expect(again.stdout).toContain(
        `ok   hubspot: ${type} unique property crmsync_salesforce_id: hasUniqueValue=true`,
      )
    const synced = await runCaptured(['sync', '--once', '--config', config], env)
    expect(synced.stderr).not.toContain('ACTIVITY_KEY_FIELD_MISSING')
    expect(synced.code, synced.stderr).toBe(EXIT_CODES.ok)
  })

  it('B-ACT-5: an engagement crmsync_salesforce_id without unique values fails with how to fix it', async () => {
    const hs = new Client({
      accessToken: sandboxes.hubspot.accessToken,
      basePath: sandboxes.hubspot.basePath,
      numberOfApiCallRetries: 0,
    })
    await hs.crm.properties.coreApi.create('emails', {
      name: 'crmsync_salesforce_id',
      label: 'not unique',
      groupName: 'crmsync',
      type: 'string' as never,
      fieldType: 'text' as never,
    })
    const config = configWith('emails', '{ fromSalesforce: [email] }')
    const doctor = await runCaptured(['doctor', '--config', config], env)
    expect(doctor.code).toBe(EXIT_CODES.connection)
    expect(doctor.stdout).toContain(
      'FAIL hubspot: emails unique property crmsync_salesforce_id: hasUniqueValue=false: creates from Salesforce are upserts on it',
    )
    expect(doctor.stdout).toContain(
      'fix: Delete the emails property crmsync_salesforce_id and run crmsync doctor --fix',
    )
  })
})
