// `crmsync doctor --fix` with activity sync on, through both sandboxes and the official clients: it creates
// the Activity field Tasks are keyed by and the unique crmsync_salesforce_id on the engagement types written.
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

describe('crmsync doctor --fix with activity sync on (B-ACT-1, 5)', () => {
  let sandboxes: LocalSandboxes
  let config: string
  let env: Record<string, string>
  const dir = mkdtempSync(join(tmpdir(), 'crmsync-doctor-activities-'))

  beforeAll(async () => {
    sandboxes = await startLocalSandboxes()
    config = join(dir, 'crmsync.yaml')
    writeFileSync(
      config,
      sandboxConfigYaml(sandboxes, `sqlite:${join(dir, 'state.db')}`) +
        [
          '    settings:',
          '      activities: { toSalesforce: [call], fromSalesforce: [task, meeting] }',
          '',
        ].join('\n'),
    )
    env = sandboxTokenEnv(sandboxes)
  })
  afterAll(() => sandboxes.close())

  it('creates the Task key field and crmsync_salesforce_id on tasks and meetings, once', async () => {
    const run = await runCaptured(['doctor', '--fix', '--config', config], env)
    expect(run.stdout).toContain('ok   salesforce: fix: Activity.crmsync_HubSpot_Activity_Id__c: created')
    expect(run.stdout).toContain(
      'ok   hubspot: fix: tasks property crmsync_salesforce_id: created with unique values',
    )
    expect(run.stdout).toContain(
      'ok   hubspot: fix: meetings property crmsync_salesforce_id: created with unique values',
    )
    expect(run.stdout).not.toContain('calls property crmsync_salesforce_id')
    const sf = new jsforce.Connection({
      instanceUrl: sandboxes.salesforce.instanceUrl,
      accessToken: sandboxes.salesforce.accessToken,
      version: '59.0',
    })
    const task = await sf.sobject('Task').describe()
    expect(task.fields.map((f) => f.name)).toContain('crmsync_HubSpot_Activity_Id__c')
    const hs = new Client({
      accessToken: sandboxes.hubspot.accessToken,
      basePath: sandboxes.hubspot.basePath,
      numberOfApiCallRetries: 0,
    })
    expect((await hs.crm.properties.coreApi.getByName('tasks', 'crmsync_salesforce_id')).hasUniqueValue).toBe(
      true,
    )
    const again = await runCaptured(['doctor', '--fix', '--config', config], env)
    expect(again.stdout).not.toContain('fix: Activity.crmsync_HubSpot_Activity_Id__c')
    expect(again.stdout).not.toContain('fix: tasks property')
    expect(again.stdout).not.toContain('fix: meetings property')
  })
})
